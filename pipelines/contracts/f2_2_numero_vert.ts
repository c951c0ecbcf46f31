// Fiche 2.2 « Numéro vert prévention des expulsions » (spec §2.2.4): consultations, permanences, bodies, specific actions.
import { col } from "./columns.ts";
import {
  COMPOSITIONS_FAMILIALES,
  SEXES,
  SEXES_LABELS,
  SITUATIONS_PROFESSIONNELLES,
  STADES_PROCEDURE,
  STATUTS_OCCUPATION,
  TERRITOIRES_MDS,
  TERRITOIRES_MDS_LABELS,
  TYPES_RESSOURCES,
} from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_2_numero_vert"] as const;
const territoire = (req: "O" | "C", condition?: string) =>
  col.enum(TERRITOIRES_MDS, { req, ...(condition ? { condition } : {}), label: "Territoire", example: "lens_lievin", valueLabels: TERRITOIRES_MDS_LABELS });

export const nvConsultations = defineReport({
  table: "nv_consultations",
  titre: "Consultations du numéro vert prévention des expulsions (fiche 2.2)",
  description: "Une ligne par consultation : appel au numéro vert, rendez-vous, permanence, courriel.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_consultation"],
  columns: {
    id_consultation: col.str({ req: "R", label: "Identifiant de la consultation", example: "NV-2026-000321" }),
    date_consultation: col.date({ req: "R", label: "Date de la consultation", example: "2026-02-09" }),
    mode_consultation: col.enum(["appel_numero_vert", "rendez_vous", "permanence", "courriel", "courrier", "autre"], {
      req: "R",
      label: "Mode de consultation",
      example: "appel_numero_vert",
    }),
    id_permanence: col.str({ req: "C", condition: "obligatoire pour une consultation en permanence (sinon alerte r03)", label: "Permanence (identifiant)", example: "PERM-2026-011" }),
    id_menage: col.str({ req: "C", condition: "pour suivre un ménage d'une consultation à l'autre", label: "Identifiant du ménage (pseudonyme)", example: "MEN-00871" }),
    premier_contact: col.bool({ req: "O", label: "Premier contact du ménage", example: "Oui" }),
    type_appelant: col.enum(
      ["menage_locataire", "proprietaire_bailleur", "travailleur_social", "autre_professionnel", "proche_tiers", "elu_collectivite", "autre"],
      { req: "R", label: "Type d'appelant", example: "menage_locataire" },
    ),
    code_commune_logement: col.commune({ req: "C", condition: "commune du logement, ou à défaut le territoire, ou à défaut le lieu de la permanence", label: "Commune du logement (code INSEE)", example: "62498" }),
    territoire_mds: territoire("C", "si la commune est inconnue"),
    parc: col.enum(["prive", "social", "non_renseigne"], { req: "R", label: "Parc", example: "prive" }),
    statut_occupation: col.enum(STATUTS_OCCUPATION, { req: "O", label: "Statut d'occupation", example: "locataire_parc_prive" }),
    sexe: col.enum(SEXES, { req: "O", label: "Sexe (personne de référence)", example: "F", valueLabels: SEXES_LABELS }),
    age_entree: col.int({ req: "O", label: "Âge", example: "41", min: 0, max: 110 }),
    annee_naissance: col.int({ req: "O", label: "Année de naissance", example: "1985", min: 1900, max: 2030 }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "O", label: "Composition familiale", example: "famille_monoparentale" }),
    nb_enfants: col.int({ req: "O", label: "Nombre d'enfants", example: "2", min: 0, max: 20 }),
    situation_professionnelle: col.enum(SITUATIONS_PROFESSIONNELLES, { req: "O", label: "Situation professionnelle", example: "emploi" }),
    type_ressources_principal: col.enum(TYPES_RESSOURCES, { req: "O", label: "Ressources principales", example: "salaire" }),
    ressources_mensuelles: col.dec({ req: "O", label: "Ressources mensuelles du ménage (€)", example: "1 450,00", min: 0 }),
    stade_procedure: col.enum(STADES_PROCEDURE, { req: "R", label: "Stade de la procédure", example: "commandement_de_payer" }),
    montant_dette: col.dec({ req: "O", label: "Montant de la dette locative (€)", example: "2 300,00", min: 0 }),
    origine_dette: col.list(
      ["baisse_ressources", "perte_emploi", "separation_deces", "maladie_handicap", "surendettement", "suspension_aide_logement", "gestion_budgetaire", "charges_elevees", "litige_bailleur_logement_indecent", "autre"],
      { req: "O", label: "Origine de la dette", example: "perte_emploi|separation_deces" },
    ),
    suite_donnee: col.list(
      [
        "information_conseil_juridique",
        "orientation_services_sociaux",
        "orientation_fsl",
        "orientation_ccapex",
        "orientation_commission_surendettement",
        "orientation_avocat_aide_juridictionnelle",
        "orientation_equipe_mobile",
        "mediation_bailleur",
        "plan_apurement_negocie",
        "rendez_vous_suivi",
        "autre",
      ],
      { req: "R", label: "Suites données", example: "information_conseil_juridique|orientation_fsl" },
    ),
  },
  // A consultation in permanence without its permanence is r03's warning (sql/mart_f2_2_alertes.sql); one with neither
  // commune nor territory is placed by its permanence's place (sql/int_f2_2_faits.sql, spec i02), else « non attribué ».
  checks: ({ rule, noItem }) => [rule(noItem("suite_donnee"), "suite_donnee", "indiquer au moins une suite donnée")],
});

export const nvPermanences = defineReport({
  table: "nv_permanences",
  titre: "Permanences du numéro vert (fiche 2.2)",
  description: "Une ligne par permanence tenue.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_permanence"],
  columns: {
    id_permanence: col.str({ req: "R", label: "Identifiant de la permanence", example: "PERM-2026-011" }),
    date: col.date({ req: "R", label: "Date", example: "2026-02-10" }),
    code_commune_lieu: col.commune({ req: "R", label: "Commune du lieu (code INSEE)", example: "62498" }),
    duree_heures: col.dec({ req: "O", label: "Durée (heures)", example: "3", min: 0, max: 24 }),
    nb_consultations: col.int({ req: "O", label: "Nombre de consultations", example: "6", min: 0, max: 500 }),
  },
});

export const nvInstances = defineReport({
  table: "nv_instances",
  titre: "Participation aux instances (fiche 2.2)",
  description: "Une ligne par participation à une instance ou un groupe de travail (CCAPEX, instances locales…).",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_participation"],
  columns: {
    id_participation: col.str({ req: "R", label: "Identifiant de la participation", example: "INST-2026-004" }),
    date: col.date({ req: "R", label: "Date", example: "2026-03-17" }),
    type_instance: col.enum(["ccapex", "instance_locale", "groupe_de_travail", "autre"], { req: "R", label: "Type d'instance", example: "ccapex" }),
    territoire_mds: territoire("O"),
    role: col.enum(["expertise", "participant", "animation"], { req: "O", label: "Rôle", example: "expertise" }),
    objet: col.str({ req: "O", label: "Objet", example: "Sous-commission CCAPEX de l'Artois", bloquante: false }),
  },
});

export const nvActionsSpecifiques = defineReport({
  table: "nv_actions_specifiques",
  titre: "Actions spécifiques (fiche 2.2)",
  description: "Une ligne par action spécifique : information collective, sensibilisation des travailleurs sociaux, communication, partenariat.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_action"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "NVA-2026-002" }),
    date: col.date({ req: "R", label: "Date", example: "2026-05-06" }),
    type_action: col.enum(["information_collective", "sensibilisation_travailleurs_sociaux", "communication", "partenariat", "autre"], {
      req: "R",
      label: "Type d'action",
      example: "sensibilisation_travailleurs_sociaux",
    }),
    public: col.enum(["menages", "travailleurs_sociaux", "bailleurs", "elus", "autre"], { req: "O", label: "Public", example: "travailleurs_sociaux" }),
    territoire_mds: territoire("O"),
    nb_participants: col.int({ req: "O", label: "Nombre de participants", example: "18", min: 0 }),
  },
});
