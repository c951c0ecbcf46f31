// Fiche 2.1 « Missions d'information sur le logement » (spec §2.1.4): consultations, permanences, other actions.
import { col } from "./columns.ts";
import {
  COMPOSITIONS_FAMILIALES,
  SEXES,
  SEXES_LABELS,
  SITUATIONS_PROFESSIONNELLES,
  STATUTS_OCCUPATION,
  TERRITOIRES_MDS,
  TERRITOIRES_MDS_LABELS,
  TRANCHES_AGE,
} from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_1_information"] as const;

export const THEMES_INFORMATION = [
  "acces_parc_locatif",
  "rapports_locatifs",
  "impayes_expulsion",
  "accession_propriete",
  "financement_pret",
  "fiscalite",
  "copropriete",
  "amelioration_renovation",
  "habitat_indigne_decence",
  "permis_de_louer",
  "urbanisme",
  "voisinage",
  "autre",
] as const;

export const infoConsultations = defineReport({
  table: "info_consultations",
  titre: "Consultations d'information sur le logement (fiche 2.1)",
  description: "Une ligne par consultation : appel, rendez-vous, accueil, permanence, courriel.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_consultation"],
  columns: {
    id_consultation: col.str({ req: "R", label: "Identifiant de la consultation", example: "C-2026-000123" }),
    date_consultation: col.date({ req: "R", label: "Date de la consultation", example: "2026-03-12" }),
    mode_consultation: col.enum(["telephone", "rdv_bureau", "accueil_sans_rdv", "permanence", "courriel", "courrier", "visio", "autre"], {
      req: "R",
      label: "Mode de consultation",
      example: "permanence",
    }),
    id_lieu: col.str({ req: "C", condition: "obligatoire pour un rendez-vous, un accueil ou une permanence (sinon alerte r03)", label: "Lieu (identifiant)", example: "L-ARRAS-01" }),
    id_usager: col.str({ req: "O", label: "Identifiant de l'usager (pseudonyme)", example: "U-004512" }),
    type_consultant: col.enum(["particulier", "professionnel_social", "professionnel_immobilier", "elu_collectivite", "autre"], {
      req: "R",
      label: "Type de consultant",
      example: "particulier",
    }),
    code_commune_usager: col.commune({ req: "O", label: "Commune de résidence de l'usager (code INSEE)", example: "62041" }),
    territoire_mds_usager: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire de l'usager", example: "arrageois", valueLabels: TERRITOIRES_MDS_LABELS }),
    statut_occupation: col.enum(STATUTS_OCCUPATION, { req: "R", label: "Statut d'occupation", example: "locataire_parc_prive" }),
    sexe: col.enum(SEXES, { req: "O", label: "Sexe", example: "F", valueLabels: SEXES_LABELS }),
    tranche_age: col.enum(TRANCHES_AGE, { req: "O", label: "Tranche d'âge", example: "36_50" }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "O", label: "Composition familiale", example: "famille_monoparentale" }),
    situation_professionnelle: col.enum(SITUATIONS_PROFESSIONNELLES, { req: "O", label: "Situation professionnelle", example: "emploi" }),
    motif: col.enum(["information_generale", "preparation_projet", "difficulte_en_cours", "litige", "demande_rendez_vous", "demande_orientation", "autre"], {
      req: "C",
      condition: "obligatoire pour un appel téléphonique (sinon alerte r04, compté « non renseigné »)",
      label: "Motif de l'appel",
      example: "litige",
    }),
    theme_principal: col.enum(THEMES_INFORMATION, { req: "R", label: "Thème principal", example: "rapports_locatifs" }),
    themes_secondaires: col.list(THEMES_INFORMATION, { req: "O", label: "Thèmes secondaires", example: "impayes_expulsion" }),
    domaine: col.list(["juridique", "financier", "fiscal", "technique"], { req: "O", label: "Domaines", example: "juridique|financier" }),
    habitat_indigne: col.bool({ req: "R", label: "Dans le cadre de l'habitat indigne", example: "Non" }),
    permis_de_louer: col.bool({ req: "R", label: "Dans le cadre du permis de louer", example: "Non" }),
    orientation_vers: col.enum(
      ["aucune", "services_sociaux_mds", "fsl", "numero_vert_expulsions", "commission_surendettement", "avocat_aide_juridictionnelle", "mairie_epci", "france_renov_anah", "caf", "autre"],
      { req: "O", label: "Orientation vers", example: "aucune" },
    ),
  },
  // No row check: a missing place or motif is a warning of the spec (r03, r04: sql/mart_f2_1_alertes.sql), never a
  // reason to lose the consultation.
});

export const infoPermanences = defineReport({
  table: "info_permanences",
  titre: "Permanences d'information sur le logement (fiche 2.1)",
  description: "Une ligne par permanence tenue, au bureau permanent ou dans un lieu de permanence régulière.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_permanence"],
  columns: {
    id_permanence: col.str({ req: "R", label: "Identifiant de la permanence", example: "P-2026-0042" }),
    date: col.date({ req: "R", label: "Date", example: "2026-03-12" }),
    id_lieu: col.str({ req: "R", label: "Lieu (identifiant stable)", example: "L-ARRAS-01" }),
    type_lieu: col.enum(["bureau_permanent", "lieu_permanence"], { req: "R", label: "Type de lieu", example: "lieu_permanence" }),
    code_commune_lieu: col.commune({ req: "R", label: "Commune du lieu (code INSEE)", example: "62041" }),
    duree_heures: col.dec({ req: "O", label: "Durée (heures)", example: "3,5", min: 0, max: 24 }),
    nb_consultations: col.int({ req: "O", label: "Nombre de consultations", example: "7", min: 0, max: 500 }),
  },
});

export const infoActionsInformation = defineReport({
  table: "info_actions_information",
  titre: "Autres actions d'information (fiche 2.1)",
  description: "Une ligne par action d'information hors consultation : article, bulletin, diffusion de documents, salon, forum.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_action"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "A-2026-007" }),
    date: col.date({ req: "R", label: "Date", example: "2026-04-02" }),
    type_action: col.enum(["article_presse", "bulletin_municipal", "bulletin_intercommunal", "diffusion_documents", "salon", "forum", "autre_manifestation"], {
      req: "R",
      label: "Type d'action",
      example: "salon",
    }),
    code_commune: col.commune({ req: "O", label: "Commune (code INSEE)", example: "62193" }),
    territoire_mds: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire", example: "calaisis", valueLabels: TERRITOIRES_MDS_LABELS }),
    theme: col.enum(THEMES_INFORMATION, { req: "O", label: "Thème", example: "accession_propriete" }),
    nb_personnes_touchees: col.int({ req: "O", label: "Personnes touchées (visiteurs, exemplaires)", example: "250", min: 0 }),
  },
});
