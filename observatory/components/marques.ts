// The marks a published cell carries instead of a figure, and what they mean: one module for the site (cards,
// tables, chart and map tables), the downloads (the value cell is empty and a column `marque` says why, documented for
// partners in observatory/dictionnaire.md) and the PDF report. A published zero is a figure, « 0 », never a mark.

export const MARQUE_SECRET = "s";
export const MARQUE_NON_DISPONIBLE = "nd";
export type Marque = typeof MARQUE_SECRET | typeof MARQUE_NON_DISPONIBLE;

const SENS: Readonly<Record<Marque, { nom: string; definition: string }>> = {
  [MARQUE_SECRET]: { nom: "secret statistique", definition: "effectif de 1 à 10 personnes ou ménages, ou qui permettrait de le retrouver par différence" },
  [MARQUE_NON_DISPONIBLE]: { nom: "non disponible", definition: "aucun chiffre publié pour cette case, faute de donnée reçue ou d'indicateur calculé" },
};

/** A mark's meaning, as the title of a marked cell gives it. */
export const EXPLICATIONS_MARQUES = Object.fromEntries(Object.entries(SENS).map(([m, { nom, definition }]) => [m, `${nom} : ${definition}`])) as Readonly<Record<Marque, string>>;

/**
 * The legend under figures that may carry these marks, for a reader who cannot hover a cell (a phone, a printout):
 * « s » : secret statistique (effectif de 1 à 10…) ; « nd » : … `court`: the marks' names only, for a page that
 * repeats it under each of its tables after giving it whole once.
 */
export const legendeMarques = (marques: readonly Marque[], court = false): string =>
  marques.map((m) => `« ${m} » : ${SENS[m].nom}${court ? "" : ` (${SENS[m].definition})`}`).join(" ; ");

/** The mark of a cell of the published table: « s » when masked, « nd » when it has no row or no value, else none. */
export function marqueDe(cellule: { valeur: number | null | undefined; secret?: boolean | number | null } | null | undefined): Marque | null {
  if (cellule?.secret) return MARQUE_SECRET;
  if (!cellule || cellule.valeur === null || cellule.valeur === undefined || Number.isNaN(cellule.valeur)) return MARQUE_NON_DISPONIBLE;
  return null;
}

export const estMarque = (v: unknown): v is Marque => v === MARQUE_SECRET || v === MARQUE_NON_DISPONIBLE;
