// The marks a published cell carries instead of a figure, and what they mean: one module for the site (cards,
// tables, chart and map tables), the downloads (the value cell is empty and a column `marque` says why, documented for
// partners in observatory/dictionnaire.md) and the PDF report. A published zero is a figure, « 0 », never a mark.

export const MARQUE_SECRET = "s";
export const MARQUE_NON_DISPONIBLE = "nd";
export type Marque = typeof MARQUE_SECRET | typeof MARQUE_NON_DISPONIBLE;

export const EXPLICATIONS_MARQUES: Readonly<Record<Marque, string>> = {
  [MARQUE_SECRET]: "secret statistique : effectif de 1 à 10 personnes ou ménages, ou qui permettrait de le retrouver par différence",
  [MARQUE_NON_DISPONIBLE]: "non disponible : pas de chiffre publié pour cette case (aucune donnée reçue ou indicateur non calculé)",
};

/** The mark of a cell of the published table: « s » when masked, « nd » when it has no row or no value, else none. */
export function marqueDe(cellule: { valeur: number | null | undefined; secret?: boolean | number | null } | null | undefined): Marque | null {
  if (cellule?.secret) return MARQUE_SECRET;
  if (!cellule || cellule.valeur === null || cellule.valeur === undefined || Number.isNaN(cellule.valeur)) return MARQUE_NON_DISPONIBLE;
  return null;
}

export const estMarque = (v: unknown): v is Marque => v === MARQUE_SECRET || v === MARQUE_NON_DISPONIBLE;
