// French labels for the codes the site shows. Reuses the contracts' labels where they exist, so a code
// is named the same way in error messages and on the pages.
import { SEXES_LABELS, TERRITOIRES_LDA_LABELS, TYPES_CONTRAT_LABELS, DISPOSITIFS_LDA_LABELS } from "../contracts/dimensions.ts";

export const FICHES_LDA = [
  { code: "f2_4_adsl", numero: "2.4", court: "ADSL", titre: "Logement d'abord – ADSL (Autonome Dans Son Logement)" },
  { code: "f2_5_vial", numero: "2.5", court: "VIAL", titre: "Logement d'abord – VIAL (Vers l'Insertion et l'Autonomie en Logement)" },
  { code: "f2_6_envaul", numero: "2.6", court: "ENVAUL", titre: "Logement d'abord – ENVAUL (ENtrée dans la Vie AUtonome par le Logement)" },
  { code: "f2_7_lda_extension", numero: "2.7", court: "Extension 2024", titre: "Logement d'abord – ADSL et VIAL sur l'Arrageois (hors CUA), le Ternois et le Calaisis" },
] as const;

export const VENTILATIONS: Record<string, string> = {
  sexe: "Sexe",
  tranche_age: "Tranche d'âge",
  sexe_tranche_age: "Sexe et tranche d'âge",
  type_logement_relogement: "Type de logement",
  categorie_partenaire: "Catégorie de partenaire",
  type_contrat_emploi: "Type de contrat",
  dispositif: "Dispositif",
  jeunes: "Jeunes",
  age: "Âge",
  operateur: "Opérateur",
};

const TRANCHES_AGE: Record<string, string> = {
  moins_18: "Moins de 18 ans",
  "18_25": "18 à 25 ans",
  "26_35": "26 à 35 ans",
  "36_50": "36 à 50 ans",
  "51_65": "51 à 65 ans",
  plus_65: "Plus de 65 ans",
  moins_25: "Moins de 25 ans",
  jeune_18_25: "18 à 25 ans",
  non_renseigne: "Non renseigné",
};

const LOGEMENTS: Record<string, string> = {
  parc_social: "Parc social",
  parc_prive: "Parc privé",
  sous_location_bail_glissant: "Sous-location (bail glissant)",
  colocation: "Colocation",
  logement_sas: "Logement sas",
  logement_adapte: "Logement adapté",
  autre: "Autre",
};

const PARTENAIRES: Record<string, string> = {
  sante: "Santé",
  sante_mentale: "Santé mentale",
  addictologie: "Addictologie",
  handicap_medico_social: "Handicap, médico-social",
  bailleur_social: "Bailleur social",
  bailleur_prive: "Bailleur privé",
  ccas: "CCAS",
  departement_mds: "Département (MDS, SLISL, ASE)",
  caf_cpam: "CAF, CPAM",
  siao_hebergement: "SIAO, hébergement",
  insertion_professionnelle: "Insertion professionnelle",
  formation: "Formation",
  justice_spip: "Justice, SPIP",
  protection_juridique_tutelle: "Protection juridique, tutelle",
  acces_droits_juridique: "Accès aux droits",
  culture_sport_loisirs: "Culture, sport, loisirs",
  aide_alimentaire_caritatif: "Aide alimentaire, caritatif",
  habitat_technique: "Habitat, technique",
  artisan_entreprise: "Artisan, entreprise",
  financeur: "Financeur",
  autre: "Autre",
};

/** Labels by ventilation, then modality code. Unknown codes are shown as they come (see the site's `libelle`). */
export const MODALITES: Record<string, Record<string, string>> = {
  sexe: SEXES_LABELS,
  tranche_age: TRANCHES_AGE,
  type_logement_relogement: LOGEMENTS,
  categorie_partenaire: PARTENAIRES,
  type_contrat_emploi: TYPES_CONTRAT_LABELS,
  dispositif: DISPOSITIFS_LDA_LABELS,
  territoire_lda: TERRITOIRES_LDA_LABELS,
  jeunes: { moins_25: "Moins de 25 ans", jeune_18_25: "18 à 25 ans" },
};
