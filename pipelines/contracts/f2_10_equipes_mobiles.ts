// Fiche 2.10 « Équipes mobiles de prévention des expulsions locatives » (spec §2.10.4):
// households referred to the mobile team, and the team's contacts with their landlords.
import { col } from "./columns.ts";
import {
  COMPOSITIONS_FAMILIALES,
  SEXES,
  SEXES_LABELS,
  STADES_PROCEDURE,
  TERRITOIRES_LDA_LABELS,
  TYPES_RESSOURCES,
} from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_10_equipes_mobiles"] as const;

/**
 * §A.2: only the five AMI territories carry mobile teams (r01 is an error), so the code list itself
 * refuses arrageois_ternois and calaisis instead of letting them through to a later rule.
 */
export const TERRITOIRES_EQUIPES_MOBILES = ["lens_henin", "artois", "audomarois", "boulonnais", "montreuillois"] as const;
const TERRITOIRES_EQUIPES_MOBILES_LABELS = Object.fromEntries(TERRITOIRES_EQUIPES_MOBILES.map((t) => [t, TERRITOIRES_LDA_LABELS[t]!]));

const TERMINEE = "obligatoire une fois l'intervention terminée (statut « terminee »)";

export const emInterventions = defineReport({
  table: "em_interventions",
  titre: "Interventions des équipes mobiles de prévention des expulsions (fiche 2.10)",
  description: "Une ligne par ménage signalé à l'équipe mobile : signalement, éligibilité, diagnostics, accompagnement et issue.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_intervention"],
  columns: {
    id_intervention: col.str({ req: "R", label: "Identifiant de l'intervention", example: "EM-2026-0158", feeds: "i02" }),
    id_menage: col.str({ req: "R", label: "Identifiant du ménage (pseudonyme)", example: "EM-MEN-0097", feeds: "i01" }),
    territoire_lda: col.enum(TERRITOIRES_EQUIPES_MOBILES, {
      req: "R",
      label: "Territoire (AMI Logement d'abord)",
      description: "Un des cinq territoires des appels à manifestation d'intérêt 1 et 2.",
      example: "lens_henin",
      valueLabels: TERRITOIRES_EQUIPES_MOBILES_LABELS,
      feeds: "all, r01",
    }),
    code_commune: col.commune({ req: "O", label: "Commune du logement (code INSEE)", example: "62498", feeds: "cartes" }),
    date_signalement: col.date({ req: "R", label: "Date du signalement", example: "2026-02-03", feeds: "i01" }),
    source_signalement: col.enum(["commissaire_justice_commandement", "ccapex", "bailleur", "sous_prefecture", "slisl_mds", "caf", "autre"], {
      req: "R",
      label: "Origine du signalement",
      example: "commissaire_justice_commandement",
    }),
    date_commandement_payer: col.date({ req: "O", label: "Date du commandement de payer", example: "2026-01-27", feeds: "r03" }),
    stade_procedure_signalement: col.enum(STADES_PROCEDURE, { req: "R", label: "Stade de la procédure au signalement", example: "commandement_de_payer", feeds: "r03" }),
    parc: col.enum(["prive", "social"], { req: "R", label: "Parc", example: "prive", valueLabels: { prive: "Parc privé", social: "Parc social" }, feeds: "r02" }),
    montant_dette: col.dec({ req: "O", label: "Montant de la dette locative (€)", example: "2 350,00", min: 0, feeds: "r07" }),
    connu_services_sociaux: col.bool({ req: "O", label: "Ménage connu des services sociaux", example: "Non" }),
    repond_sollicitations: col.bool({ req: "O", label: "Ménage répondant aux sollicitations", example: "Non" }),
    eligible: col.bool({ req: "R", label: "Ménage éligible", example: "Oui", feeds: "i01, r06" }),
    motif_non_eligibilite: col.enum(["parc_social", "dette_hors_criteres", "procedure_trop_avancee", "hors_territoire", "deja_accompagne", "autre"], {
      req: "C",
      condition: "obligatoire si le ménage n'est pas éligible",
      label: "Motif de non-éligibilité",
      example: "dette_hors_criteres",
      feeds: "i01",
    }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "O", label: "Composition familiale", example: "famille_monoparentale" }),
    sexe: col.enum(SEXES, { req: "O", label: "Sexe (personne de référence)", example: "F", valueLabels: SEXES_LABELS }),
    age_entree: col.int({ req: "O", label: "Âge de la personne de référence au signalement", example: "38", min: 0, max: 110 }),
    annee_naissance: col.int({ req: "O", label: "Année de naissance de la personne de référence", example: "1988", min: 1900, max: 2030 }),
    type_ressources_principal: col.enum(TYPES_RESSOURCES, { req: "O", label: "Ressources principales", example: "salaire" }),
    nb_tentatives_contact: col.int({ req: "O", label: "Nombre de tentatives de contact", example: "3", min: 0 }),
    tentatives_horaires_atypiques: col.bool({ req: "O", label: "Tentatives à des horaires atypiques", example: "Oui" }),
    date_diagnostic_flash: col.date({ req: "O", label: "Date du diagnostic flash", example: "2026-02-12", feeds: "i02, fin" }),
    date_diagnostic_approfondi: col.date({ req: "O", label: "Date du diagnostic approfondi", example: "2026-02-20", feeds: "i02, fin" }),
    date_debut_accompagnement: col.date({ req: "O", label: "Date de début de l'accompagnement", example: "2026-02-23", feeds: "i02, r04" }),
    date_fin_accompagnement: col.date({ req: "O", label: "Date de fin de l'accompagnement", example: "2026-04-17", feeds: "i02, r04" }),
    // No maximum here: the 8-week cap is an error in 2025 but only a warning in 2026 (r04), so it is a rule, not a format.
    nb_semaines_accompagnement: col.int({
      req: "C",
      condition: "obligatoire en cas d'accompagnement (date de début d'accompagnement renseignée)",
      label: "Nombre de semaines d'accompagnement",
      example: "8",
      min: 0,
      feeds: "fin, r04",
    }),
    dsf_actualisation_demandee: col.bool({ req: "O", label: "Actualisation du diagnostic demandée par le SLISL (DSF)", example: "Non" }),
    date_dsf: col.date({ req: "O", label: "Date du diagnostic social et financier (DSF)", example: "2026-03-30" }),
    statut: col.enum(["en_cours", "terminee"], { req: "R", label: "Statut de l'intervention", example: "terminee", valueLabels: { en_cours: "En cours", terminee: "Terminée" }, feeds: "i02" }),
    date_fin_intervention: col.date({ req: "C", condition: TERMINEE, label: "Date de fin de l'intervention", example: "2026-04-17", feeds: "i02" }),
    issue: col.enum(
      [
        "maintien_plan_apurement",
        "dette_soldee",
        "aide_fsl_sollicitee",
        "orientation_services_sociaux",
        "orientation_accompagnement",
        "relogement",
        "mediation_echouee",
        "porte_close_injoignable",
        "refus_menage",
        "depart_logement",
        "expulsion",
        "autre",
      ],
      { req: "C", condition: TERMINEE, label: "Issue de l'intervention", example: "maintien_plan_apurement", feeds: "i02" },
    ),
  },
  checks: ({ rule, and, is, absent, present, before }) => [
    rule(and(is("eligible", false), absent("motif_non_eligibilite")), "motif_non_eligibilite", "motif manquant pour un ménage non éligible"),
    rule(
      and(present("date_debut_accompagnement"), absent("nb_semaines_accompagnement")),
      "nb_semaines_accompagnement",
      "nombre de semaines manquant pour un ménage accompagné (date de début d'accompagnement renseignée)",
    ),
    // An end without a start cannot be billed or counted: the start date is what makes the row an accompaniment.
    rule(
      and(present("date_fin_accompagnement"), absent("date_debut_accompagnement")),
      "date_debut_accompagnement",
      "date de début d'accompagnement manquante alors que la date de fin est renseignée",
    ),
    rule(before("date_fin_accompagnement", "date_debut_accompagnement"), "date_fin_accompagnement", "la fin de l'accompagnement précède son début"),
    rule(and(is("statut", "terminee"), absent("date_fin_intervention")), "date_fin_intervention", "date de fin manquante pour une intervention terminée"),
    rule(and(is("statut", "terminee"), absent("issue")), "issue", "issue manquante pour une intervention terminée"),
    rule(before("date_fin_intervention", "date_signalement"), "date_fin_intervention", "la fin de l'intervention précède le signalement"),
  ],
});

export const emContactsBailleurs = defineReport({
  table: "em_contacts_bailleurs",
  titre: "Contacts avec les bailleurs (fiche 2.10)",
  description: "Une ligne par contact de l'équipe mobile avec le bailleur d'un ménage suivi.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_contact"],
  columns: {
    id_contact: col.str({ req: "R", label: "Identifiant du contact", example: "EMB-2026-0031", feeds: "i03" }),
    id_intervention: col.str({ req: "R", label: "Identifiant de l'intervention", example: "EM-2026-0158", feeds: "i03" }),
    id_bailleur: col.str({ req: "R", label: "Identifiant du bailleur (pseudonyme)", example: "BAIL-0042", feeds: "i03" }),
    type_bailleur: col.enum(["personne_physique", "sci", "agence_administrateur_biens", "autre"], {
      req: "R",
      label: "Type de bailleur",
      example: "personne_physique",
      valueLabels: { sci: "SCI", agence_administrateur_biens: "Agence / administrateur de biens" },
      feeds: "i03",
    }),
    date_contact: col.date({ req: "R", label: "Date du contact", example: "2026-02-16", feeds: "i03" }),
    mode: col.enum(["telephone", "courrier", "courriel", "rencontre"], { req: "O", label: "Mode de contact", example: "telephone" }),
    resultat: col.enum(["accord_amiable", "plan_apurement", "mediation_en_cours", "refus", "sans_reponse"], {
      req: "O",
      label: "Résultat du contact",
      example: "plan_apurement",
      feeds: "i03",
    }),
  },
});
