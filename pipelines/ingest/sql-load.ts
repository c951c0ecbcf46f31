// The fast way in for a large CSV file: one statement has DuckDB read it, normalise every cell, evaluate the row rules
// in SQL derived from the contract (sql-normalise.ts, rules.ts) and write every row to the raw table; only the rows SQL
// does not vouch for — wrong values, or spellings only zod knows — are taken out again and handed to the zod validator,
// which accepts or quarantines them with its reasons (and reads an unreadable value of a non-blocking column as empty,
// reported in raw.valeurs_ignorees).
// The outcome is the JavaScript path's, row for row: pipelines/ingest/validate.ts stays the reference, and
// test/ingest-sql.test.ts compares both paths on every sample file.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnKind } from "../contracts/columns.ts";
import type { AnyReport } from "../contracts/index.ts";
import { avecReglage, query } from "../db/duckdb.ts";
import { type FileWriter, type LedgerRow, openFileWriter } from "./load.ts";
import { CALENDAR_SQL, columnSql, TEXT_IS_VALUE } from "./sql-normalise.ts";
import type { QuarantineEntry, RowValidator } from "./validate.ts";

export interface SqlLoadInput {
  path: string;
  fichier: string;
  nom: string;
  delimiter: string;
  /** Number of cells of the header line; DuckDB refuses a row with more (the JavaScript reader then takes over). */
  width: number;
  /** The contract column each file column feeds (null: ignored). */
  columns: (string | null)[];
  headerLine: number;
  hasQuotes: boolean;
  /** The operator every row must name (operator reports named by the convention). */
  fileOperator: string | null;
  /** The operator the file is filed under: its name's, else the first loaded row's code_operateur. */
  namedOperator: string | null;
  ledger: (counts: { lues: number; chargees: number }, operator: string | null) => LedgerRow;
}

/** What the loading statement needs of a file: where it is and how its columns map to the contract. */
export type ReadingInput = Pick<SqlLoadInput, "path" | "delimiter" | "width" | "columns" | "headerLine" | "hasQuotes" | "fileOperator">;

export interface SqlLoadResult {
  lues: number;
  chargees: number;
  operateur: string | null;
  remplace: string[];
  valeursIgnorees: number;
}

/** Beyond this many rows for zod, the file is not the canonical file this path is for: stream it in JavaScript. */
const MAX_LEFTOVER_ROWS = 200_000;

const quote = (name: string) => `"${name}"`;
const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
const cell = (i: number) => `_c${i}`;

function readCsvSql(input: ReadingInput): string {
  const columns = Array.from({ length: input.width }, (_, i) => `${literal(cell(i))}: 'VARCHAR'`).join(", ");
  return `read_csv(${literal(input.path)}, header = false, skip = ${input.headerLine}, delim = ${literal(input.delimiter)}, quote = '"', escape = '"',
    auto_detect = false, columns = {${columns}})`;
}

/**
 * What a refused row's required columns hold while it waits in the raw table (they are NOT NULL there): no model
 * reads it (the file is not in the ledger yet), and the load takes it out before writing the ledger (loadWithSql).
 */
const PLACEHOLDER: Record<ColumnKind, string> = {
  str: "''", int: "0", dec: "0", date: "DATE '2000-01-01'", month: "''", week: "''", bool: "false", enum: "''", list: "[]::VARCHAR[]", commune: "''", epci: "''",
};

/**
 * The one statement that reads the file, normalises every cell, judges every row and writes it to the raw table. A row
 * SQL vouches for is written as it will stay; a row it does not vouch for is written with its line negated and its
 * raw cells (a JSON list) in `_fichier`, so that the load finds it again, takes it out and hands it to zod: one
 * statement writes one table, and a second pass over the file would cost more than these few rows.
 * Lines are numbered by `row_number() OVER ()` over the file as read, materialised apart: only that reading runs on
 * one thread, the normalisation and the insert on all of them and in any order (a table's insertion order is what
 * numbered the lines before, and keeping it made this statement about a third dearer in CPU time).
 */
export function loadingSql(report: AnyReport, input: ReadingInput & { fichier: string }): string {
  const cells = Array.from({ length: input.width }, (_, i) => cell(i));
  const sql = report.columnList.map((c) => {
    const i = input.columns.indexOf(c.name);
    return { name: c.name, kind: c.kind, present: i >= 0, required: c.req === "R", ...columnSql(c, i >= 0 ? cell(i) : null, quote(c.name)) };
  });
  // Columns the file lacks are NULL for the rules, but not written: the insert leaves them NULL.
  const absent = sql.filter((c) => !c.present);
  const present = sql.filter((c) => c.present);
  const verdict = [
    ...sql.map((c) => `(${c.accepted})`),
    ...report.rules.map((r) => `NOT ${r.when.sql}`),
    ...(input.fileOperator && report.columnList.some((c) => c.name === "code_operateur") ? [`coalesce("code_operateur" = ${literal(input.fileOperator)}, false)`] : []),
    // A blank row fails its required columns; were none in the file, it must still not pass as a record.
    ...(present.some((c) => c.required) ? [] : [`NOT (${cells.map((c) => `${c} IS NULL`).join(" AND ")})`]),
    // A quoted line break shifts the line numbers: its row goes to the leftovers, which hand the file to JavaScript.
    ...(input.hasQuotes ? cells.map((c) => `coalesce(strpos(${c}, chr(10)) + strpos(${c}, chr(13)) = 0, true)`) : []),
  ];
  const parts = Object.entries(Object.assign({}, ...present.map((c) => c.parts ?? {})) as Record<string, string>);
  const written = present.map((c) => (c.required ? `coalesce(${quote(c.name)}, ${PLACEHOLDER[c.kind]}) AS ${quote(c.name)}` : quote(c.name)));
  return `INSERT INTO raw.${report.table} BY NAME
WITH lignes AS MATERIALIZED (SELECT row_number() OVER () + ${input.headerLine} AS _n, * FROM ${readCsvSql(input)}),
fichier AS (SELECT *${parts.map(([name, sql]) => `, ${sql} AS ${name}`).join("")} FROM lignes),
normalise AS (
  SELECT ${present.map((c) => `${c.value} AS ${quote(c.name)}`).join(",\n    ")},
    ${absent.map((c) => `NULL AS ${quote(c.name)}, `).join("")}${cells.join(", ")}, _n
  FROM fichier
),
verdict AS (SELECT *, ${verdict.join("\n    AND ")} AS _ok FROM normalise)
SELECT ${written.join(", ")},
  CASE WHEN _ok THEN ${literal(input.fichier)} ELSE CAST(to_json(list_value(${cells.join(", ")})) AS VARCHAR) END AS _fichier,
  CASE WHEN _ok THEN _n ELSE -_n END AS _ligne
FROM verdict`;
}

const prepared = new WeakSet<DuckDBConnection>();

/** What the loading statement needs on its connection (the calendar type of sql-normalise.ts), made once per connection. */
export async function prepareReading(connection: DuckDBConnection): Promise<void> {
  if (prepared.has(connection)) return;
  for (const statement of CALENDAR_SQL) await connection.run(statement);
  prepared.add(connection);
}

/**
 * Loads the file through DuckDB, or returns null when DuckDB's reading could differ from ours (a row wider than the
 * header, a quoted line break) or too many rows need zod: then nothing was written and the caller streams it instead.
 */
export async function loadWithSql(connection: DuckDBConnection, report: AnyReport, input: SqlLoadInput, validator: RowValidator): Promise<SqlLoadResult | null> {
  const lastKey = report.key[report.key.length - 1]!;
  if (!TEXT_IS_VALUE.has(report.columnList.find((c) => c.name === lastKey)!.kind)) return null;
  const table = `raw.${report.table}`;
  let lignes: number;
  try {
    lignes = await writeFileRows(connection, report, input);
  } catch {
    // The statement failed whole: it wrote nothing.
    return null;
  }
  // The rows are in the table from here, the ledger not yet: the models, which read a table's rows through the ledger,
  // do not see them, and whatever stops the load below takes them out again. (A killed run leaves nothing either:
  // the run's database is built aside and installed only when complete, pipelines/run.ts.) Written in their own
  // transaction, they cost a quarter less than in the load's, whose commit would merge them and their deletions.
  const discard = () => connection.run(`DELETE FROM ${table} WHERE _fichier = ${literal(input.fichier)} OR _ligne < 0`);
  let writer: FileWriter | undefined;
  try {
    writer = await openFileWriter(connection, report, { fichier: input.fichier, nom: input.nom });
    // Rows SQL did not vouch for: zod judges them exactly as the JavaScript path would (duplicates aside, below).
    // Read, then deleted: a DELETE … RETURNING fetches every column of each row, three times dearer here.
    const leftovers = (await query<{ ligne: number; cellules: string }>(connection, `SELECT -_ligne AS ligne, _fichier AS cellules FROM ${table} WHERE _ligne < 0`))
      .map(({ ligne, cellules }) => ({ ligne, _brut: JSON.parse(cellules) as (string | null)[] }))
      .sort((a, b) => a.ligne - b.ligne);
    await connection.run(`DELETE FROM ${table} WHERE _ligne < 0`);
    if (leftovers.length > MAX_LEFTOVER_ROWS || leftovers.some(({ _brut }) => _brut.some((v) => v !== null && /[\r\n]/.test(v)))) {
      await writer.rollback();
      await discard();
      return null;
    }
    const firstDataLine = input.headerLine + 1;
    const hasOperator = report.columnList.some((c) => c.name === "code_operateur");
    // The first row SQL vouched for and its operator: with zod's first, they name the file's operator (below).
    const refused = new Set(leftovers.map((l) => l.ligne));
    let premier: number | null = firstDataLine;
    while (refused.has(premier)) premier++;
    if (premier >= firstDataLine + lignes) premier = null;
    let first = premier === null ? null : { line: premier, operator: hasOperator ? await operatorAt(connection, table, input, premier) : null };

    const rejected: QuarantineEntry[] = [];
    const ignored: QuarantineEntry[] = [];
    const rawOf = new Map<number, Record<string, unknown>>();
    let blankRows = 0;
    for (const { ligne, _brut } of leftovers) {
      // A row of blanks only is not a record for our CSV reader either.
      if (_brut.every((v) => (v ?? "").trim() === "")) {
        blankRows++;
        continue;
      }
      const raw: Record<string, unknown> = {};
      input.columns.forEach((column, i) => {
        if (column) raw[column] = _brut[i] ?? "";
      });
      const verdict = validator.parse(ligne, raw);
      if ("row" in verdict) {
        writer.row(ligne, verdict.row);
        rawOf.set(ligne, raw);
        ignored.push(...verdict.avertissements);
        if (!first || ligne < first.line) first = { line: ligne, operator: hasOperator ? (verdict.row.code_operateur as string) : null };
      } else rejected.push(...verdict.issues);
    }
    // The rows zod accepted join the SQL ones in the table, where the duplicate check reads them.
    writer.flushRows();

    // A record accepted twice keeps its first line, as the JavaScript path's « déjà présent ligne … ». The keys are
    // grouped by their hash first: grouping a million numbers is cheap, a million texts is not. Only the rare keys
    // whose hash repeats are then compared as they are (two keys may share a hash, never a duplicate its hash).
    const keys = report.key.map(quote).join(", ");
    const duplicatesSql = `WITH candidats AS (SELECT ${keys}, _ligne AS ligne FROM ${table} WHERE _fichier = ${literal(input.fichier)}),
hashes AS (SELECT hash(${keys}) AS h FROM candidats GROUP BY h HAVING count(*) > 1),
suspects AS (SELECT * FROM candidats WHERE hash(${keys}) IN (SELECT h FROM hashes)),
repetes AS (SELECT ${keys}, min(ligne) AS premiere FROM suspects GROUP BY ALL HAVING count(*) > 1)
SELECT c.ligne, CAST(c.${quote(lastKey)} AS VARCHAR) AS _cle_brute, r.premiere
FROM suspects AS c JOIN repetes AS r USING (${keys})
WHERE c.ligne > r.premiere`;
    const duplicates = await query<{ ligne: number; _cle_brute: string | null; premiere: number }>(connection, `${duplicatesSql} ORDER BY ligne`);
    for (const d of duplicates) rejected.push(validator.duplicate(d.ligne, rawOf.get(d.ligne) ?? { [lastKey]: d._cle_brute }, d.premiere));
    if (duplicates.length) {
      await connection.run(`CREATE OR REPLACE TEMP TABLE obs_doublons AS SELECT unnest([${duplicates.map((d) => d.ligne).join(", ")}]) AS ligne`);
      await connection.run(`DELETE FROM ${table} WHERE _fichier = ${literal(input.fichier)} AND _ligne IN (SELECT ligne FROM obs_doublons)`);
      await connection.run("DROP TABLE obs_doublons");
    }
    // A duplicate is not loaded: the values it ignored are not reported, as in the JavaScript path.
    const duplicateLines = new Set(duplicates.map((d) => d.ligne));
    const kept = ignored.filter((entry) => !duplicateLines.has(entry.line));
    for (const entry of rejected.sort((a, b) => a.line - b.line)) writer.quarantine(entry);
    for (const entry of kept) writer.ignored(entry);

    const lues = lignes - blankRows;
    // Every duplicate is a row SQL or zod accepted, and never a key's first row: so the first accepted row stays loaded.
    const chargees = lignes - leftovers.length + rawOf.size - duplicates.length;
    const operator = input.namedOperator ?? first?.operator ?? null;
    const remplace = await writer.commit(input.ledger({ lues, chargees }, operator));
    return { lues, chargees, operateur: operator, remplace, valeursIgnorees: kept.length };
  } catch (error) {
    await writer?.rollback();
    await discard();
    throw error;
  }
}

/** Runs loadingSql: every row of the file in the raw table, the refused ones marked; returns how many rows it wrote. */
export async function writeFileRows(connection: DuckDBConnection, report: AnyReport, input: ReadingInput & { fichier: string }): Promise<number> {
  await prepareReading(connection);
  return unordered(connection, async () => Number((await connection.run(loadingSql(report, input))).rowsChanged));
}

/**
 * Runs `work` with DuckDB free to write rows in any order (the load numbers its lines itself), then puts the setting
 * back as it was: it is the database's, not the statement's.
 */
function unordered<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  return avecReglage(connection, "preserve_insertion_order", false, work);
}

/** The operator a loaded row names: every row of a file named after its operator names that one (the verdict checks it). */
async function operatorAt(connection: DuckDBConnection, table: string, input: SqlLoadInput, line: number): Promise<string | null> {
  if (input.fileOperator) return input.fileOperator;
  const [row] = await query<{ code_operateur: string | null }>(connection, `SELECT code_operateur FROM ${table} WHERE _fichier = ${literal(input.fichier)} AND _ligne = ${line}`);
  return row?.code_operateur ?? null;
}
