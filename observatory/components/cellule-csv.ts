// One rule for every CSV cell the project writes, in the pipeline and in the browser (Framework bundles this file for
// the tables' download buttons; the pipeline imports it from here): RFC 4180 quoting, and OWASP's advice against CSV
// injection — a spreadsheet executes a text cell that starts with one of these characters, so such a text gets a
// leading apostrophe. Only text is neutralised: a number, even negative, stays a number.

/** Characters that make a spreadsheet read a text cell as a formula. */
export const DEBUTS_FORMULE = ["=", "+", "-", "@", "\t", "\r"] as const;

/** What is put in front of a text that starts like a formula. */
export const NEUTRALISANT = "'";

export function estFormule(texte: string): boolean {
  return DEBUTS_FORMULE.some((c) => texte.startsWith(c));
}

export function neutraliser(texte: string): string {
  return estFormule(texte) ? `${NEUTRALISANT}${texte}` : texte;
}

/** Double quotes around a field that holds the separator, a quote or a line break. */
export function guillemets(texte: string, separateur: string): string {
  return texte.includes(separateur) || /["\r\n]/.test(texte) ? `"${texte.replace(/"/g, '""')}"` : texte;
}

/** A cell: empty for null, a number with the chosen decimal mark, any other value as neutralised, quoted text. */
export function celluleCsv(valeur: unknown, separateur: string, decimale: "." | "," = "."): string {
  if (valeur === null || valeur === undefined) return "";
  if (typeof valeur === "number" || typeof valeur === "bigint") return decimale === "," ? String(valeur).replace(".", ",") : String(valeur);
  return guillemets(neutraliser(String(valeur)), separateur);
}

export function ligneCsv(valeurs: readonly unknown[], separateur: string, decimale: "." | "," = "."): string {
  return valeurs.map((v) => celluleCsv(v, separateur, decimale)).join(separateur);
}

/**
 * The same rule as SQL over a text expression, for the CSV files DuckDB writes with COPY. The first character is
 * compared by its code (ascii gives the first character's code point): left(…, 1) built a string per cell, a third of
 * the CPU time of writing the file of all indicators (issue 16).
 */
export function neutraliserSql(expression: string): string {
  const debuts = DEBUTS_FORMULE.map((c) => c.codePointAt(0)).join(", ");
  return `CASE WHEN ascii(${expression}) IN (${debuts}) THEN '${NEUTRALISANT.replace(/'/g, "''")}' || ${expression} ELSE ${expression} END`;
}
