// Fiche 2.11 « Sensibilisation des professionnels à la précarité énergétique » (spec §2.11.4):
// sessions, attendance sheets (émargement, with PERSONAL name and contact), participants' evaluations.
import { col } from "./columns.ts";
import { CATEGORIES_PROFESSIONNELLES, ECHELLE_SATISFACTION } from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_11_sensibilisation_pe"] as const;

/** §A.3, 2.11 lots. Not in dimensions.ts, and not the 2.12 scheme (there Arrageois/Ternois form a third lot). */
export const LOTS_SENSIBILISATION = ["lot1", "lot2"] as const;
export const LOTS_SENSIBILISATION_LABELS = {
  lot1: "Lot 1 : Calaisis, Boulonnais, Montreuillois, Audomarois",
  lot2: "Lot 2 : Artois, Lens-Liévin, Hénin-Carvin, Arrageois, Ternois",
};

export const PROGRAMMES_SENSIBILISATION = ["niveau_1_decouverte", "niveau_2_approfondissement"] as const;
const PROGRAMMES_SENSIBILISATION_LABELS = {
  niveau_1_decouverte: "Niveau 1 – découverte",
  niveau_2_approfondissement: "Niveau 2 – approfondissement",
};

export const sensSessions = defineReport({
  table: "sens_sessions",
  titre: "Sessions de sensibilisation à la précarité énergétique (fiche 2.11)",
  description: "Une ligne par session collective de sensibilisation des professionnels.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_session"],
  columns: {
    id_session: col.str({ req: "R", label: "Identifiant de la session", example: "SENS-2026-004", feeds: "all" }),
    lot: col.enum(LOTS_SENSIBILISATION, { req: "R", label: "Lot", example: "lot1", valueLabels: LOTS_SENSIBILISATION_LABELS, feeds: "r04, r09" }),
    programme: col.enum(PROGRAMMES_SENSIBILISATION, { req: "R", label: "Programme", example: "niveau_1_decouverte", valueLabels: PROGRAMMES_SENSIBILISATION_LABELS, feeds: "i01, r05" }),
    date: col.date({ req: "R", label: "Date de la session", example: "2026-09-15", feeds: "i01" }),
    code_commune_lieu: col.commune({ req: "R", label: "Commune du lieu de la session (code INSEE)", example: "62193", feeds: "i01, r09" }),
    duree_heures: col.dec({ req: "O", label: "Durée (heures)", example: "3,5", min: 0, max: 24 }),
    nb_inscrits: col.int({ req: "O", label: "Nombre d'inscrits", example: "14", min: 0 }),
    nb_participants_presents: col.int({
      req: "R",
      label: "Nombre de participants présents",
      description: "Une session n'est financée qu'à partir de 8 participants présents.",
      example: "12",
      min: 0,
      feeds: "fin, r01",
    }),
    date_validation_inscriptions_slisl: col.date({ req: "O", label: "Date de validation des inscriptions par le SLISL", example: "2026-09-01", feeds: "r02" }),
    support_remis: col.bool({ req: "R", label: "Support de formation remis aux participants", example: "Oui", feeds: "r06" }),
    salle_departement: col.bool({ req: "O", label: "Salle prêtée par le Département", example: "Non" }),
  },
});

export const sensEmargements = defineReport({
  table: "sens_emargements",
  titre: "Émargements des sessions de sensibilisation (fiche 2.11)",
  description:
    "Une ligne par professionnel inscrit à une session. Le nom et les coordonnées sont des données personnelles : pseudonymisés à l'ingestion, jamais enregistrés en clair ni publiés.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_session", "id_participant"],
  columns: {
    id_session: col.str({ req: "R", label: "Identifiant de la session", example: "SENS-2026-004", feeds: "i01" }),
    // Spec: « if absent, derived at ingest by keyed hash of name + structure », so attendees are counted once.
    id_participant: col.str({
      req: "C",
      condition: "à défaut, calculé à l'ingestion à partir du nom et de la structure (pseudonyme)",
      label: "Identifiant du participant (pseudonyme)",
      example: "PRO-0213",
      derivedFrom: ["nom_participant", "structure"],
      feeds: "i01, r03",
    }),
    // PERSONAL: the seed asks for the name on the attendance sheet; only its keyed hash is stored.
    nom_participant: col.str({ req: "O", personal: true, label: "Nom du participant", example: "Martin Claire", feeds: "hashed only" }),
    // PERSONAL: e-mail or phone; never needed by an indicator.
    coordonnees_participant: col.str({ req: "O", personal: true, label: "Coordonnées du participant (courriel ou téléphone)", example: "claire.martin@exemple.fr" }),
    structure: col.str({ req: "R", label: "Structure", example: "CCAS de Calais", feeds: "i01" }),
    type_structure: col.enum(
      [
        "departement_mds",
        "ccas",
        "association_logement",
        "bailleur_social",
        "service_aide_domicile",
        "service_tutelle_mjpm",
        "caf",
        "etablissement_medico_social",
        "collectivite",
        "autre",
      ],
      {
        req: "R",
        label: "Type de structure",
        example: "ccas",
        valueLabels: { departement_mds: "Département (MDS)", ccas: "CCAS", caf: "CAF", service_tutelle_mjpm: "Service de tutelle (MJPM)" },
        feeds: "i01",
      },
    ),
    fonction: col.str({ req: "R", label: "Fonction", example: "Conseillère en économie sociale et familiale", feeds: "i01" }),
    categorie_professionnelle: col.enum(CATEGORIES_PROFESSIONNELLES, { req: "R", label: "Catégorie professionnelle", example: "ccas", feeds: "i01, r10" }),
    encadrant: col.bool({ req: "O", label: "Encadrant", example: "Non", feeds: "i01" }),
    present: col.bool({ req: "R", label: "Présent à la session", example: "Oui", feeds: "i01, r01, r07" }),
  },
  checks: ({ rule, and, absent }) => [
    rule(and(absent("id_participant"), absent("nom_participant")), "id_participant", "indiquer l'identifiant du participant ou, à défaut, son nom (pseudonymisé à l'ingestion)"),
  ],
});

export const sensEvaluations = defineReport({
  table: "sens_evaluations",
  titre: "Évaluations des sessions par les participants (fiche 2.11)",
  description: "Une ligne par questionnaire anonyme rempli par un participant.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_evaluation"],
  columns: {
    id_evaluation: col.str({ req: "R", label: "Identifiant du questionnaire", example: "EVAL-2026-0051", feeds: "i02" }),
    id_session: col.str({ req: "R", label: "Identifiant de la session", example: "SENS-2026-004", feeds: "i02" }),
    satisfaction_globale: col.enum(ECHELLE_SATISFACTION, { req: "R", label: "Satisfaction globale", example: "satisfait", feeds: "i02" }),
    utilite_pratique: col.enum(ECHELLE_SATISFACTION, { req: "O", label: "Utilité pratique", example: "tres_satisfait", feeds: "i02" }),
    recommanderait: col.bool({ req: "O", label: "Recommanderait la session", example: "Oui", feeds: "i02" }),
  },
});
