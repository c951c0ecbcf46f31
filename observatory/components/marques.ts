// The one mark of a figure that is not published, for every file the project writes (extracts, tables' CSV): the
// value cell is empty and a column `marque` says why. Documented for partners in observatory/dictionnaire.md.

/** Secret statistique: a count of fewer than 11 people or households, or one that would let it be found. */
export const MARQUE_SECRET = "s";

/** Non disponible: no figure for this cell (no report, or a ratio without its denominator). */
export const MARQUE_NON_DISPONIBLE = "nd";
