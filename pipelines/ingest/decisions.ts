// What the ingest decides about a file and its rows, without touching a disk or a database: the pipeline
// (ingest-file.ts) and the « Vérifier un fichier » page (verifier.ts, bundled for the browser) both judge through
// these functions, so that an operator checking a file sees the verdict the next build will give.
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { TABLES_INSTANTANE } from "../contracts/instantanes.ts";
import { closest } from "../normalise/suggest.ts";
import { asText, isBlank } from "../normalise/values.ts";
import { separatorName } from "../read/csv.ts";
import type { Row } from "../read/types.ts";
import type { HeaderMatch } from "./headers.ts";
import { type FileName, implausiblePeriod, periodKey, reportsFromHeaders } from "./identify.ts";
import type { QuarantineEntry, RowValidator } from "./validate.ts";

/** A file named after a table no contract has: the closest table's name to write, before the list of the others. */
export function unknownTableMotif(name: FileName, extension: string): string {
  // A misspelt table (« lda_menages ») gets the name to write, before the list of the 46 others.
  const near = closest(name.table, REPORTS.map((r) => [r.table, r.table] as [string, string]));
  const hint = near ? `vouliez-vous dire « ${near} » ? renommer le fichier ${near}__${name.operator}__${name.periode}${extension} ; ` : "";
  return `type de rapport « ${name.table} » inconnu ; ${hint}types admis : ${REPORTS.map((r) => r.table).join(", ")}`;
}

/** A named file's period after the reference date (AAAA-MM-JJ) or before 2000, or null; an unnamed file has none to judge. */
export function periodMotif(name: FileName | null, reference: string): string | null {
  return name ? implausiblePeriod(name.periode, reference) : null;
}

/** A snapshot table's file named outside the convention (no period): `format` is its extension without the dot. */
export function missingPeriodMotif(report: AnyReport, name: FileName | null, format: string): string | null {
  if (name || !TABLES_INSTANTANE.has(report.table)) return null;
  // Its snapshot date would be the load date, later than any named file's: it would override them all.
  return (
    `période absente du nom du fichier : les effectifs de ${report.table} dépendent de la date d'arrêté du fichier ; ` +
    `renommer le fichier ${report.table}__<code opérateur>__<AAAA-MM>.${format} (mois arrêté) et le renvoyer`
  );
}

/** Nothing at all (0 bytes, blank lines, an empty sheet) is not « every required column missing »: said as what it is. */
export function emptyFileMotif(headers: string[], sheet: string | undefined): string | null {
  if (!headers.every((h) => h === "")) return null;
  const where = sheet ? ` (feuille « ${sheet} » vide)` : "";
  return `fichier vide : ni en-têtes ni lignes${where} ; vérifier que le bon fichier a été joint et le renvoyer`;
}

/** A file named outside the convention: the one contract its headers fit, else why it cannot be told. */
export function reportOfHeaders(headers: string[]): { report: AnyReport } | { motif: string } {
  const candidates = reportsFromHeaders(headers);
  if (candidates.length === 1) return { report: candidates[0]! };
  const naming = "nommer le fichier <table>__<code opérateur>__<AAAA-MM>.csv (voir sources/inbox/README.md)";
  return {
    motif: candidates.length
      ? `en-têtes communs à plusieurs rapports (${candidates.map((r) => r.table).join(", ")}) : ${naming}`
      : `type de rapport non reconnu : ${naming} ou reprendre les en-têtes du modèle`,
  };
}

export function missingColumnsMotif(report: AnyReport, match: HeaderMatch): string | null {
  if (!match.missingRequired.length) return null;
  const labels = new Map(report.columnList.map((c) => [c.name, c.label]));
  const missing = match.missingRequired.map((c) => `${c} (${labels.get(c)})`).join(", ");
  const plural = match.missingRequired.length > 1 ? "s" : "";
  return `colonne${plural} obligatoire${plural} absente${plural} : ${missing} — ajouter la colonne ou utiliser le modèle du rapport ${report.table} (npm run templates)`;
}

export function headerWarnings(match: HeaderMatch): string[] {
  return [...match.unknown.map((h) => `colonne « ${h} » inconnue du modèle : ignorée`), ...match.duplicated.map((h) => `colonne « ${h} » en double : seule la première est lue`)];
}

export type RowOutcome = { row: Record<string, unknown>; avertissements: QuarantineEntry[] } | { issues: QuarantineEntry[] };

/**
 * One row read → loaded or refused with its reasons. `delimiter`: the CSV separator, undefined for a workbook;
 * `personal`: the table has personal columns (then no value of a shifted row is quoted).
 */
export function rowJudge(validator: RowValidator, columns: (string | null)[], delimiter: string | undefined, personal: boolean): (row: Row) => RowOutcome {
  // Values right of the last header belong to no column. In a CSV they mostly come from a separator typed inside a
  // value, which shifts every cell after it: loading the row would drop them silently, or store shifted values.
  // (DuckDB refuses such a row too, so a file holding one always comes this way.)
  const beyondHeader = (line: number, values: unknown[]): QuarantineEntry | null => {
    const extra = values.slice(columns.length).filter((v) => !isBlank(v));
    if (!extra.length) return null;
    const reason = delimiter
      ? `ligne de ${values.length} cellules pour ${columns.length} colonnes d'en-tête : une valeur contient sans doute le séparateur « ${separatorName(delimiter)} » et décale les cellules suivantes ; mettre cette valeur entre guillemets ou retirer le séparateur en trop`
      : `${extra.length} cellule${extra.length > 1 ? "s" : ""} remplie${extra.length > 1 ? "s" : ""} à droite de la dernière colonne d'en-tête : ajouter l'en-tête de la colonne ou effacer la valeur`;
    return { line, column: null, rawValue: personal ? null : extra.map(asText).join(" | "), reason };
  };
  return ({ line, values }) => {
    const raw: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      if (column) raw[column] = values[c];
    });
    const extra = beyondHeader(line, values);
    if (!extra) return validator.validate(line, raw);
    const result = validator.parse(line, raw);
    // The per-column reasons of a shifted row quote values that moved out of their column: in a table with
    // personal columns, a name or an address could be quoted in clear under another column's name.
    return { issues: [extra, ...(!("row" in result) && !personal ? result.issues : [])] };
  };
}

/**
 * Why this file may not stand for its period beside what is already loaded, or null. Only the pipeline can ask it:
 * the checker has no ledger to say which file of the period is loaded.
 */
export function versionProblem(name: FileName, loaded: { nom: string; version: number } | null): string | null {
  if (!loaded || loaded.version < name.version) return null;
  const next = `_v${loaded.version + 1}`;
  if (loaded.version > name.version) {
    // An older correction arriving late must not undo a later one.
    return `version ${name.version} plus ancienne que la version ${loaded.version} déjà chargée (« ${loaded.nom} ») : rien n'a été remplacé ; envoyer une nouvelle version (${next}) si ce fichier doit compter`;
  }
  return (
    `période ${periodKey(name.periode)} déjà reçue pour ${name.table} de ${name.operator} (« ${loaded.nom} ») : rien n'a été remplacé ; ` +
    `si ce fichier corrige le précédent, le renvoyer sous le nom ${name.table}__${name.operator}__${name.periode}${next}.<csv|xlsx>`
  );
}
