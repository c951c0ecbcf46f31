// Shared code lists (spec §A). Codes are stable identifiers; labels are what French users read.

export const TERRITOIRES_LDA = ["lens_henin", "artois", "audomarois", "boulonnais", "montreuillois", "arrageois_ternois", "calaisis"] as const;
export const TERRITOIRES_LDA_LABELS: Record<string, string> = {
  lens_henin: "Lens-Hénin",
  artois: "Artois",
  audomarois: "Audomarois",
  boulonnais: "Boulonnais",
  montreuillois: "Montreuillois",
  arrageois_ternois: "Arrageois (hors CUA) et Ternois",
  calaisis: "Calaisis",
};

export const TERRITOIRES_MDS = ["arrageois", "artois", "audomarois", "boulonnais", "calaisis", "henin_carvin", "lens_lievin", "montreuillois", "ternois"] as const;
export const TERRITOIRES_MDS_LABELS: Record<string, string> = {
  arrageois: "Arrageois",
  artois: "Artois",
  audomarois: "Audomarois",
  boulonnais: "Boulonnais",
  calaisis: "Calaisis",
  henin_carvin: "Hénin-Carvin",
  lens_lievin: "Lens-Liévin",
  montreuillois: "Montreuillois",
  ternois: "Ternois",
};

/** §A.5 age bands. */
export const TRANCHES_AGE = ["moins_18", "18_25", "26_35", "36_50", "51_65", "plus_65"] as const;

/** §A.9 occupancy status. */
export const STATUTS_OCCUPATION = [
  "locataire_parc_prive",
  "locataire_parc_social",
  "sous_locataire",
  "proprietaire_occupant",
  "proprietaire_bailleur",
  "accedant",
  "heberge",
  "autre",
  "non_renseigne",
] as const;

/** §A.14 eviction procedure stage. */
export const STADES_PROCEDURE = [
  "impaye_sans_procedure",
  "commandement_de_payer",
  "assignation",
  "audience",
  "jugement_resiliation_bail",
  "commandement_de_quitter_les_lieux",
  "concours_force_publique_demande",
  "concours_force_publique_accorde",
  "expulsion_realisee",
  "non_renseigne",
] as const;

export const DISPOSITIFS_LDA = ["adsl", "vial", "envaul"] as const;
export const DISPOSITIFS_LDA_LABELS = { adsl: "ADSL", vial: "VIAL", envaul: "ENVAUL" };

export const SEXES = ["F", "M", "non_renseigne"] as const;
export const SEXES_LABELS = { F: "Femme", M: "Homme", non_renseigne: "Non renseigné" };

export const COMPOSITIONS_FAMILIALES = [
  "personne_seule",
  "famille_monoparentale",
  "couple_sans_enfant",
  "couple_avec_enfants",
  "autre",
  "non_renseigne",
] as const;

export const SITUATIONS_LOGEMENT = [
  "locataire_parc_social",
  "locataire_parc_prive",
  "proprietaire_occupant",
  "sous_locataire",
  "heberge_tiers",
  "structure_hebergement",
  "hotel",
  "logement_adapte",
  "rue",
  "squat",
  "errance",
  "habitat_precaire",
  "institution",
  "autre",
  "non_renseigne",
] as const;

export const OUI_NON_INCONNU = ["oui", "non", "inconnu"] as const;

export const DIFFICULTES = [
  "parentalite",
  "addictions",
  "gestion_budgetaire",
  "sante",
  "sante_mentale_handicap_psychique",
  "violences_intrafamiliales",
  "expulsion",
  "marginalite_errance",
  "isolement",
  "sortie_institution",
  "autre",
] as const;

export const VULNERABILITES = [...DIFFICULTES, "rupture_familiale", "sans_ressources", "insertion_socio_professionnelle"] as const;

export const TYPES_RESSOURCES = [
  "salaire",
  "indemnites_chomage",
  "rsa",
  "prime_activite",
  "aah",
  "pension_invalidite",
  "retraite_minimum_vieillesse",
  "prestations_familiales",
  "indemnites_journalieres",
  "cej_allocation",
  "faj",
  "allocation_jeune_majeur",
  "bourse_etudes",
  "sans_ressources",
  "autre",
  "non_renseigne",
] as const;

export const SITUATIONS_PROFESSIONNELLES = [
  "emploi",
  "demandeur_emploi",
  "formation_etudes",
  "retraite",
  "invalidite_inaptitude",
  "sans_activite",
  "non_renseigne",
] as const;

export const TYPES_CONTRAT = [
  "cdi",
  "cdd",
  "interim",
  "cddi",
  "contrat_aide",
  "alternance",
  "premieres_heures_chantier",
  "independant",
  "autre",
] as const;
export const TYPES_CONTRAT_LABELS = {
  cdi: "CDI",
  cdd: "CDD",
  interim: "Contrat intérim",
  cddi: "CDDI",
  contrat_aide: "Contrat aidé (PEC)",
  alternance: "Alternance",
  premieres_heures_chantier: "Premières heures en chantier",
  independant: "Indépendant",
  autre: "Autre",
};

export const CATEGORIES_PARTENAIRE = [
  "sante",
  "sante_mentale",
  "addictologie",
  "handicap_medico_social",
  "bailleur_social",
  "bailleur_prive",
  "ccas",
  "departement_mds",
  "caf_cpam",
  "siao_hebergement",
  "insertion_professionnelle",
  "formation",
  "justice_spip",
  "protection_juridique_tutelle",
  "acces_droits_juridique",
  "culture_sport_loisirs",
  "aide_alimentaire_caritatif",
  "habitat_technique",
  "artisan_entreprise",
  "financeur",
  "autre",
] as const;

export const OBJECTIFS = ["atteint", "partiellement_atteint", "non_atteint", "non_evalue"] as const;

export const TYPES_SORTIE = [
  "positive",
  "rupture",
  "non_adhesion",
  "reorientation",
  "demenagement",
  "incarceration",
  "hospitalisation",
  "deces",
  "autre",
] as const;

export const RELAIS_DROIT_COMMUN = ["accompagnement_droit_commun", "aucun_besoin", "autre_dispositif_lda", "aucun_relais"] as const;

export const TYPES_LOGEMENT_RELOGEMENT = [
  "parc_social",
  "parc_prive",
  "sous_location_bail_glissant",
  "colocation",
  "logement_sas",
  "logement_adapte",
  "autre",
] as const;

/** §A.17 referring organisation (LDA saisines, ASTRE, 2.12). */
export const STRUCTURES_ORIGINE = [
  "ccas",
  "departement_mds",
  "slisl_mds",
  "tutelle_mandataire",
  "structure_hebergement",
  "siao",
  "bailleur_social",
  "bailleur_prive",
  "association",
  "sante",
  "justice_spip",
  "mission_locale",
  "caf",
  "mon_accompagnateur_renov",
  "operateur_opah_pig",
  "fsl_fonds_travaux",
  "anah",
  "operateur_lui_meme",
  "menage_lui_meme",
  "autre",
] as const;

/** §A.15 debt band. */
export const TRANCHES_DETTE = ["moins_1500", "1500_4000", "plus_4000"] as const;

/** §A.16 professional category of participants (GEP, 2.11, observatory). */
export const CATEGORIES_PROFESSIONNELLES = [
  "travailleur_social_lda",
  "travailleur_social_fsl",
  "travailleur_social_departement",
  "bailleur_social",
  "ccas",
  "spip",
  "siao_hebergement",
  "accompagnement_budgetaire",
  "mandataire_judiciaire",
  "sante_sante_mentale",
  "aide_domicile_perte_autonomie",
  "handicap",
  "parentalite_protection_enfance",
  "association_autre",
  "collectivite_epci",
  "autre",
] as const;

/** §A.18 satisfaction / assessment scale. */
export const ECHELLE_SATISFACTION = ["tres_satisfait", "satisfait", "peu_satisfait", "pas_satisfait", "non_repondu"] as const;

export const FICHES = [
  "f2_1_information",
  "f2_2_numero_vert",
  "f2_3_astre",
  "f2_4_adsl",
  "f2_5_vial",
  "f2_6_envaul",
  "f2_7_lda_extension",
  "f2_8_gep",
  "f2_9_observatoire_jeunes",
  "f2_10_equipes_mobiles",
  "f2_11_sensibilisation_pe",
  "f2_12_prevention_pe",
  "f2_13_gens_du_voyage",
] as const;
