// Logement d'abord tables beyond the measures: platform referrals, weekly meetings, financial securing.
import { col } from "./columns.ts";
import {
  COMPOSITIONS_FAMILIALES,
  DIFFICULTES,
  OUI_NON_INCONNU,
  SEXES,
  SEXES_LABELS,
  SITUATIONS_LOGEMENT,
  STRUCTURES_ORIGINE,
  TERRITOIRES_LDA,
  TERRITOIRES_LDA_LABELS,
} from "./dimensions.ts";
import { commonChecks, defineReport } from "./report.ts";

const LDA_FICHES = ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"] as const;

/** Spec §2.4.4 `lda_saisines`: the coordinator's table of situations referred to a platform (« fiches saisine »). */
export const ldaSaisines = defineReport({
  table: "lda_saisines",
  titre: "Saisines des plateformes Logement d'abord",
  description: "Une ligne par situation adressée à une plateforme Logement d'abord (fiche saisine), transmise par l'antenne SIAO qui porte la plateforme.",
  fiches: LDA_FICHES,
  producer: "operateur",
  key: ["id_saisine"],
  columns: {
    id_saisine: col.str({ req: "R", label: "Identifiant de la saisine", example: "S-2026-0456" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage", example: "M-000087" }),
    date_saisine: col.date({ req: "R", label: "Date de la saisine", example: "2026-03-02" }),
    territoire_lda: col.enum(TERRITOIRES_LDA, { req: "R", label: "Territoire Logement d'abord", example: "calaisis", valueLabels: TERRITOIRES_LDA_LABELS }),
    code_commune: col.commune({ req: "O", label: "Commune (code INSEE)", example: "62193" }),
    origine_saisine: col.enum(STRUCTURES_ORIGINE, { req: "R", label: "Structure à l'origine de la saisine", example: "ccas" }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "R", label: "Composition familiale", example: "personne_seule" }),
    nb_enfants: col.int({ req: "O", label: "Nombre d'enfants", example: "0", min: 0, max: 20 }),
    situation_logement_demande: col.enum(SITUATIONS_LOGEMENT, { req: "R", label: "Situation de logement à la demande", example: "heberge_tiers" }),
    sexe: col.enum(SEXES, { req: "R", label: "Sexe de la personne concernée", example: "M", valueLabels: SEXES_LABELS }),
    age_entree: col.int({ req: "C", condition: "âge ou année de naissance", label: "Âge à la saisine", example: "22", min: 0, max: 110 }),
    annee_naissance: col.int({ req: "C", condition: "âge ou année de naissance", label: "Année de naissance", example: "2004", min: 1900, max: 2030 }),
    parcours_ase: col.enum(OUI_NON_INCONNU, { req: "O", label: "Parcours à l'Aide sociale à l'enfance", example: "inconnu" }),
    difficultes: col.list(DIFFICULTES, { req: "O", label: "Difficultés", example: "isolement|gestion_budgetaire" }),
    passage_commission_parcours_complexes: col.bool({ req: "O", label: "Passage en commission des parcours complexes", example: "Non" }),
    orientation_proposee: col.enum(
      ["adsl", "vial", "envaul", "iml", "accompagnement_droit_commun", "hebergement", "non_eligible", "sans_suite", "en_cours"],
      { req: "R", label: "Orientation proposée", example: "adsl" },
    ),
    date_orientation: col.date({ req: "C", condition: "obligatoire sauf orientation « en_cours »", label: "Date de l'orientation", example: "2026-03-20" }),
  },
  checks: ({ rule, and, other, absent, before }) => [
    commonChecks.ageOrBirthYear("à la saisine"),
    rule(and(other("orientation_proposee", "en_cours"), absent("date_orientation")), "date_orientation", "date d'orientation manquante alors qu'une orientation est proposée"),
    rule(before("date_orientation", "date_saisine"), "date_orientation", (r) => `orientation (${r.date_orientation}) antérieure à la saisine (${r.date_saisine})`),
  ],
});

/** Spec §2.4.4 `lda_rencontres_hebdo` (optional): meetings per measure and ISO week, for the intensity rule r04. */
export const ldaRencontresHebdo = defineReport({
  table: "lda_rencontres_hebdo",
  titre: "Rencontres hebdomadaires (Logement d'abord)",
  description: "Facultatif : une ligne par mesure et par semaine, avec le nombre de rencontres et de visites à domicile.",
  fiches: LDA_FICHES,
  producer: "operateur",
  key: ["id_mesure", "semaine"],
  columns: {
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ADSL-2026-0001", feeds: "r04" }),
    semaine: col.week({ req: "R", label: "Semaine ISO", example: "2026-W07", feeds: "r04" }),
    nb_rencontres: col.int({ req: "R", label: "Rencontres avec le référent", example: "3", min: 0, max: 50, feeds: "r04" }),
    nb_visites_domicile: col.int({ req: "R", label: "Dont visites au domicile", example: "1", min: 0, max: 50, feeds: "r04" }),
    nb_rencontres_horaires_atypiques: col.int({ req: "O", label: "Dont en horaires atypiques (soirée, week-end)", example: "0", min: 0, max: 50, feeds: "2.5 r13" }),
  },
  checks: ({ rule, exceeds }) => [rule(exceeds("nb_visites_domicile", "nb_rencontres"), "nb_visites_domicile", "plus de visites à domicile que de rencontres dans la semaine")],
});

/** Spec §2.4.4 `lda_securisation`: requests for financial securing of a sub-lease that could not slide (ADSL, VIAL). */
export const ldaSecurisation = defineReport({
  table: "lda_securisation",
  titre: "Demandes de sécurisation financière (ADSL, VIAL)",
  description: "Une ligne par demande de sécurisation financière (loyer résiduel, dégradations, frais de procédure) sur des mois-mesures non utilisés.",
  fiches: ["f2_4_adsl", "f2_5_vial", "f2_7_lda_extension"],
  producer: "operateur",
  key: ["id_demande"],
  columns: {
    id_demande: col.str({ req: "R", label: "Identifiant de la demande", example: "SEC-2026-003" }),
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ADSL-2026-0001", feeds: "r08" }),
    date_demande: col.date({ req: "R", label: "Date de la demande", example: "2026-09-15" }),
    montant_loyer_residuel: col.dec({ req: "O", label: "Loyer résiduel impayé (€)", example: "1 200,00", min: 0 }),
    montant_degradations: col.dec({ req: "O", label: "Dégradations (€)", example: "850,00", min: 0 }),
    montant_frais_procedure: col.dec({ req: "O", label: "Frais de procédure (€)", example: "300,00", min: 0 }),
    montant_demande: col.dec({ req: "R", label: "Montant demandé (€)", example: "2 350,00", min: 0, feeds: "r08" }),
    justificatifs: col.bool({ req: "R", label: "Justificatifs fournis", example: "Oui", feeds: "r08" }),
    decision: col.enum(["accordee", "refusee", "en_attente"], { req: "R", label: "Décision", example: "accordee" }),
    montant_accorde: col.dec({ req: "C", condition: "obligatoire si la demande est accordée", label: "Montant accordé (€)", example: "2 350,00", min: 0, feeds: "r08, fin" }),
    date_decision: col.date({ req: "O", label: "Date de la décision", example: "2026-10-01" }),
  },
  checks: ({ rule, and, is, absent }) => [rule(and(is("decision", "accordee"), absent("montant_accorde")), "montant_accorde", "montant accordé manquant alors que la demande est accordée")],
});
