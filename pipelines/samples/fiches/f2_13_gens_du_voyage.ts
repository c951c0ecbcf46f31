// Fiche 2.13: the schéma des gens du voyage animated through 2026 — meetings, adapted-housing work, the summer's
// grands passages against the departmental planning, requests from families and from communes and EPCIs.
import { gdvGrandsPassages, gdvHabitatAdapte, gdvReunions, gdvSaisinesFamilles, gdvSollicitationsCollectivites } from "../../contracts/f2_13_gens_du_voyage.ts";
import { addDays } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import { convention, dayIn, type FicheContext, type FicheOutput, numberByYear, pad, scaled, workdayIn } from "./common.ts";

export const OPERATEUR_GDV = "ASSO-GDV-62";

type Reunion = OperatorRow<typeof gdvReunions>;
type Passage = OperatorRow<typeof gdvGrandsPassages>;
type Sollicitation = OperatorRow<typeof gdvSollicitationsCollectivites>;

/** Communes with a grand-passage area or a site the planning uses. */
const AIRES = ["Saint-Omer", "Arras", "Calais", "Boulogne-sur-Mer", "Béthune", "Lens", "Berck", "Saint-Pol-sur-Ternoise"];

export function gensDuVoyage(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const mds = () => random.pick(places.all).mds as Reunion["territoire_mds"];
  const reunions: Reunion[] = [];
  for (let i = 0; i < scaled(ctx, 45, 8); i++) {
    const instance = random.weighted([
      ["groupe_travail", 16],
      ["comite_technique", 5],
      ["comite_pilotage", 1],
      ["commission_consultative", 1],
      ["reseau", 6],
      ["autre", 2],
    ] as const);
    const thematique = random.weighted([
      ["habitat_adapte", 6],
      ["scolarisation", 5],
      ["aires_accueil_permanentes", 5],
      ["grands_passages", 4],
      ["insertion", 3],
      ["sante", 3],
      ["nouveaux_projets_aires", 3],
      ["formation_insertion_professionnelle", 2],
      ["sedentarisation_mous", 2],
      ["accueil", 3],
    ] as const);
    const echelle =
      instance === "comite_pilotage" || instance === "commission_consultative"
        ? "departementale"
        : instance === "reseau" && random.chance(0.4)
          ? "regionale"
          : random.chance(0.6)
            ? "territoriale"
            : "departementale";
    reunions.push({
      code_operateur: OPERATEUR_GDV,
      date: workdayIn(random, "2026-01-12", DATE_ARRETE),
      instance,
      thematique,
      echelle,
      territoire_mds: echelle === "territoriale" ? mds() : null,
      productions:
        instance === "groupe_travail" && random.chance(0.6)
          ? random.pick([
              "Cahier des charges d'un habitat adapté",
              "Guide d'accueil des familles sur les aires",
              "Fiche réflexe scolarisation",
              "Calendrier des grands passages",
              "Diagnostic des besoins en terrains familiaux",
            ])
          : null,
      nb_participants: random.chance(0.85) ? random.int(6, 40) : null,
    });
  }
  // r06: a meeting of mid-December 2025 sent with the 2026 activity.
  reunions[0]!.date = "2025-12-16";
  numberByYear(
    reunions,
    (r) => r.date!,
    (r, id) => (r.id_reunion = id),
    "GDV-R-",
    3,
  );
  const early = reunions.find((r) => r.date === "2025-12-16")!;

  const habitat: OperatorRow<typeof gdvHabitatAdapte>[] = [];
  for (let i = 0; i < scaled(ctx, 14, 3); i++) {
    const type = random.weighted([
      ["accompagnement_menage", 5],
      ["accompagnement_bailleur", 3],
      ["etude_opportunite", 3],
    ] as const);
    const commune = places.draw(random);
    habitat.push({
      code_operateur: OPERATEUR_GDV,
      date: workdayIn(random, "2026-01-12", DATE_ARRETE),
      type_action: type,
      avec:
        type === "accompagnement_menage"
          ? ["menage"]
          : type === "accompagnement_bailleur"
            ? ["bailleur"]
            : random.some(["bailleur", "menage", "gestionnaire_aire_accueil"] as const, 1, 2),
      etude_realisee: type === "etude_opportunite" && random.chance(0.6),
      code_commune: random.chance(0.8) ? commune.code : null,
      epci_siren: commune.epci,
      statut: random.weighted([
        ["en_cours", 6],
        ["terminee", 3],
        ["abandonnee", 1],
      ] as const),
      nb_menages: random.int(1, 6),
    });
  }
  numberByYear(
    habitat,
    (h) => h.date!,
    (h, id) => (h.id_action = id),
    "GDV-HA-",
    3,
  );

  const passages: Passage[] = [];
  for (let i = 0; i < scaled(ctx, 28, 5); i++) {
    const prevu = random.chance(0.78);
    const arriveePrevue = dayIn(random, "2026-05-03", "2026-09-13");
    const realise = !prevu || random.chance(0.85);
    const arrivee = prevu ? addDays(arriveePrevue, random.int(-2, 3)) : dayIn(random, "2026-04-20", "2026-09-20");
    const site = prevu
      ? random.weighted([
          ["aire_grand_passage", 7],
          ["terrain_autorise", 3],
        ] as const)
      : random.weighted([
          ["site_non_inscrit", 6],
          ["terrain_autorise", 2],
          ["aire_grand_passage", 1],
        ] as const);
    const irreguliere = site === "site_non_inscrit" || (!prevu && random.chance(0.3));
    const caravanesPrevues = random.pick([50, 80, 100, 120, 150, 200]);
    const caravanes = Math.max(10, caravanesPrevues + random.int(-40, 30));
    passages.push({
      code_operateur: OPERATEUR_GDV,
      code_groupe: `GRP-${String.fromCharCode(65 + (i % 26))}${pad(random.int(1, 40), 2)}`,
      prevu_au_planning: prevu,
      date_arrivee_prevue: prevu ? arriveePrevue : null,
      nb_caravanes_prevu: prevu ? caravanesPrevues : null,
      date_arrivee: realise ? arrivee : null,
      date_depart: realise ? addDays(arrivee, random.int(6, 15)) : null,
      realise,
      code_commune: places.code(random.pick(AIRES)),
      type_site: site,
      installation_irreguliere: irreguliere,
      nb_caravanes: realise ? caravanes : null,
      nb_personnes_estime: realise && random.chance(0.8) ? caravanes * random.int(2, 3) : null,
      mediation_realisee: !prevu || irreguliere ? random.chance(0.8) : random.chance(0.1) ? true : null,
    });
  }
  numberByYear(
    passages,
    (p) => p.date_arrivee ?? p.date_arrivee_prevue!,
    (p, id) => (p.id_passage = id),
    "GP-",
    3,
  );

  const saisines: OperatorRow<typeof gdvSaisinesFamilles>[] = [];
  for (let i = 0; i < scaled(ctx, 110, 6); i++) {
    const nature = random.weighted([
      ["stationnement_illicite", 20],
      ["pv_stationnement_illicite", 10],
      ["scolarisation", 22],
      ["conflit_administration", 15],
      ["demande_information", 28],
      ["autre", 5],
    ] as const);
    saisines.push({
      code_operateur: OPERATEUR_GDV,
      date: workdayIn(random, "2026-01-05", DATE_ARRETE),
      nature,
      code_commune: random.chance(0.7) ? places.draw(random).code : null,
      suite: random.chance(0.9)
        ? random.weighted([
            ["information", 40],
            ["orientation", 25],
            ["mediation", 25],
            ["sans_suite", 10],
          ] as const)
        : null,
    });
  }
  numberByYear(
    saisines,
    (s) => s.date!,
    (s, id) => (s.id_saisine = id),
    "GDV-S-",
    3,
  );

  const sollicitations: Sollicitation[] = [];
  for (let i = 0; i < scaled(ctx, 70, 6); i++) {
    const commune = random.chance(0.62);
    const place = places.draw(random);
    const date = workdayIn(random, "2026-01-05", DATE_ARRETE);
    const summer = date >= "2026-05-01" && date <= "2026-09-30";
    sollicitations.push({
      code_operateur: OPERATEUR_GDV,
      date,
      type_collectivite: commune ? "commune" : "epci",
      code_commune: commune ? place.code : null,
      epci_siren: commune ? null : place.epci,
      objet:
        summer && random.chance(0.6)
          ? "stationnement_illicite"
          : random.weighted([
              ["stationnement_illicite", 3],
              ["gestion_aire_accueil", 3],
              ["projet_aire_ou_habitat_adapte", 2],
              ["scolarisation", 1],
              ["conflit_voisinage", 2],
              ["autre", 1],
            ] as const),
    });
  }
  numberByYear(
    sollicitations,
    (s) => s.date!,
    (s, id) => (s.id_sollicitation = id),
    "GDV-C-",
    3,
  );

  return {
    tables: [
      { report: gdvReunions, operator: OPERATEUR_GDV, flavour: "xlsx-libelles", rows: reunions },
      { report: gdvHabitatAdapte, operator: OPERATEUR_GDV, flavour: "xlsx-libelles", rows: habitat },
      { report: gdvGrandsPassages, operator: OPERATEUR_GDV, flavour: "xlsx-libelles", rows: passages },
      { report: gdvSaisinesFamilles, operator: OPERATEUR_GDV, flavour: "xlsx-libelles", rows: saisines },
      { report: gdvSollicitationsCollectivites, operator: OPERATEUR_GDV, flavour: "xlsx-libelles", rows: sollicitations },
    ],
    conventions: [
      convention(ctx, {
        id_convention: `CONV-2026-GDV-${OPERATEUR_GDV}`,
        fiche: "f2_13_gens_du_voyage",
        code_operateur: OPERATEUR_GDV,
        perimetre: ["departement"],
        date_debut: "2026-01-01",
        date_fin: "2026-12-31",
        // The Département's half of the 75 270 € the State and the Département share equally.
        montant_conventionne: 37635,
        taux_avance: 1,
      }),
    ],
    anomalies: [
      {
        regle: "2.13 r06",
        attendu: "ecart",
        operateur: OPERATEUR_GDV,
        table: "gdv_reunions",
        id: early.id_reunion!,
        description: "réunion de décembre 2025 déclarée dans l'activité 2026",
      },
    ],
  };
}
