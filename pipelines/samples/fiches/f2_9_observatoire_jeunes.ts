// Fiche 2.9: the youth observatory's own tables for 2026 — the SIAO and 115 requests of every age (so the share of
// young people can be computed), a cohort of young people met since 2025, its study days, and its deliverables.
import { obsCohorte, obsDemandesSiao, obsLivrables, obsRencontres } from "../../contracts/f2_9_observatoire_jeunes.ts";
import { addDays, addMonths } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import { convention, dayIn, type FicheContext, type FicheOutput, numberByYear, pad, scaled, workdayIn } from "./common.ts";

export const OPERATEUR_OBS = "OBS-JEUNES-62";

type Demande = OperatorRow<typeof obsDemandesSiao>;
type Vague = OperatorRow<typeof obsCohorte>;

const SITUATIONS = [
  ["rue", 22],
  ["heberge_tiers", 20],
  ["structure_hebergement", 12],
  ["squat", 6],
  ["errance", 8],
  ["hotel", 6],
  ["habitat_precaire", 5],
  ["institution", 6],
  ["locataire_parc_social", 5],
  ["locataire_parc_prive", 5],
  ["autre", 3],
  ["non_renseigne", 2],
] as const;

export function observatoireJeunes(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const personnes: { id: string; age: number; sexe: "F" | "M" | "non_renseigne"; ase: "oui" | "non" | "inconnu" | null; place: ReturnType<typeof places.draw> }[] = [];
  const demandes: Demande[] = [];
  for (let i = 0; i < scaled(ctx, 1400, 30); i++) {
    // People call again: about a third of the requests come from someone already known this year.
    let p = personnes.length > 20 && random.chance(0.35) ? random.pick(personnes) : undefined;
    if (!p) {
      const jeune = random.chance(0.24);
      p = {
        id: `SIAO-P-${pad(personnes.length + 1, 5)}`,
        age: jeune ? random.int(18, 25) : random.int(26, 72),
        sexe: random.weighted([
          ["M", 64],
          ["F", 35],
          ["non_renseigne", 1],
        ] as const),
        ase: jeune
          ? random.weighted([
              ["oui", 35],
              ["non", 45],
              ["inconnu", 20],
            ] as const)
          : random.chance(0.4)
            ? random.weighted([
                ["non", 80],
                ["oui", 5],
                ["inconnu", 15],
              ] as const)
            : null,
        place: places.draw(random),
      };
      personnes.push(p);
    }
    const canal = random.weighted([
      ["appel_115", 55],
      ["siao_insertion", 25],
      ["maraude", 10],
      ["accueil_de_jour", 8],
      ["autre", 2],
    ] as const);
    const reponse = random.weighted([
      ["hebergement_propose", 38],
      ["pas_de_place", 22],
      ["orientation", 15],
      ["logement_propose", 6],
      ["refus_personne", 9],
      ["sans_suite", 10],
    ] as const);
    const year = random.chance(0.8);
    demandes.push({
      code_operateur: OPERATEUR_OBS,
      id_personne: p.id,
      date_demande: dayIn(random, "2026-01-01", DATE_ARRETE),
      canal,
      antenne_siao: p.place.mds as Demande["antenne_siao"],
      code_commune: random.chance(0.7) ? p.place.code : null,
      sexe: p.sexe,
      age_entree: year ? p.age : null,
      annee_naissance: year ? null : 2026 - p.age,
      composition_familiale: random.weighted([
        ["personne_seule", 70],
        ["famille_monoparentale", 14],
        ["couple_sans_enfant", 8],
        ["couple_avec_enfants", 6],
        ["autre", 2],
      ] as const),
      situation_logement: random.weighted(SITUATIONS),
      parcours_ase: p.ase,
      sortie_institution: random.chance(0.6)
        ? random.weighted([
            ["aucune", 80],
            ["ase", p.ase === "oui" ? 15 : 1],
            ["prison", 5],
            ["hopital_psychiatrie", 4],
            ["autre", 2],
          ] as const)
        : null,
      type_ressources: random.chance(0.7)
        ? random.weighted([
            ["sans_ressources", 35],
            ["rsa", 25],
            ["aah", 8],
            ["salaire", 8],
            ["indemnites_chomage", 6],
            ["cej_allocation", p.age <= 25 ? 10 : 0],
            ["autre", 8],
          ] as const)
        : null,
      reponse,
      type_hebergement_propose:
        reponse === "hebergement_propose"
          ? random.weighted([
              ["chu", 55],
              ["chrs", 20],
              ["hotel", 15],
              ["logement_adapte", 7],
              ["autre", 3],
            ] as const)
          : null,
    });
  }
  numberByYear(
    demandes,
    (d) => d.date_demande!,
    (d, id) => (d.id_demande = id),
    "SIAO-",
    6,
  );

  // Cohort: young people met in 2025 (first wave), seen again about every six months while they can be reached.
  const cohorte: Vague[] = [];
  for (let j = 0; j < scaled(ctx, 70, 8); j++) {
    const first = dayIn(random, "2025-02-01", "2025-11-30");
    const age = j === 0 ? 26 : random.int(18, 24);
    const base = {
      code_operateur: OPERATEUR_OBS,
      id_jeune: `JEUNE-${pad(j + 1, 4)}`,
      sexe: random.weighted([
        ["M", 55],
        ["F", 44],
        ["non_renseigne", 1],
      ] as const),
      annee_naissance: Number(first.slice(0, 4)) - age,
      parcours_ase: random.weighted([
        ["oui", 45],
        ["non", 45],
        ["inconnu", 10],
      ] as const),
      territoire_mds: random.chance(0.9) ? (places.draw(random).mds as Vague["territoire_mds"]) : null,
    };
    let lost = false;
    for (let vague = 1, date = first; date <= DATE_ARRETE && !lost; vague++, date = addDays(addMonths(date, 6), random.int(-20, 20))) {
      lost = vague > 1 && random.chance(0.18);
      const housed = vague > 1 && random.chance(0.3);
      cohorte.push({
        ...base,
        vague,
        date_observation: date,
        mode_recueil:
          vague === 1
            ? "entretien"
            : random.weighted([
                ["entretien", 5],
                ["questionnaire", 3],
                ["donnees_administratives", 2],
              ] as const),
        consentement: true,
        perdu_de_vue: lost,
        situation_logement: lost ? null : housed ? random.pick(["locataire_parc_social", "locataire_parc_prive", "logement_adapte"] as const) : random.weighted(SITUATIONS),
        situation_professionnelle: lost
          ? null
          : random.weighted([
              ["demandeur_emploi", 35],
              ["formation_etudes", 25],
              ["emploi", 15],
              ["sans_activite", 20],
              ["non_renseigne", 5],
            ] as const),
        type_ressources: lost
          ? null
          : random.chance(0.8)
            ? random.weighted([
                ["cej_allocation", 25],
                ["sans_ressources", 25],
                ["faj", 10],
                ["allocation_jeune_majeur", 10],
                ["salaire", 12],
                ["rsa", 8],
                ["bourse_etudes", 5],
                ["autre", 5],
              ] as const)
            : null,
        accompagnements_en_cours: lost
          ? []
          : random.chance(0.2)
            ? ["aucun"]
            : random.some(["envaul", "mission_locale_cej", "contrat_jeune_majeur_apjm", "fsl", "adsl", "autre"] as const, 1, 2),
        relogement_depuis_vague_precedente: vague > 1 && !lost ? housed : null,
      });
    }
  }

  const rencontres: OperatorRow<typeof obsRencontres>[] = [];
  for (let i = 0; i < scaled(ctx, 9, 3); i++) {
    const type =
      i === 0
        ? "recherche_participative"
        : random.weighted([
            ["journee_etude", 2],
            ["atelier_travail", 5],
            ["recherche_participative", 2],
          ] as const);
    rencontres.push({
      code_operateur: OPERATEUR_OBS,
      date: workdayIn(random, "2026-01-15", DATE_ARRETE),
      type,
      territoire_mds: type === "journee_etude" ? null : (places.draw(random).mds as OperatorRow<typeof obsRencontres>["territoire_mds"]),
      nb_participants_professionnels: type === "journee_etude" ? random.int(40, 90) : random.int(6, 18),
      nb_jeunes: type === "recherche_participative" ? random.int(3, 9) : type === "atelier_travail" && random.chance(0.3) ? random.int(1, 4) : 0,
      categories_participants: random.some(
        [
          "siao_hebergement",
          "travailleur_social_lda",
          "travailleur_social_departement",
          "bailleur_social",
          "parentalite_protection_enfance",
          "association_autre",
          "collectivite_epci",
        ] as const,
        2,
        4,
      ),
    });
  }
  numberByYear(
    rencontres,
    (r) => r.date!,
    (r, id) => (r.id_rencontre = id),
    "OBS-R-",
    2,
  );

  const livrables: OperatorRow<typeof obsLivrables>[] = (
    [
      ["2026-03-20", "cartographie", "Cartographie des demandes au 115 des 18-25 ans", ["departement"]],
      ["2026-05-12", "fiche_thematique", "Les jeunes sortants de l'ASE face au logement", ["departement"]],
      ["2026-06-30", "fiche_thematique", "Jeunes et hébergement d'urgence sur le littoral", ["calaisis", "boulonnais", "montreuillois"]],
      ["2026-09-15", "fiche_synthese", "Synthèse semestrielle de l'observatoire", ["departement"]],
      ["2026-10-20", "fiche_thematique", "Ressources des jeunes accompagnés en ENVAUL", ["artois", "lens_lievin", "henin_carvin"]],
    ] as const
  ).map(([date, type, titre, perimetre], i) => ({
    code_operateur: OPERATEUR_OBS,
    id_livrable: `OBS-L-2026-${pad(i + 1, 2)}`,
    date,
    type_livrable: type,
    titre,
    perimetre: [...perimetre],
    url_ou_fichier: `${titre
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")}.pdf`,
  }));

  return {
    tables: [
      { report: obsDemandesSiao, operator: OPERATEUR_OBS, flavour: "csv-excel-fr", rows: demandes },
      { report: obsCohorte, operator: OPERATEUR_OBS, flavour: "csv-excel-fr", rows: cohorte },
      { report: obsRencontres, operator: OPERATEUR_OBS, flavour: "csv-excel-fr", rows: rencontres },
      { report: obsLivrables, operator: OPERATEUR_OBS, flavour: "csv-excel-fr", rows: livrables },
    ],
    conventions: [
      convention(ctx, {
        id_convention: `CONV-2026-OBS-${OPERATEUR_OBS}`,
        fiche: "f2_9_observatoire_jeunes",
        code_operateur: OPERATEUR_OBS,
        perimetre: ["departement"],
        date_debut: "2026-01-01",
        date_fin: "2026-12-31",
        montant_conventionne: 19800,
        taux_avance: 1,
      }),
    ],
    anomalies: [
      {
        regle: "2.9 r06",
        attendu: "ecart",
        operateur: OPERATEUR_OBS,
        table: "obs_cohorte",
        id: "JEUNE-0001",
        description: "âge à la première vague de la cohorte au-delà de 25 ans (26)",
      },
    ],
  };
}
