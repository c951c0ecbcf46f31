// Fiche 2.12 « Prévention et accompagnement de la précarité énergétique » (spec §2.12.4):
// projet 1 households (individual bilan), their energy situation, billable acts, home visits,
// referrals; projet 2 innovative actions.
import { col } from "./columns.ts";
import {
  COMPOSITIONS_FAMILIALES,
  ECHELLE_SATISFACTION,
  SEXES,
  SEXES_LABELS,
  STATUTS_OCCUPATION,
  STRUCTURES_ORIGINE,
  TYPES_RESSOURCES,
} from "./dimensions.ts";
import { commonChecks, defineReport } from "./report.ts";

const FICHE = ["f2_12_prevention_pe"] as const;

/** §A.3, 2.12 projet 1 lots. Not in dimensions.ts (2.11 has its own two-lot scheme), so defined here. */
export const LOTS_PE = ["lot1", "lot2", "lot3"] as const;
export const LOTS_PE_LABELS = {
  lot1: "Lot 1 : Calaisis, Boulonnais, Montreuillois, Audomarois",
  lot2: "Lot 2 : Artois, Lens-Liévin, Hénin-Carvin",
  lot3: "Lot 3 : Arrageois, Ternois",
};

export const SITUATIONS_BUDGETAIRES = ["equilibree", "fragile", "deficitaire", "endettement", "dossier_surendettement"] as const;

export const DIFFICULTES_ENERGIE_LOGEMENT = [
  "consommation_excessive",
  "comprehension_factures",
  "contrat_abonnement_inadapte",
  "equipements_energivores",
  "chauffage_defaillant",
  "isolation_insuffisante",
  "humidite_ventilation",
  "dette_energie",
  "dette_eau",
  "autre",
] as const;

export const DIFFICULTES_CONNEXES = [
  "budget_endettement",
  "sante",
  "isolement",
  "acces_droits_administratif",
  "numerique",
  "emploi",
  "logement_indigne",
  "litige_bailleur",
  "autre",
] as const;

// The spec says "codes of difficultes_energie_logement and difficultes_connexes": both end with
// "autre", kept once so that the list stays a set of distinct codes.
const FREINS = [...DIFFICULTES_ENERGIE_LOGEMENT, ...DIFFICULTES_CONNEXES.filter((c) => c !== "autre")] as const;

export const TYPES_PRESTATION_PE = [
  "diagnostic_social_habitudes_vie",
  "diagnostic_technique",
  "restitution_diagnostic_bailleur",
  "accompagnement_mensuel_habitudes_vie",
  "accompagnement_mensuel_bati",
  "porte_close",
  "bonus_reperage",
] as const;
const ACCOMPAGNEMENTS_MENSUELS: readonly string[] = ["accompagnement_mensuel_habitudes_vie", "accompagnement_mensuel_bati"];

// An ended accompaniment (date_fin given) must carry the end-of-bilan fields (i09, i11, i12).
const FIN = "obligatoire une fois l'accompagnement terminé (date de fin renseignée)";

export const peMenages = defineReport({
  table: "pe_menages",
  titre: "Ménages accompagnés – bilan individuel (fiche 2.12, projet 1)",
  description: "Une ligne par ménage accompagné dans le cadre du projet 1 (lutte contre la précarité énergétique) : c'est le bilan individuel.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_menage"],
  columns: {
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "PE-MEN-0042", feeds: "all" }),
    // PERSONAL: asked by the seed (« Nom, adresse ») for the individual bilan; hashed or dropped at ingest.
    nom_menage: col.str({
      req: "O",
      label: "Nom du ménage",
      description: "Donnée personnelle demandée pour le bilan individuel : pseudonymisée ou supprimée à l'intégration, jamais publiée.",
      example: "Dupont",
      personal: true,
      feeds: "i01",
    }),
    adresse_logement: col.str({
      req: "O",
      label: "Adresse du logement",
      description: "Donnée personnelle demandée pour le bilan individuel : supprimée après contrôle de la commune, jamais publiée.",
      example: "12 rue des Fleurs",
      personal: true,
      feeds: "i01",
    }),
    code_commune: col.commune({ req: "R", label: "Commune du logement (code INSEE)", example: "62193", feeds: "i01, r12, r14" }),
    lot: col.enum(LOTS_PE, { req: "R", label: "Lot", example: "lot1", valueLabels: LOTS_PE_LABELS, feeds: "r12, r14" }),
    age_entree: col.int({ req: "C", condition: "âge ou année de naissance de la personne de référence", label: "Âge (personne de référence)", example: "34", min: 0, max: 110, feeds: "i01" }),
    annee_naissance: col.int({ req: "C", condition: "âge ou année de naissance de la personne de référence", label: "Année de naissance (personne de référence)", example: "1992", min: 1900, max: 2030, feeds: "i01" }),
    sexe: col.enum(SEXES, { req: "O", label: "Sexe (personne de référence)", example: "F", valueLabels: SEXES_LABELS, feeds: "i01" }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "R", label: "Composition familiale", example: "famille_monoparentale", feeds: "i01" }),
    nb_personnes: col.int({ req: "O", label: "Nombre de personnes du ménage", example: "3", min: 1, max: 30, feeds: "i01" }),
    type_ressources_principal: col.enum(TYPES_RESSOURCES, { req: "R", label: "Ressources principales", example: "rsa", feeds: "i01" }),
    ressources_mensuelles: col.dec({ req: "O", label: "Ressources mensuelles du ménage (€)", example: "1 120,50", min: 0, feeds: "i01" }),
    situation_budgetaire_depart: col.enum(SITUATIONS_BUDGETAIRES, { req: "R", label: "Situation budgétaire de départ", example: "endettement", feeds: "i01, i09" }),
    statut_occupation: col.enum(STATUTS_OCCUPATION, { req: "R", label: "Statut d'occupation du logement", example: "locataire_parc_prive", feeds: "i02, r05", bloquante: true }),
    public_prioritaire: col.list(["primo_locataire", "sortant_hebergement", "po_aide_renovation_energetique", "beneficiaire_aide_fsl"], {
      req: "O",
      label: "Public prioritaire",
      example: "beneficiaire_aide_fsl",
    }),
    structure_origine_type: col.enum(STRUCTURES_ORIGINE, { req: "R", label: "Structure à l'origine de la demande", example: "slisl_mds", feeds: "i03" }),
    repere_par_operateur: col.bool({ req: "R", label: "Ménage repéré par l'opérateur", example: "Non", feeds: "i03, r06" }),
    date_validation_slisl: col.date({ req: "R", label: "Date de validation de l'entrée par le SLISL", example: "2026-06-15", feeds: "r01, r06" }),
    // r02 is an error: the SLISL sets 3 to 6 months, anything else is a typing mistake.
    duree_fixee_slisl_mois: col.int({ req: "R", label: "Durée d'accompagnement fixée par le SLISL (mois)", example: "4", min: 3, max: 6, feeds: "i08, r02" }),
    motifs_demande: col.list(
      [
        "impayes_energie",
        "impayes_eau",
        "factures_elevees",
        "inconfort_thermique",
        "humidite_moisissures",
        "equipements_vetustes",
        "auto_restriction",
        "bati_degrade",
        "coupure_reduction_puissance",
        "demande_aide_fsl",
        "autre",
      ],
      { req: "R", label: "Motifs de la demande", example: "impayes_energie|inconfort_thermique", feeds: "i04" },
    ),
    difficultes_energie_logement: col.list(DIFFICULTES_ENERGIE_LOGEMENT, {
      req: "R",
      label: "Difficultés repérées (énergies et logement)",
      example: "comprehension_factures|dette_energie",
      feeds: "i05",
    }),
    difficultes_connexes: col.list(DIFFICULTES_CONNEXES, { req: "O", label: "Difficultés connexes à traiter", example: "budget_endettement", feeds: "i06" }),
    date_debut: col.date({ req: "R", label: "Date de début (diagnostic ou première visite)", example: "2026-06-22", feeds: "i08" }),
    date_fin: col.date({ req: "C", condition: "obligatoire une fois l'accompagnement terminé (motif d'arrêt renseigné)", label: "Date de fin", example: "2026-10-20", feeds: "i08" }),
    motif_arret: col.enum(
      [
        "fin_prevue_objectifs_atteints",
        "fin_prevue_objectifs_partiels",
        "abandon_menage",
        "non_adhesion",
        "porte_close",
        "demenagement",
        "orientation_autre_dispositif",
        "hospitalisation_deces",
        "autre",
      ],
      { req: "C", condition: FIN, label: "Motif d'arrêt", example: "fin_prevue_objectifs_atteints", feeds: "i11" },
    ),
    evolution_difficultes: col.enum(["resolues", "partiellement_resolues", "inchangees", "aggravees"], {
      req: "C",
      condition: FIN,
      label: "Évolution des difficultés de départ",
      example: "partiellement_resolues",
      feeds: "i09",
    }),
    situation_budgetaire_fin: col.enum(SITUATIONS_BUDGETAIRES, { req: "C", condition: FIN, label: "Situation budgétaire à la fin", example: "fragile", feeds: "i09" }),
    freins_non_leves: col.list(FREINS, { req: "O", label: "Freins non levés", example: "isolation_insuffisante", feeds: "i09" }),
    // §A.18 scale, non_repondu included so that a household that declines to answer can still be recorded.
    evaluation_plus_value: col.enum(ECHELLE_SATISFACTION, {
      req: "C",
      condition: FIN,
      label: "Évaluation par le ménage de la plus-value de l'accompagnement",
      example: "satisfait",
      feeds: "i12",
    }),
  },
  checks: ({ rule, noItem }) => [
    commonChecks.ageOrBirthYear("de la personne de référence"),
    commonChecks.endDueWith("motif_arret", "date de fin manquante alors que le motif d'arrêt est renseigné (accompagnement terminé)"),
    commonChecks.endNotBeforeStart(),
    commonChecks.dueOnceEnded("motif_arret", "motif d'arrêt manquant pour un accompagnement terminé"),
    commonChecks.dueOnceEnded("evolution_difficultes", "évolution des difficultés manquante pour un accompagnement terminé"),
    commonChecks.dueOnceEnded("situation_budgetaire_fin", "situation budgétaire de fin manquante pour un accompagnement terminé"),
    commonChecks.dueOnceEnded(
      "evaluation_plus_value",
      "évaluation du ménage manquante pour un accompagnement terminé (indiquer « non_repondu » s'il n'a pas répondu)",
    ),
    rule(noItem("motifs_demande"), "motifs_demande", "indiquer au moins un motif de la demande"),
    rule(noItem("difficultes_energie_logement"), "difficultes_energie_logement", "indiquer au moins une difficulté repérée"),
  ],
});

export const peSituationEnergie = defineReport({
  table: "pe_situation_energie",
  titre: "Situation au regard des énergies, au départ et à la fin (fiche 2.12, projet 1)",
  description: "Une ligne par ménage, phase (départ ou fin) et énergie : fournisseur, relevés, mensualisation, dette, plan d'apurement, usage.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_menage", "phase", "energie"],
  columns: {
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "PE-MEN-0042", feeds: "i07, i09" }),
    phase: col.enum(["depart", "fin"], { req: "R", label: "Phase", example: "depart", valueLabels: { depart: "Départ", fin: "Fin" }, feeds: "i07, i09" }),
    energie: col.enum(["electricite", "gaz", "fioul", "bois_granules", "eau", "autre"], { req: "R", label: "Énergie", example: "electricite", feeds: "i07" }),
    type_fournisseur: col.enum(["fournisseur_historique", "fournisseur_alternatif", "regie_locale", "autre"], {
      req: "O",
      label: "Type de fournisseur",
      example: "fournisseur_historique",
      feeds: "i07",
    }),
    releve_compteurs: col.bool({ req: "O", label: "Relevés des compteurs effectués et compris", example: "Oui", feeds: "i07" }),
    mensualisation: col.bool({ req: "O", label: "Mensualisation", example: "Non", feeds: "i07, i09" }),
    montant_dette: col.dec({ req: "O", label: "Montant de la dette (€)", example: "640,00", min: 0, feeds: "i07, i09" }),
    plan_apurement: col.bool({ req: "O", label: "Plan d'apurement", example: "Oui", feeds: "i07, i09" }),
    usage: col.enum(["adapte", "partiellement_adapte", "inadapte"], { req: "O", label: "Usage", example: "partiellement_adapte", feeds: "i07, i09" }),
  },
});

export const pePrestations = defineReport({
  table: "pe_prestations",
  titre: "Prestations facturables (fiche 2.12, projet 1)",
  description: "Une ligne par acte facturable : diagnostics, restitution, accompagnement mensuel, porte close, bonus repérage.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_prestation"],
  columns: {
    id_prestation: col.str({ req: "R", label: "Identifiant de la prestation", example: "PE-PRE-0311", feeds: "fin" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "PE-MEN-0042", feeds: "fin, r01" }),
    type_prestation: col.enum(TYPES_PRESTATION_PE, { req: "R", label: "Type de prestation", example: "accompagnement_mensuel_habitudes_vie", feeds: "fin, i13" }),
    date_prestation: col.date({ req: "R", label: "Date de la prestation", example: "2026-07-31", feeds: "fin, r01" }),
    mois: col.month({ req: "C", condition: "obligatoire pour un accompagnement mensuel", label: "Mois d'accompagnement", example: "2026-07", feeds: "r03, r07" }),
    // Amounts above the tariff cap are not refused here: financing retains min(price, cap) and r07 reports them.
    montant_facture: col.dec({ req: "R", label: "Montant facturé (€)", example: "150,00", min: 0, feeds: "fin, r07" }),
    realise_par_tiers: col.bool({ req: "O", label: "Réalisé par un sous-traitant technique", example: "Non" }),
  },
  checks: ({ rule, and, oneOf, absent }) => [
    rule(and(oneOf("type_prestation", ACCOMPAGNEMENTS_MENSUELS), absent("mois")), "mois", "mois d'accompagnement manquant pour un accompagnement mensuel"),
  ],
});

export const peVisites = defineReport({
  table: "pe_visites",
  titre: "Visites à domicile (fiche 2.12, projet 1)",
  description: "Une ligne par visite à domicile, fructueuse ou non (porte close).",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_visite"],
  columns: {
    id_visite: col.str({ req: "R", label: "Identifiant de la visite", example: "PE-VAD-1207", feeds: "r03, r04" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "PE-MEN-0042", feeds: "r03, r04" }),
    date: col.date({ req: "R", label: "Date de la visite", example: "2026-07-08", feeds: "r03, r04" }),
    fructueuse: col.bool({ req: "R", label: "Visite fructueuse (ménage rencontré)", example: "Oui", feeds: "r03, r04" }),
    objet: col.enum(["diagnostic", "accompagnement", "restitution"], { req: "O", label: "Objet de la visite", example: "accompagnement" }),
  },
});

export const peOrientations = defineReport({
  table: "pe_orientations",
  titre: "Orientations vers d'autres dispositifs (fiche 2.12, projet 1)",
  description: "Une ligne par orientation d'un ménage vers un autre dispositif ou professionnel, avec la suite donnée.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_orientation"],
  columns: {
    id_orientation: col.str({ req: "R", label: "Identifiant de l'orientation", example: "PE-ORI-0088", feeds: "i10, i16" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "PE-MEN-0042", feeds: "i10, i16" }),
    date: col.date({ req: "R", label: "Date de l'orientation", example: "2026-08-05", feeds: "i10" }),
    vers: col.enum(
      [
        "fsl",
        "fournisseur_energie",
        "france_renov_anah",
        "mon_accompagnateur_renov",
        "operateur_opah_pig",
        "astre",
        "caf",
        "slisl_mds",
        "ccas",
        "commission_surendettement",
        "adil",
        "sante",
        "signalement_habitat_indigne",
        "autre",
      ],
      { req: "R", label: "Orientation vers", example: "fsl", feeds: "i10, i16" },
    ),
    suite: col.enum(["en_cours", "aboutie", "sans_suite", "refus_menage"], { req: "R", label: "Suite donnée", example: "aboutie", feeds: "i10" }),
  },
});

export const peActionsInnovantes = defineReport({
  table: "pe_actions_innovantes",
  titre: "Actions de prévention innovantes (fiche 2.12, projet 2)",
  description: "Une ligne par action de prévention ou d'accompagnement innovante, individuelle ou collective.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_action"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "PE-ACT-0005", feeds: "i13" }),
    date: col.date({ req: "R", label: "Date", example: "2026-09-17", feeds: "i13" }),
    format: col.enum(["individuel", "collectif"], { req: "R", label: "Format", example: "collectif", feeds: "i13" }),
    type_action: col.enum(["atelier_collectif", "visite_domicile", "stand_aller_vers", "permanence_mobile", "autre"], {
      req: "R",
      label: "Type d'action",
      example: "atelier_collectif",
      feeds: "i13",
    }),
    code_commune: col.commune({ req: "R", label: "Commune (code INSEE)", example: "62041", description: "Priorité à l'aller-vers en milieu rural.", feeds: "i13" }),
    themes: col.list(["eco_gestes", "lecture_factures", "eau", "chauffage", "numerique", "aides_financieres", "autre"], {
      req: "O",
      label: "Thèmes",
      example: "eco_gestes|lecture_factures",
      feeds: "i13",
    }),
    // Fewer than 6 participants is valid data; r10 only withholds the funding.
    nb_participants: col.int({ req: "R", label: "Nombre de participants", example: "9", min: 0, feeds: "fin, r10" }),
    montant_facture: col.dec({ req: "O", label: "Montant facturé (€)", example: "450,00", min: 0, feeds: "fin" }),
  },
});
