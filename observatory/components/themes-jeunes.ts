// The thematic sheets of the youth observatory (18-25 ans, spec §2.9.5): one per youth slice, in the order of the
// full report. Pure data, read by the page loaders at build time and by the pages in the browser.

export interface ThemeJeunes {
  slug: string;
  titre: string;
  /** The fiche whose published rows the sheet reads (fiche 2.9 publishes the youth slices of the other fiches). */
  source: "f2_9_observatoire_jeunes" | "f2_6_envaul";
  /** The fiches the slice comes from (numbers, for the text). */
  fiches: string[];
  /** Indicators drawn as sections (each with its sub-figures, breakdowns and territories); empty: every indicator. */
  indicateurs: string[];
  /** Indicators shown as key figures. */
  cles: string[];
  texte: string;
}

export const THEMES_JEUNES: readonly ThemeJeunes[] = [
  {
    slug: "demandes-siao-115",
    titre: "Demandes des jeunes au SIAO et au 115",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.9"],
    indicateurs: ["x03_jeunes", "x03_part_jeunes"],
    cles: ["x03_jeunes", "x03_jeunes_personnes", "x03_part_jeunes", "x03_jeunes_18_25"],
    texte:
      "Les demandes d'hébergement ou de logement adressées au SIAO et au 115 par des jeunes de moins de 25 ans (et de 18 à 25 ans), leur part dans l'ensemble des demandes, leur situation (logement, ressources, sortie d'institution, parcours à l'aide sociale à l'enfance) et la réponse apportée.",
  },
  {
    slug: "cohorte",
    titre: "Suivi de cohorte des jeunes",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.9"],
    indicateurs: ["x02", "x02_suivis", "x02_taux_suivi"],
    cles: ["x02", "x02_suivis", "x02_releges", "x02_taux_suivi"],
    texte:
      "Les jeunes rencontrés les années précédentes (jeunes précaires ou issus de l'ASE), suivis vague après vague avec leur consentement : combien sont encore suivis, leur situation de logement et professionnelle, leurs ressources, leurs accompagnements et les relogements.",
  },
  {
    slug: "logement-d-abord",
    titre: "Les jeunes dans le Logement d'abord (ADSL, VIAL, ENVAUL)",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.4", "2.5", "2.6", "2.7"],
    indicateurs: ["y01", "y01_part"],
    cles: ["y01", "y01_18_25", "y01_part"],
    texte:
      "Les personnes de moins de 25 ans accompagnées par les dispositifs du Logement d'abord, et leur part parmi toutes les personnes accompagnées, par dispositif (ADSL, VIAL, ENVAUL, extension 2024) et par territoire.",
  },
  {
    slug: "envaul",
    titre: "ENVAUL — l'entrée des jeunes dans la vie autonome par le logement",
    source: "f2_6_envaul",
    fiches: ["2.6"],
    indicateurs: [],
    cles: [],
    texte:
      "ENVAUL accompagne des jeunes de moins de 25 ans vers et dans le logement : tous les indicateurs de la fiche 2.6 concernent donc le public jeune.",
  },
  {
    slug: "numero-vert",
    titre: "Les jeunes au numéro vert de prévention des expulsions",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.2"],
    indicateurs: ["y02", "y02_part"],
    cles: ["y02", "y02_part"],
    texte: "Les consultations du numéro vert (fiche 2.2) dont la personne de référence a moins de 25 ans, et leur part dans l'ensemble des consultations.",
  },
  {
    slug: "information-logement",
    titre: "Les jeunes dans les missions d'information sur le logement",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.1"],
    indicateurs: ["y03", "y03_part"],
    cles: ["y03", "y03_part"],
    texte: "Les consultations juridiques d'information sur le logement (fiche 2.1) des 18-25 ans, et leur part dans l'ensemble des consultations.",
  },
  {
    slug: "equipes-mobiles",
    titre: "Les jeunes ménages rencontrés par les équipes mobiles",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.10"],
    indicateurs: ["y04", "y04_part"],
    cles: ["y04", "y04_part"],
    texte: "Les ménages en impayés de loyer signalés aux équipes mobiles de prévention des expulsions (fiche 2.10) dont la personne de référence a moins de 25 ans.",
  },
  {
    slug: "precarite-energetique",
    titre: "Les jeunes ménages en précarité énergétique",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.12"],
    indicateurs: ["y05", "y05_part"],
    cles: ["y05", "y05_part"],
    texte: "Les ménages de moins de 25 ans accompagnés contre la précarité énergétique (fiche 2.12), souvent primo-locataires.",
  },
  {
    slug: "astre",
    titre: "Les jeunes dans l'accompagnement aux travaux de rénovation énergétique (ASTRE)",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.3"],
    indicateurs: ["y06", "y06_part"],
    cles: ["y06", "y06_part"],
    texte: "Les mesures ASTRE (fiche 2.3) dont la personne de référence a moins de 25 ans : un public attendu marginal, publié pour mémoire.",
  },
  {
    slug: "rencontres-et-livrables",
    titre: "Rencontres partenariales, recherche participative et livrables",
    source: "f2_9_observatoire_jeunes",
    fiches: ["2.9"],
    indicateurs: ["x01", "x01_jeunes", "i00"],
    cles: ["x01", "x01_jeunes", "x01_professionnels", "i00"],
    texte:
      "Les journées d'étude, ateliers de travail et séances de recherche participative de l'observatoire, avec les professionnels et les jeunes eux-mêmes, et ses livrables (cartographies, fiches thématiques, fiches de synthèse, rapport complet).",
  },
];

export const cheminThemeJeunes = (slug: string) => `/jeunes/thematiques/${slug}`;
