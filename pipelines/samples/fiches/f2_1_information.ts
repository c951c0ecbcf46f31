// Fiche 2.1: the ADIL's legal information on housing in 2026 — phone calls mostly, appointments in its five
// offices, visits to its regular permanences across the département, and a few articles and fairs.
import { infoActionsInformation, infoConsultations, infoPermanences } from "../../contracts/f2_1_information.ts";
import type { Anomalie } from "../anomalies.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import { addDays } from "../dates.ts";
import { convention, type FicheContext, type FicheOutput, monthsBetween, numberByYear, pad, scaled, workday, workdayIn } from "./common.ts";

export const OPERATEUR_INFO = "ADIL-62";

type Consultation = OperatorRow<typeof infoConsultations>;
type Permanence = OperatorRow<typeof infoPermanences>;
type Action = OperatorRow<typeof infoActionsInformation>;

const BUREAUX = ["Arras", "Boulogne-sur-Mer", "Calais", "Lens", "Béthune"];
const LIEUX = ["Saint-Omer", "Montreuil-sur-Mer", "Saint-Pol-sur-Ternoise", "Hénin-Beaumont", "Liévin", "Bruay-la-Buissière", "Berck", "Étaples", "Desvres", "Bapaume"];

const MODES = [
  ["telephone", 55],
  ["rdv_bureau", 15],
  ["permanence", 14],
  ["accueil_sans_rdv", 5],
  ["courriel", 9],
  ["visio", 1],
  ["courrier", 1],
] as const;
const THEMES = [
  ["rapports_locatifs", 30],
  ["impayes_expulsion", 8],
  ["acces_parc_locatif", 10],
  ["accession_propriete", 8],
  ["financement_pret", 5],
  ["fiscalite", 4],
  ["copropriete", 6],
  ["amelioration_renovation", 8],
  ["habitat_indigne_decence", 7],
  ["permis_de_louer", 3],
  ["urbanisme", 3],
  ["voisinage", 5],
  ["autre", 3],
] as const;
const STATUTS = [
  ["locataire_parc_prive", 38],
  ["locataire_parc_social", 16],
  ["proprietaire_occupant", 18],
  ["proprietaire_bailleur", 14],
  ["accedant", 5],
  ["heberge", 3],
  ["autre", 2],
  ["non_renseigne", 4],
] as const;
const MOTIFS = [
  ["information_generale", 35],
  ["difficulte_en_cours", 25],
  ["litige", 15],
  ["preparation_projet", 12],
  ["demande_rendez_vous", 8],
  ["demande_orientation", 3],
  ["autre", 2],
] as const;

export function information(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const from = "2026-01-02";
  const permanences: Permanence[] = [];
  // Each office holds a weekly session on its own weekday; each permanence place twice a month.
  BUREAUX.forEach((nom, i) => {
    for (let d = addDays("2026-01-05", i % 5); d <= DATE_ARRETE; d = addDays(d, 7)) {
      if (d.slice(5, 7) === "08" && random.chance(0.5)) continue;
      permanences.push({ date: d, id_lieu: `L-${pad(i + 1, 2)}`, type_lieu: "bureau_permanent", code_commune_lieu: places.code(nom), duree_heures: 7 });
    }
  });
  LIEUX.forEach((nom, i) => {
    for (const month of monthsBetween(from, DATE_ARRETE)) {
      if (month.slice(5, 7) === "08") continue;
      for (const day of [3 + (i % 5), 17 + (i % 5)]) {
        const d = workday(addDays(month, day));
        if (d <= DATE_ARRETE)
          permanences.push({
            date: d,
            id_lieu: `L-${pad(BUREAUX.length + i + 1, 2)}`,
            type_lieu: "lieu_permanence",
            code_commune_lieu: places.code(nom),
            duree_heures: random.pick([2.5, 3, 3.5]),
          });
      }
    }
  });
  numberByYear(
    permanences,
    (p) => p.date!,
    (p, id) => (p.id_permanence = id),
    "P-",
    4,
  );

  const usagers: string[] = [];
  const counts = new Map<Permanence, number>();
  const consultations: Consultation[] = [];
  for (let i = 0; i < scaled(ctx, 3000, 40); i++) {
    const mode = random.weighted(MODES);
    let date = workdayIn(random, from, DATE_ARRETE);
    let lieu: string | null = null;
    if (mode === "permanence") {
      const p = random.pick(permanences.filter((x) => x.type_lieu === "lieu_permanence"));
      counts.set(p, (counts.get(p) ?? 0) + 1);
      date = p.date!;
      lieu = p.id_lieu!;
    } else if (mode === "rdv_bureau" || mode === "accueil_sans_rdv") lieu = `L-${pad(random.int(1, BUREAUX.length), 2)}`;
    const commune = random.chance(0.8) ? places.draw(random) : null;
    const theme = random.weighted(THEMES);
    // About one consultant in five comes back; the others are identified once, or not at all on the phone.
    let usager: string | null = null;
    if (random.chance(0.2) && usagers.length) usager = random.pick(usagers);
    else if (random.chance(0.7)) usagers.push((usager = `U-${pad(usagers.length + 1, 6)}`));
    consultations.push({
      code_operateur: OPERATEUR_INFO,
      date_consultation: date,
      mode_consultation: mode,
      id_lieu: lieu,
      id_usager: usager,
      type_consultant: random.weighted([
        ["particulier", 86],
        ["professionnel_social", 7],
        ["professionnel_immobilier", 3],
        ["elu_collectivite", 2],
        ["autre", 2],
      ] as const),
      code_commune_usager: commune?.code ?? null,
      territoire_mds_usager: commune ? null : random.chance(0.5) ? (random.pick(places.all).mds as Consultation["territoire_mds_usager"]) : null,
      statut_occupation: random.weighted(STATUTS),
      sexe: random.chance(0.85)
        ? random.weighted([
            ["F", 54],
            ["M", 45],
            ["non_renseigne", 1],
          ] as const)
        : null,
      tranche_age: random.chance(0.7)
        ? random.weighted([
            ["18_25", 10],
            ["26_35", 22],
            ["36_50", 30],
            ["51_65", 24],
            ["plus_65", 14],
          ] as const)
        : null,
      composition_familiale: random.chance(0.5)
        ? random.weighted([
            ["personne_seule", 35],
            ["famille_monoparentale", 20],
            ["couple_avec_enfants", 25],
            ["couple_sans_enfant", 18],
            ["autre", 2],
          ] as const)
        : null,
      situation_professionnelle: random.chance(0.4)
        ? random.weighted([
            ["emploi", 45],
            ["retraite", 22],
            ["demandeur_emploi", 15],
            ["invalidite_inaptitude", 6],
            ["sans_activite", 8],
            ["formation_etudes", 4],
          ] as const)
        : null,
      motif: mode === "telephone" ? random.weighted(MOTIFS) : null,
      theme_principal: theme,
      themes_secondaires: random.chance(0.25) ? [random.pick(THEMES.filter(([t]) => t !== theme))[0]] : [],
      domaine: random.chance(0.9)
        ? [
            random.weighted([
              ["juridique", 70],
              ["financier", 15],
              ["fiscal", 7],
              ["technique", 8],
            ] as const),
          ]
        : [],
      habitat_indigne: theme === "habitat_indigne_decence" || random.chance(0.02),
      permis_de_louer: theme === "permis_de_louer" || random.chance(0.01),
      orientation_vers: random.chance(0.6)
        ? random.weighted([
            ["aucune", 60],
            ["services_sociaux_mds", 8],
            ["fsl", 5],
            ["numero_vert_expulsions", 6],
            ["commission_surendettement", 3],
            ["avocat_aide_juridictionnelle", 6],
            ["mairie_epci", 6],
            ["france_renov_anah", 4],
            ["caf", 2],
          ] as const)
        : null,
    });
  }
  // r03: an appointment noted at a place the ADIL stopped using, which no permanence lists; r02: a consultation of the last days of 2025.
  const stray = consultations.find((c) => c.mode_consultation === "rdv_bureau") ?? consultations[0]!;
  Object.assign(stray, { mode_consultation: "rdv_bureau", motif: null, id_lieu: "L-AIRE-SUR-LA-LYS" });
  const early = consultations.find((c) => c !== stray && c.mode_consultation === "telephone") ?? consultations.find((c) => c !== stray && c.mode_consultation !== "permanence")!;
  early.date_consultation = "2025-12-30";
  numberByYear(
    consultations,
    (c) => c.date_consultation!,
    (c, id) => (c.id_consultation = id),
    "C-",
    6,
  );
  for (const p of permanences) p.nb_consultations = p.type_lieu === "bureau_permanent" ? null : (counts.get(p) ?? 0);

  const actions: Action[] = [];
  for (let i = 0; i < scaled(ctx, 40, 6); i++) {
    const type = random.weighted([
      ["article_presse", 6],
      ["bulletin_municipal", 8],
      ["bulletin_intercommunal", 4],
      ["diffusion_documents", 10],
      ["salon", 3],
      ["forum", 5],
      ["autre_manifestation", 2],
    ] as const);
    const commune = places.draw(random);
    const salon = type === "salon" || type === "forum" || type === "autre_manifestation";
    actions.push({
      code_operateur: OPERATEUR_INFO,
      date: workdayIn(random, from, DATE_ARRETE),
      type_action: type,
      code_commune: random.chance(0.8) ? commune.code : null,
      territoire_mds: commune.mds as Action["territoire_mds"],
      theme: random.chance(0.7) ? random.weighted(THEMES) : null,
      nb_personnes_touchees: salon ? random.int(60, 600) : type === "diffusion_documents" ? random.int(50, 400) : random.chance(0.5) ? random.int(800, 15000) : null,
    });
  }
  numberByYear(
    actions,
    (a) => a.date!,
    (a, id) => (a.id_action = id),
    "A-",
    3,
  );
  for (const p of permanences) p.code_operateur = OPERATEUR_INFO;

  const anomalies: Anomalie[] = [
    {
      regle: "2.1 r03",
      attendu: "ecart",
      operateur: OPERATEUR_INFO,
      table: "info_consultations",
      id: stray.id_consultation!,
      description: "rendez-vous dans un lieu absent des permanences déclarées",
    },
    {
      regle: "2.1 r02",
      attendu: "ecart",
      operateur: OPERATEUR_INFO,
      table: "info_consultations",
      id: early.id_consultation!,
      description: "consultation datée de décembre 2025, hors de la convention 2026",
    },
  ];
  return {
    tables: [
      { report: infoConsultations, operator: OPERATEUR_INFO, flavour: "csv-excel-fr", rows: consultations },
      { report: infoPermanences, operator: OPERATEUR_INFO, flavour: "csv-excel-fr", rows: permanences },
      { report: infoActionsInformation, operator: OPERATEUR_INFO, flavour: "csv-excel-fr", rows: actions },
    ],
    conventions: [
      convention(ctx, {
        id_convention: `CONV-2026-INFO-${OPERATEUR_INFO}`,
        fiche: "f2_1_information",
        code_operateur: OPERATEUR_INFO,
        perimetre: ["departement"],
        date_debut: "2026-01-01",
        date_fin: "2026-12-31",
        montant_conventionne: 100000,
        taux_avance: 1,
      }),
    ],
    anomalies,
  };
}
