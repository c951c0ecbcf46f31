// Declared bilans (issue « indicators », item 7): many operators report totals rather than records. Each fiche has a
// grid (indicator × modality × territory × period, written by `npm run templates` from the indicator catalogue) that
// they fill; it comes in like any report. sql/int_indicateurs_declares.sql decides whether a declared figure is
// published (no record-level figure for that cell) or only compared with the computed one (an alert when they differ).
import { indicatorIds } from "./catalogue.ts";
import { col } from "./columns.ts";
import { FICHES } from "./dimensions.ts";
import { defineReport } from "./report.ts";

export const bilansQuantitatifs = defineReport({
  table: "bilans_quantitatifs",
  titre: "Bilans quantitatifs déclarés (grille par fiche)",
  description:
    "Une ligne par chiffre déclaré : indicateur du catalogue, modalité, territoire et période. La grille de chaque fiche est fournie pré-remplie (npm run templates) : seule la colonne « valeur » est à compléter.",
  fiches: FICHES,
  producer: "operateur",
  key: ["fiche", "indicateur", "annee", "mois", "territoire", "ventilation", "modalite"],
  columns: {
    fiche: col.enum(FICHES, { req: "R", label: "Fiche", example: "f2_1_information" }),
    indicateur: col.enum(indicatorIds(), { req: "R", label: "Indicateur (code du catalogue)", example: "i01" }),
    libelle_indicateur: col.str({ req: "O", label: "Libellé de l'indicateur", description: "Rappel du libellé, pour lecture : non utilisé.", example: "Nombre de personnes accompagnées" }),
    annee: col.int({ req: "R", label: "Année", example: "2026", min: 2000, max: 2040 }),
    mois: col.int({ req: "O", label: "Mois (vide pour l'année entière)", example: "", min: 1, max: 12 }),
    territoire: col.str({
      req: "R",
      label: "Territoire",
      description: "62 pour le département, ou le code du territoire (MDS ou Logement d'abord) tel qu'il figure dans la grille.",
      example: "62",
    }),
    ventilation: col.str({ req: "R", label: "Ventilation", description: "« ensemble », ou la variable de ventilation (sexe, tranche_age…).", example: "ensemble" }),
    modalite: col.str({ req: "R", label: "Modalité", description: "« ensemble », ou la modalité de la ventilation (F, M, 18_25…).", example: "ensemble" }),
    // Blank: not declared (a grid is rarely filled whole).
    valeur: col.dec({ req: "O", label: "Valeur déclarée", example: "148", min: 0 }),
    commentaire: col.str({ req: "O", label: "Commentaire", example: "" }),
  },
});
