// Row validation against a contract: a row either parses or goes to quarantine with one entry per failing column,
// each with a reason a person can act on. An unreadable value of a non-blocking column (columns.ts `blocking`) does
// not refuse the row: the cell is read as empty, the row loads, and the value is reported as « valeur ignorée ».
import { type ColumnKind, ignoredCell } from "../contracts/columns.ts";
import type { AnyReport } from "../contracts/index.ts";
import { asText, isBlank } from "../normalise/values.ts";

export interface QuarantineEntry {
  line: number;
  column: string | null;
  rawValue: string | null;
  reason: string;
}

/** A loaded row carries the values it ignored (`avertissements`), reported apart from the rejected rows. */
type Verdict = { row: Record<string, unknown>; avertissements: QuarantineEntry[] } | { issues: QuarantineEntry[] };

export interface RowValidator {
  /** Contract, row rules and file operator; then a record already accepted earlier in the file is refused. */
  validate(line: number, raw: Record<string, unknown>): Verdict;
  /** The same without the duplicate check, for rows judged apart from the others (the SQL path's leftovers). */
  parse(line: number, raw: Record<string, unknown>): Verdict;
  /** The quarantine entry of a record whose key was accepted first at line `first`. */
  duplicate(line: number, raw: Record<string, unknown>, first: number): QuarantineEntry;
}

/**
 * What Excel writes in a cell whose formula failed (#N/A from a RECHERCHEV, #DIV/0!…), in English and French Excel,
 * in the workbook and in its CSV export. Never a value: an identifier « #N/A » would otherwise be loaded as one.
 * The SQL path leaves every text starting with « # » to zod (sql-normalise.ts), so both paths judge rows alike.
 */
export const EXCEL_ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#NAME?", "#NOM?", "#NULL!", "#NUL!", "#VALUE!", "#VALEUR!", "#NUM!", "#NOMBRE!", "#SPILL!", "#PROPAGATION!", "#CALC!", "#FIELD!", "#CHAMP!", "#GETTING_DATA"] as const;
const excelErrors = new Set<string>(EXCEL_ERRORS);
const isExcelError = (v: unknown) => typeof v === "string" && excelErrors.has(v.trim());

/** Largest values the raw tables can hold (INTEGER, DECIMAL(18,2)): beyond, DuckDB would refuse the whole file or store 0. */
const STORAGE_LIMITS: Partial<Record<ColumnKind, number>> = { int: 2_147_483_647, dec: 9_999_999_999_999_999 };

/** `complete` runs on each parsed row before its key is looked at (derived identifiers, pseudonyms). */
export function rowValidator(report: AnyReport, fileOperator: string | null, complete = (row: Record<string, unknown>) => row): RowValidator {
  const labels = new Map(report.columnList.map((c) => [c.name, c.label]));
  const ignorable = new Map(report.columnList.filter((c) => !c.bloquante).map((c) => [c.name, ignoredCell(c)]));
  const personal = new Set(report.columnList.filter((c) => c.personal).map((c) => c.name));
  const seenKeys = new Map<string, number>();
  const limited = report.columnList.filter((c) => STORAGE_LIMITS[c.kind] !== undefined).map((c) => [c.name, STORAGE_LIMITS[c.kind]!] as const);
  const storageIssues = (row: Record<string, unknown>): [string, string][] =>
    limited.filter(([c, limit]) => Math.abs(Number(row[c] ?? 0)) > limit).map(([c]) => [c, `nombre trop grand (${String(row[c])}) : vérifier la valeur`]);
  const describe = (column: string) => `${labels.get(column) ?? column} (${column})`;
  const show = (v: unknown) => (isBlank(v) ? null : asText(v));
  // The quarantine keeps what a person needs to fix a row, never a personal value in clear.
  const shown = (column: string, v: unknown) => (personal.has(column) && !isBlank(v) ? "(donnée personnelle masquée)" : show(v));

  const lastKey = report.key[report.key.length - 1]!;
  const duplicate = (line: number, raw: Record<string, unknown>, first: number): QuarantineEntry => ({
    line,
    column: lastKey,
    rawValue: shown(lastKey, raw[lastKey]),
    reason: `${describe(lastKey)} : identifiant en double : déjà présent ligne ${first} ; garder une seule ligne par enregistrement`,
  });
  /** Each failing column with its reason: Excel errors first, then zod's issues on the other columns. */
  const failures = (raw: Record<string, unknown>) => {
    const parsed = report.schema.safeParse(raw);
    const failed = Object.keys(raw).filter((column) => isExcelError(raw[column]));
    const reasons: [string, string][] = failed.map((column) => [column, `erreur de formule Excel « ${String(raw[column]).trim()} » dans la cellule : corriger la formule ou saisir la valeur`]);
    if (!parsed.success) for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? "");
      if (!failed.includes(column)) reasons.push([column, issue.message]);
    }
    return { parsed, reasons };
  };
  const parse = (line: number, raw: Record<string, unknown>): Verdict => {
    // The file's name already says whose it is: a blank operator column takes it (grids leave it blank).
    if (fileOperator && "code_operateur" in report.schema.shape && isBlank(raw.code_operateur)) raw = { ...raw, code_operateur: fileOperator };
    const read = raw;
    let { parsed, reasons } = failures(raw);
    // When only non-blocking columns failed, they are read as empty and the row parsed again. A row a blocking column
    // refuses lists every failing cell, so that one correction fixes it.
    // A blank is no unreadable value: a required column left empty still refuses the row.
    const ignored = reasons.every(([column]) => ignorable.has(column) && !isBlank(raw[column])) ? reasons : [];
    if (ignored.length) {
      raw = { ...raw, ...Object.fromEntries(ignored.map(([column]) => [column, ignorable.get(column)])) };
      ({ parsed, reasons } = failures(raw));
    }
    if (!parsed.success || reasons.length) {
      return { issues: reasons.map(([column, reason]) => ({ line, column, rawValue: shown(column, read[column]), reason: `${describe(column)} : ${reason}` })) };
    }
    const row = parsed.data as Record<string, unknown>;
    const skipped = new Set(ignored.map(([column]) => column));
    // A rule on a column whose value was ignored would blame the operator for a blank they did not leave.
    const issues: QuarantineEntry[] = [...report.checks(row as never).filter(([column]) => !skipped.has(column)), ...storageIssues(row)].map(([column, reason]) => ({
      line,
      column,
      rawValue: shown(column, read[column]),
      reason: `${describe(column)} : ${reason}`,
    }));
    if (fileOperator && "code_operateur" in row && row.code_operateur !== fileOperator) {
      issues.push({
        line,
        column: "code_operateur",
        rawValue: shown("code_operateur", read.code_operateur),
        reason: `Code opérateur (code_operateur) : « ${String(row.code_operateur)} » ne correspond pas à l'opérateur du nom de fichier (${fileOperator})`,
      });
    }
    if (issues.length) return { issues };
    const avertissements = ignored.map(([column, reason]) => ({
      line,
      column,
      rawValue: shown(column, read[column]),
      reason: `${describe(column)} : valeur ignorée (${ignorable.get(column) ? "lue « non renseigné »" : "laissée vide"}), la ligne est chargée : ${reason}`,
    }));
    return { row: complete(row), avertissements };
  };
  return {
    parse,
    duplicate,
    validate(line, raw) {
      const verdict = parse(line, raw);
      if (!("row" in verdict)) return verdict;
      const key = report.key.map((k) => String(verdict.row[k])).join("\u0000");
      const first = seenKeys.get(key);
      if (first !== undefined) return { issues: [duplicate(line, raw, first)] };
      seenKeys.set(key, line);
      return verdict;
    },
  };
}
