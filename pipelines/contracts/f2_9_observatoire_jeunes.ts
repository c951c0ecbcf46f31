// Fiche 2.9 « Observatoire des besoins des jeunes » (spec §2.9.4 → §2.9.5): the observatory operator's own tables,
// SIAO / 115 requests, the youth cohort, study days and workshops, deliverables.
import { col } from "./columns.ts";
import {
  CATEGORIES_PROFESSIONNELLES,
  COMPOSITIONS_FAMILIALES,
  OUI_NON_INCONNU,
  SEXES,
  SEXES_LABELS,
  SITUATIONS_LOGEMENT,
  SITUATIONS_PROFESSIONNELLES,
  TERRITOIRES_MDS,
  TERRITOIRES_MDS_LABELS,
  TYPES_RESSOURCES,
} from "./dimensions.ts";
import { commonChecks, defineReport } from "./report.ts";

const FICHE = ["f2_9_observatoire_jeunes"] as const;

export const TYPES_HEBERGEMENT_PROPOSE = ["chu", "chrs", "hotel", "logement_adapte", "autre"] as const;

export const obsDemandesSiao = defineReport({
  table: "obs_demandes_siao",
  titre: "Demandes au SIAO et au 115 (fiche 2.9)",
  description:
    "Une ligne par demande adressée au SIAO ou au 115, tous âges confondus pour calculer la part des jeunes ; identifiants pseudonymisés par le SIAO avant l'envoi.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_demande"],
  columns: {
    id_demande: col.str({ req: "R", label: "Identifiant de la demande", example: "SIAO-2026-004512", feeds: "x03" }),
    id_personne: col.str({ req: "R", label: "Identifiant de la personne (pseudonyme SIAO)", example: "SIAO-P-88213" }),
    date_demande: col.date({ req: "R", label: "Date de la demande", example: "2026-03-02", feeds: "x03" }),
    canal: col.enum(["appel_115", "siao_insertion", "maraude", "accueil_de_jour", "autre"], {
      req: "R",
      label: "Canal de la demande",
      example: "appel_115",
      valueLabels: { appel_115: "Appel au 115", siao_insertion: "SIAO insertion", maraude: "Maraude", accueil_de_jour: "Accueil de jour", autre: "Autre" },
      feeds: "x03",
    }),
    antenne_siao: col.enum(TERRITOIRES_MDS, { req: "R", label: "Antenne du SIAO (territoire)", example: "calaisis", valueLabels: TERRITOIRES_MDS_LABELS }),
    code_commune: col.commune({ req: "O", label: "Commune où se trouve la personne (code INSEE)", example: "62193" }),
    sexe: col.enum(SEXES, { req: "R", label: "Sexe", example: "M", valueLabels: SEXES_LABELS, feeds: "x03" }),
    age_entree: col.int({ req: "C", condition: "âge à la demande ou année de naissance", label: "Âge à la demande", example: "21", min: 0, max: 110, feeds: "x03" }),
    annee_naissance: col.int({ req: "C", condition: "âge à la demande ou année de naissance", label: "Année de naissance", example: "2005", min: 1900, max: 2030, feeds: "x03" }),
    composition_familiale: col.enum(COMPOSITIONS_FAMILIALES, { req: "R", label: "Composition familiale", example: "personne_seule", feeds: "x03" }),
    situation_logement: col.enum(SITUATIONS_LOGEMENT, { req: "R", label: "Situation de logement à la demande", example: "rue", feeds: "x03" }),
    parcours_ase: col.enum(OUI_NON_INCONNU, { req: "O", label: "Parcours à l'Aide sociale à l'enfance", example: "oui", feeds: "x03" }),
    sortie_institution: col.enum(["aucune", "ase", "prison", "hopital_psychiatrie", "autre"], { req: "O", label: "Sortie d'institution", example: "ase", feeds: "x03" }),
    type_ressources: col.enum(TYPES_RESSOURCES, { req: "O", label: "Ressources principales", example: "sans_ressources", feeds: "x03" }),
    reponse: col.enum(["hebergement_propose", "logement_propose", "orientation", "pas_de_place", "refus_personne", "sans_suite"], {
      req: "R",
      label: "Réponse apportée",
      example: "hebergement_propose",
      feeds: "x03",
    }),
    // The spec marks it C without stating the condition; the only reading is "when shelter was offered".
    type_hebergement_propose: col.enum(TYPES_HEBERGEMENT_PROPOSE, {
      req: "C",
      condition: "obligatoire si un hébergement est proposé",
      label: "Type d'hébergement proposé",
      example: "chu",
      valueLabels: { chu: "CHU", chrs: "CHRS", hotel: "Hôtel", logement_adapte: "Logement adapté", autre: "Autre" },
      feeds: "x03",
    }),
  },
  checks: ({ rule, and, is, absent }) => [
    commonChecks.ageOrBirthYear("à la demande"),
    rule(and(is("reponse", "hebergement_propose"), absent("type_hebergement_propose")), "type_hebergement_propose", "type d'hébergement manquant alors qu'un hébergement est proposé"),
  ],
});

const SI_SUIVI = "obligatoire si le jeune n'est pas perdu de vue";

export const obsCohorte = defineReport({
  table: "obs_cohorte",
  titre: "Suivi de cohorte des jeunes (fiche 2.9)",
  description: "Une ligne par jeune et par vague de suivi (1 = premier contact).",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_jeune", "vague"],
  columns: {
    id_jeune: col.str({ req: "R", label: "Identifiant du jeune (pseudonyme, stable d'une vague à l'autre)", example: "JEUNE-0107", feeds: "x02" }),
    vague: col.int({ req: "R", label: "Vague de suivi", description: "1 = premier contact, puis 2, 3…", example: "2", min: 1, max: 50, feeds: "x02" }),
    date_observation: col.date({ req: "R", label: "Date de l'observation", example: "2026-05-19", feeds: "x02" }),
    mode_recueil: col.enum(["entretien", "questionnaire", "donnees_administratives"], { req: "R", label: "Mode de recueil", example: "entretien", feeds: "x02" }),
    consentement: col.bool({ req: "R", label: "Consentement du jeune", description: "Doit être « Oui » : sans consentement, la ligne n'est pas enregistrée.", example: "Oui", feeds: "r06" }),
    perdu_de_vue: col.bool({ req: "R", label: "Perdu de vue", example: "Non", feeds: "x02" }),
    sexe: col.enum(SEXES, { req: "R", label: "Sexe", example: "F", valueLabels: SEXES_LABELS, feeds: "x02" }),
    annee_naissance: col.int({ req: "R", label: "Année de naissance", example: "2004", min: 1900, max: 2030, feeds: "x02" }),
    parcours_ase: col.enum(OUI_NON_INCONNU, { req: "R", label: "Parcours à l'Aide sociale à l'enfance", example: "oui", feeds: "x02" }),
    territoire_mds: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire", example: "boulonnais", valueLabels: TERRITOIRES_MDS_LABELS, feeds: "x02" }),
    situation_logement: col.enum(SITUATIONS_LOGEMENT, { req: "C", condition: SI_SUIVI, label: "Situation de logement", example: "logement_adapte", feeds: "x02" }),
    situation_professionnelle: col.enum(SITUATIONS_PROFESSIONNELLES, { req: "C", condition: SI_SUIVI, label: "Situation professionnelle", example: "formation_etudes", feeds: "x02" }),
    type_ressources: col.enum(TYPES_RESSOURCES, { req: "O", label: "Ressources principales", example: "cej_allocation", feeds: "x02" }),
    accompagnements_en_cours: col.list(["envaul", "adsl", "vial", "contrat_jeune_majeur_apjm", "mission_locale_cej", "fsl", "aucun", "autre"], {
      req: "O",
      label: "Accompagnements en cours",
      example: "envaul|mission_locale_cej",
      valueLabels: { envaul: "ENVAUL", adsl: "ADSL", vial: "VIAL", contrat_jeune_majeur_apjm: "Contrat jeune majeur (APJM)", mission_locale_cej: "Mission locale (CEJ)", fsl: "FSL" },
      feeds: "x02",
    }),
    relogement_depuis_vague_precedente: col.bool({ req: "O", label: "Relogé depuis la vague précédente", example: "Oui", feeds: "x02" }),
  },
  // The age ceiling at the first wave (r06, warning at 25) is left to the rules; consent is refused here because
  // a row collected without consent must not be stored at all.
  checks: ({ rule, and, is, absent, hasItem, moreItemsThan }) => {
    const suivi = is("perdu_de_vue", false);
    return [
      rule(is("consentement", false), "consentement", "ligne refusée : le jeune n'a pas donné son consentement au suivi de cohorte"),
      rule(and(suivi, absent("situation_logement")), "situation_logement", "situation de logement manquante pour un jeune qui n'est pas perdu de vue"),
      rule(and(suivi, absent("situation_professionnelle")), "situation_professionnelle", "situation professionnelle manquante pour un jeune qui n'est pas perdu de vue"),
      rule(
        and(hasItem("accompagnements_en_cours", "aucun"), moreItemsThan("accompagnements_en_cours", 1)),
        "accompagnements_en_cours",
        "« aucun » ne peut pas être combiné avec un autre accompagnement",
      ),
    ];
  },
});

export const obsRencontres = defineReport({
  table: "obs_rencontres",
  titre: "Rencontres partenariales de l'observatoire (fiche 2.9)",
  description: "Une ligne par journée d'étude, atelier de travail ou séance de recherche participative.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_rencontre"],
  columns: {
    id_rencontre: col.str({ req: "R", label: "Identifiant de la rencontre", example: "OBS-R-2026-03", feeds: "x01" }),
    date: col.date({ req: "R", label: "Date", example: "2026-06-11", feeds: "x01" }),
    type: col.enum(["journee_etude", "atelier_travail", "recherche_participative"], {
      req: "R",
      label: "Type de rencontre",
      example: "recherche_participative",
      valueLabels: { journee_etude: "Journée d'étude", atelier_travail: "Atelier de travail", recherche_participative: "Recherche participative" },
      feeds: "x01",
    }),
    territoire_mds: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire", example: "arrageois", valueLabels: TERRITOIRES_MDS_LABELS }),
    nb_participants_professionnels: col.int({ req: "R", label: "Nombre de professionnels participants", example: "12", min: 0, feeds: "x01" }),
    nb_jeunes: col.int({ req: "R", label: "Nombre de jeunes participants", example: "6", min: 0, feeds: "x01, r05" }),
    categories_participants: col.list(CATEGORIES_PROFESSIONNELLES, { req: "O", label: "Catégories de professionnels", example: "siao_hebergement|travailleur_social_lda", feeds: "x01" }),
  },
});

/** Perimeter of a deliverable: §A.1 territories, or the whole département (the observatory covers every territory). */
const PERIMETRES_LIVRABLE = [...TERRITOIRES_MDS, "departement"] as const;

export const obsLivrables = defineReport({
  table: "obs_livrables",
  titre: "Livrables de l'observatoire (fiche 2.9)",
  description: "Une ligne par livrable remis : cartographie, fiche thématique, fiche de synthèse, rapport complet, livrable final.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_livrable"],
  columns: {
    id_livrable: col.str({ req: "R", label: "Identifiant du livrable", example: "OBS-L-2026-02", feeds: "i01-i04" }),
    date: col.date({ req: "R", label: "Date de remise", example: "2026-09-30", feeds: "i04, r03" }),
    type_livrable: col.enum(["cartographie", "fiche_thematique", "fiche_synthese", "rapport_complet", "livrable_final", "autre"], {
      req: "R",
      label: "Type de livrable",
      example: "fiche_thematique",
      valueLabels: { cartographie: "Cartographie", fiche_thematique: "Fiche thématique", fiche_synthese: "Fiche de synthèse", rapport_complet: "Rapport complet", livrable_final: "Livrable final", autre: "Autre" },
      feeds: "i01-i04, r03",
    }),
    titre: col.str({ req: "R", label: "Titre", example: "Les jeunes sortants de l'ASE face au logement" }),
    perimetre: col.list(PERIMETRES_LIVRABLE, {
      req: "O",
      label: "Périmètre",
      example: "calaisis|boulonnais",
      valueLabels: { ...TERRITOIRES_MDS_LABELS, departement: "Département" },
    }),
    url_ou_fichier: col.str({ req: "O", label: "Adresse web ou nom du fichier", example: "fiche-jeunes-ase-2026.pdf", bloquante: false }),
  },
});
