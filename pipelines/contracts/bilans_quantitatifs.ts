// Declared bilans (issue « indicators », item 7): many operators report totals rather than records. Each fiche has a
// grid (indicator × modality × territory × period, written by `npm run templates` from the indicator catalogue) that
// they fill; it comes in like any report. sql/int_indicateurs_declares.sql decides whether a declared figure is
// published (no record-level figure for that cell) or only compared with the computed one (an alert when they differ).
import { indicatorCatalogue, indicatorIds } from "./catalogue.ts";
import { col } from "./columns.ts";
import { FICHES, SEXES, TRANCHES_AGE } from "./dimensions.ts";
import { defineReport } from "./report.ts";

/**
 * The breakdowns a grid offers (pipelines/templates/grids.ts) and their code lists: a declared figure is a cell of the
 * grid — « ensemble », or one of these breakdowns where the catalogue breaks the indicator down by it. Other
 * breakdowns of the catalogue (operator, commune, theme…) are computed from records, never declared.
 */
export const VENTILATIONS_DECLARABLES: Readonly<Record<string, readonly string[]>> = { sexe: SEXES, tranche_age: TRANCHES_AGE };

/** The breakdowns one indicator of one fiche can be declared by, « ensemble » first. */
export function ventilationsDeclarables(fiche: unknown, indicateur: unknown): string[] {
  const entree = indicatorCatalogue().find((e) => e.fiche === fiche && e.indicateur === indicateur);
  return ["ensemble", ...Object.keys(VENTILATIONS_DECLARABLES).filter((v) => entree?.ventilations.includes(v))];
}

const modalitesDe = (ventilation: string): readonly string[] => VENTILATIONS_DECLARABLES[ventilation] ?? ["ensemble"];

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
    libelle_indicateur: col.str({ req: "O", label: "Libellé de l'indicateur", description: "Rappel du libellé, pour lecture : non utilisé.", example: "Nombre de personnes accompagnées", bloquante: false }),
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
    commentaire: col.str({ req: "O", label: "Commentaire", example: "", bloquante: false }),
  },
  // Operator codes, names or spreadsheet formulas typed as a breakdown or a modality would be published as such:
  // only the grid's own breakdowns and codes are accepted, from the catalogue and the code lists.
  checks: ({ rule, and, or, not, is, oneOf }) => {
    const indicateurAvec = (ventilation: string) =>
      or(...indicatorCatalogue().filter((e) => e.ventilations.includes(ventilation)).map((e) => and(is("fiche", e.fiche), is("indicateur", e.indicateur))));
    const ventilationAdmise = or(is("ventilation", "ensemble"), ...Object.keys(VENTILATIONS_DECLARABLES).map((v) => and(is("ventilation", v), indicateurAvec(v))));
    const modaliteAdmise = or(...["ensemble", ...Object.keys(VENTILATIONS_DECLARABLES)].map((v) => and(is("ventilation", v), oneOf("modalite", modalitesDe(v)))));
    return [
      rule(
        not(ventilationAdmise),
        "ventilation",
        (r) =>
          `ventilation « ${r.ventilation} » non admise pour l'indicateur ${r.indicateur} de la fiche ${r.fiche} : valeurs admises ${ventilationsDeclarables(r.fiche, r.indicateur).join(", ")} (colonne « ventilation » de la grille)`,
      ),
      rule(
        and(oneOf("ventilation", ["ensemble", ...Object.keys(VENTILATIONS_DECLARABLES)]), not(modaliteAdmise)),
        "modalite",
        (r) => `modalité « ${r.modalite} » non admise pour la ventilation ${r.ventilation} : valeurs admises ${modalitesDe(String(r.ventilation)).join(", ")}`,
      ),
    ];
  },
});
