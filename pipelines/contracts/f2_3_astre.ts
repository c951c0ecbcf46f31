// Fiche 2.3 « ASTRE – Accompagnement Social aux Travaux de Rénovation Énergétique » (spec §2.3.4):
// saisines (with the feasibility diagnostic), measures, aid mobilised, contacts, partnerships.
import { col } from "./columns.ts";
import {
  CATEGORIES_PARTENAIRE,
  COMPOSITIONS_FAMILIALES,
  ECHELLE_SATISFACTION,
  SEXES,
  SEXES_LABELS,
  STATUTS_OCCUPATION,
  STRUCTURES_ORIGINE,
  TERRITOIRES_MDS,
  TERRITOIRES_MDS_LABELS,
  TYPES_RESSOURCES,
} from "./dimensions.ts";
import { commonChecks, defineReport } from "./report.ts";

const FICHE = ["f2_3_astre"] as const;

export const DIFFICULTES_DEMANDE_ASTRE = [
  "endettement_budget",
  "ressources_insuffisantes_reste_a_charge",
  "isolement",
  "sante_handicap",
  "perte_autonomie",
  "insalubrite_habitat_indigne",
  "precarite_energetique",
  "acces_droits_administratif",
  "numerique",
  "autre",
] as const;

export const TYPES_TRAVAUX_ASTRE = [
  "renovation_energetique",
  "confort_thermique",
  "habitat_indigne",
  "sortie_insalubrite",
  "adaptation_vieillissement",
  "adaptation_handicap",
  "autre",
] as const;

export const MOTIFS_ARRET_ASTRE = [
  "fin_normale_travaux_acheves",
  "objectifs_atteints",
  "non_adhesion",
  "rupture_contact",
  "abandon_projet",
  "demenagement",
  "hospitalisation_deces",
  "ineligibilite",
  "autre",
] as const;

/**
 * §2.3.4 lists partner codes (slisl_mds, mon_accompagnateur_renov, operateur_opah_pig, anah, structure_fsl)
 * that §A.13 only has as the coarser departement_mds / habitat_technique. They are kept as finer codes next
 * to §A.13 so ASTRE i12 can show them; not in dimensions.ts because no other fiche uses them.
 */
export const TYPES_PARTENAIRE_ASTRE = [
  ...CATEGORIES_PARTENAIRE.filter((c) => c !== "autre"),
  "slisl_mds",
  "mon_accompagnateur_renov",
  "operateur_opah_pig",
  "anah",
  "structure_fsl",
  "autre",
] as const;

const DECISIONS_PRISES: readonly string[] = ["validee", "refusee"];

export const astreSaisines = defineReport({
  table: "astre_saisines",
  titre: "Situations identifiées et fiches saisines ASTRE (fiche 2.3)",
  description: "Une ligne par situation identifiée ou fiche saisine (note détaillée et projet d'intervention), avec l'éventuel diagnostic de faisabilité mandaté.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_saisine"],
  columns: {
    id_saisine: col.str({ req: "R", label: "Identifiant de la saisine", example: "AS-2026-0007", feeds: "i01, i02" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "AST-MEN-0012" }),
    date_identification: col.date({ req: "R", label: "Date d'identification de la situation", example: "2026-11-04", feeds: "i01" }),
    eligible_identifie: col.bool({ req: "R", label: "Identifiée éligible avec les partenaires", example: "Oui", feeds: "i01" }),
    structure_origine_type: col.enum(STRUCTURES_ORIGINE, { req: "R", label: "Type de structure à l'origine de la demande", example: "fsl_fonds_travaux", feeds: "i01, i02" }),
    structure_origine_libelle: col.str({ req: "O", label: "Nom de la structure à l'origine de la demande", example: "CCAS de Montreuil-sur-Mer", feeds: "i02", bloquante: false }),
    date_depot_demande: col.date({
      req: "O",
      label: "Date de dépôt de la demande",
      description: "Envoi au Département de la fiche saisine, de la note détaillée et du projet d'intervention.",
      example: "2026-11-12",
      feeds: "i02",
    }),
    decision_spslh: col.enum(["validee", "refusee", "en_attente"], { req: "O", label: "Décision du SPSLH", example: "validee", feeds: "i02, r01", bloquante: true }),
    date_decision: col.date({ req: "C", condition: "obligatoire si la demande est validée ou refusée", label: "Date de la décision", example: "2026-11-20", feeds: "r01" }),
    difficultes_demande: col.list(DIFFICULTES_DEMANDE_ASTRE, { req: "O", label: "Difficultés repérées à la demande", example: "precarite_energetique|endettement_budget", feeds: "i05" }),
    code_commune: col.commune({ req: "R", label: "Commune du logement (code INSEE)", example: "62588", feeds: "i07" }),
    diagnostic_mandate: col.enum(["aucun", "simple", "complet"], { req: "O", label: "Diagnostic de faisabilité mandaté", example: "simple", feeds: "fin, r08", bloquante: true }),
    date_diagnostic: col.date({ req: "C", condition: "obligatoire si un diagnostic est mandaté", label: "Date du diagnostic", example: "2026-11-18", feeds: "fin" }),
    montant_diagnostic: col.dec({
      req: "C",
      condition: "obligatoire si un diagnostic est mandaté",
      label: "Montant du diagnostic (€)",
      description: "220 € au plus pour un diagnostic simple, 440 € pour un diagnostic complet (contrôlé par la règle r08).",
      example: "220,00",
      min: 0,
      feeds: "fin, r08",
    }),
  },
  // The 220 / 440 € ceilings (r08) are left to the rules so an over-billed diagnostic is reported, not dropped.
  checks: ({ rule, and, oneOf, absent }) => {
    const diagnostic = oneOf("diagnostic_mandate", ["simple", "complet"]);
    return [
      rule(and(oneOf("decision_spslh", DECISIONS_PRISES), absent("date_decision")), "date_decision", "date de décision manquante pour une demande validée ou refusée"),
      rule(and(diagnostic, absent("date_diagnostic")), "date_diagnostic", "date du diagnostic manquante alors qu'un diagnostic est mandaté"),
      rule(and(diagnostic, absent("montant_diagnostic")), "montant_diagnostic", "montant du diagnostic manquant alors qu'un diagnostic est mandaté"),
    ];
  },
});

// An ended measure (date_fin given) carries its stop reason and the household's satisfaction (i11, i13).
const FIN = "obligatoire une fois la mesure terminée (date de fin renseignée)";
const TRAVAUX_ACHEVES = "obligatoire une fois les travaux achevés";

export const astreMesures = defineReport({
  table: "astre_mesures",
  titre: "Mesures ASTRE (fiche 2.3)",
  description:
    "Une ligne par mesure d'accompagnement social aux travaux. Le fichier est un état à date : chaque envoi reprend toutes les mesures de la période avec ce qui est connu à la date d'envoi.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_mesure"],
  columns: {
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ASTRE-2026-0003", feeds: "all" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "AST-MEN-0012", feeds: "i03" }),
    id_saisine: col.str({ req: "R", label: "Identifiant de la saisine", example: "AS-2026-0007", feeds: "r01" }),
    date_debut: col.date({ req: "R", label: "Date de mise en place de la mesure", example: "2026-12-01", feeds: "i03, i04, fin" }),
    date_signature_contrat: col.date({ req: "O", label: "Date de signature du contrat", example: "2026-12-01" }),
    date_envoi_contrat_spslh: col.date({ req: "O", label: "Date d'envoi du contrat au SPSLH", example: "2026-12-15", feeds: "r02" }),
    date_fin: col.date({ req: "C", condition: "obligatoire une fois la mesure terminée (motif d'arrêt renseigné)", label: "Date de fin de la mesure", example: "2027-10-29", feeds: "i04, fin" }),
    motif_arret: col.enum(MOTIFS_ARRET_ASTRE, { req: "C", condition: FIN, label: "Motif d'arrêt", example: "fin_normale_travaux_acheves", feeds: "i13, r07" }),
    date_signalement_sortie: col.date({ req: "O", label: "Date de signalement de la sortie", example: "2027-10-29", feeds: "r07" }),
    code_commune: col.commune({ req: "R", label: "Commune du logement (code INSEE)", example: "62588", feeds: "i06, i07" }),
    perimetre_operation: col.enum(["opah", "pig", "pacte_territorial_france_renov", "diffus"], {
      req: "R",
      label: "Périmètre d'opération",
      example: "diffus",
      valueLabels: { opah: "OPAH", pig: "PIG", pacte_territorial_france_renov: "Pacte territorial France Rénov'", diffus: "Diffus" },
      feeds: "i07",
    }),
    // §A.9; proprietaire_occupant is expected, but another status is reported by rule r12 rather than dropped.
    statut_occupation: col.enum(STATUTS_OCCUPATION, { req: "R", label: "Statut d'occupation", example: "proprietaire_occupant", feeds: "r12", bloquante: true }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "R", label: "Composition familiale", example: "personne_seule", feeds: "i06" }),
    nb_personnes: col.int({ req: "O", label: "Nombre de personnes du ménage", example: "1", min: 1, max: 30, feeds: "i03" }),
    sexe: col.enum(SEXES, { req: "O", label: "Sexe (personne de référence)", example: "F", valueLabels: SEXES_LABELS, feeds: "i06" }),
    age_entree: col.int({ req: "C", condition: "âge à l'entrée ou année de naissance", label: "Âge à l'entrée (personne de référence)", example: "71", min: 0, max: 110, feeds: "i06" }),
    annee_naissance: col.int({ req: "C", condition: "âge à l'entrée ou année de naissance", label: "Année de naissance (personne de référence)", example: "1955", min: 1900, max: 2030, feeds: "i06" }),
    type_ressources_principal: col.enum(TYPES_RESSOURCES, { req: "O", label: "Ressources principales", example: "retraite_minimum_vieillesse", feeds: "i06" }),
    ressources_mensuelles: col.dec({ req: "O", label: "Ressources mensuelles du ménage (€)", example: "1 020,00", min: 0, feeds: "i06" }),
    types_travaux_prevus: col.list(TYPES_TRAVAUX_ASTRE, { req: "R", label: "Types de travaux prévus", example: "renovation_energetique|adaptation_vieillissement", feeds: "i08, i09" }),
    montant_travaux_prevus: col.dec({ req: "O", label: "Montant des travaux prévus au dépôt (€)", example: "28 500,00", min: 0, feeds: "i09" }),
    types_travaux_realises: col.list(TYPES_TRAVAUX_ASTRE, { req: "C", condition: TRAVAUX_ACHEVES, label: "Types de travaux réalisés", example: "renovation_energetique", feeds: "i08, i09" }),
    montant_travaux_realises: col.dec({ req: "C", condition: TRAVAUX_ACHEVES, label: "Montant des travaux réalisés (€)", example: "31 200,00", min: 0, feeds: "i09" }),
    statut_travaux: col.enum(["non_demarres", "en_cours", "acheves", "abandonnes"], {
      req: "R",
      label: "État des travaux",
      example: "acheves",
      valueLabels: { non_demarres: "Non démarrés", en_cours: "En cours", acheves: "Achevés", abandonnes: "Abandonnés" },
      feeds: "r11",
    }),
    date_debut_travaux: col.date({ req: "O", label: "Début des travaux", example: "2027-03-15", feeds: "r11" }),
    date_fin_travaux: col.date({ req: "O", label: "Fin des travaux", example: "2027-07-30", feeds: "r11" }),
    satisfaction: col.enum(ECHELLE_SATISFACTION, { req: "C", condition: FIN, label: "Satisfaction du ménage", example: "tres_satisfait", feeds: "i11" }),
    photos_avant_transmises: col.bool({ req: "R", label: "Photos avant travaux transmises au SPSLH", example: "Oui", feeds: "i14, r11" }),
    photos_apres_transmises: col.bool({ req: "R", label: "Photos après travaux transmises au SPSLH", example: "Oui", feeds: "i14, r11" }),
  },
  checks: ({ rule, and, is, absent, noItem, before }) => {
    const travauxAcheves = is("statut_travaux", "acheves");
    return [
      commonChecks.ageOrBirthYear("à l'entrée de la personne de référence"),
      // Spec: « required once ended ».
      commonChecks.endDueWith("motif_arret", "date de fin manquante alors que le motif d'arrêt est renseigné (mesure terminée)"),
      commonChecks.endNotBeforeStart(),
      commonChecks.dueOnceEnded("motif_arret", "motif d'arrêt manquant pour une mesure terminée"),
      commonChecks.dueOnceEnded("satisfaction", "satisfaction du ménage manquante pour une mesure terminée (indiquer « non_repondu » s'il n'a pas répondu)"),
      rule(noItem("types_travaux_prevus"), "types_travaux_prevus", "indiquer au moins un type de travaux prévus"),
      rule(and(travauxAcheves, noItem("types_travaux_realises")), "types_travaux_realises", "types de travaux réalisés manquants alors que les travaux sont achevés"),
      rule(and(travauxAcheves, absent("montant_travaux_realises")), "montant_travaux_realises", "montant des travaux réalisés manquant alors que les travaux sont achevés"),
      rule(before("date_fin_travaux", "date_debut_travaux"), "date_fin_travaux", (r) => `fin des travaux (${r.date_fin_travaux}) antérieure à leur début (${r.date_debut_travaux})`),
    ];
  },
});

export const astreAides = defineReport({
  table: "astre_aides",
  titre: "Aides mobilisées pour les mesures ASTRE (fiche 2.3)",
  description: "Une ligne par aide mobilisée pour une mesure : avance de l'audit énergétique ou bouclage du plan de financement.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_aide"],
  columns: {
    id_aide: col.str({ req: "R", label: "Identifiant de l'aide", example: "AIDE-2026-0015", feeds: "i10" }),
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ASTRE-2026-0003", feeds: "i10" }),
    type_aide: col.enum(
      [
        "ma_prime_renov",
        "anah_autre",
        "fsl_fonds_travaux",
        "caisse_retraite",
        "collectivite_locale",
        "certificats_economie_energie",
        "pret_microcredit",
        "caf",
        "fondation_association",
        "apport_menage",
        "autre",
      ],
      { req: "R", label: "Type d'aide", example: "ma_prime_renov", valueLabels: { ma_prime_renov: "MaPrimeRénov'", certificats_economie_energie: "Certificats d'économie d'énergie (CEE)" }, feeds: "i10" },
    ),
    objet: col.enum(["avance_audit_energetique", "plan_financement"], {
      req: "R",
      label: "Objet de l'aide",
      example: "plan_financement",
      valueLabels: { avance_audit_energetique: "Avance de l'audit énergétique", plan_financement: "Plan de financement" },
      feeds: "i10",
    }),
    montant: col.dec({ req: "R", label: "Montant (€)", example: "12 500,00", min: 0, feeds: "i10" }),
    statut: col.enum(["sollicitee", "accordee", "refusee", "versee"], { req: "R", label: "Statut de l'aide", example: "accordee", feeds: "i10" }),
    date: col.date({ req: "O", label: "Date", example: "2027-01-20", feeds: "i10" }),
  },
});

export const astreContacts = defineReport({
  table: "astre_contacts",
  titre: "Visites et rencontres ASTRE (fiche 2.3)",
  description: "Une ligne par visite ou rencontre avec le ménage ou autour du projet de travaux.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_contact"],
  columns: {
    id_contact: col.str({ req: "R", label: "Identifiant du contact", example: "AC-2026-0101", feeds: "r04" }),
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ASTRE-2026-0003", feeds: "r04" }),
    date: col.date({ req: "R", label: "Date", example: "2026-12-08", feeds: "r04" }),
    type_contact: col.enum(["visite", "concertation_partenaires", "rendez_vous_artisan", "rendez_vous_administratif", "telephone"], {
      req: "R",
      label: "Type de contact",
      example: "visite",
      feeds: "r04",
    }),
    lieu: col.enum(["domicile", "exterieur", "distance"], { req: "R", label: "Lieu", example: "domicile", valueLabels: { domicile: "À domicile", exterieur: "À l'extérieur", distance: "À distance" }, feeds: "r04" }),
  },
});

export const astrePartenariats = defineReport({
  table: "astre_partenariats",
  titre: "Partenariats ASTRE (fiche 2.3)",
  description: "Une ligne par partenariat, temps de coordination ou rencontre de présentation du dispositif.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_partenariat"],
  columns: {
    id_partenariat: col.str({ req: "R", label: "Identifiant du partenariat", example: "AP-2026-0004", feeds: "i12" }),
    date: col.date({ req: "R", label: "Date", example: "2026-11-24", feeds: "i12" }),
    type_partenaire: col.enum(TYPES_PARTENAIRE_ASTRE, { req: "R", label: "Type de partenaire", example: "mon_accompagnateur_renov", feeds: "i12" }),
    nature: col.enum(["convention", "binome_social_technique", "concertation", "orientation", "rencontre_presentation_dispositif"], {
      req: "R",
      label: "Nature du partenariat",
      example: "binome_social_technique",
      feeds: "i12",
    }),
    territoire_mds: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire", example: "montreuillois", valueLabels: TERRITOIRES_MDS_LABELS }),
  },
});
