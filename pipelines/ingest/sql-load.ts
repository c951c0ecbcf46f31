// The fast way in for a large CSV file: DuckDB reads it, normalises every cell and evaluates the row rules in SQL
// derived from the contract (sql-normalise.ts, rules.ts); only the rows SQL does not vouch for — wrong values, or
// spellings only zod knows — are handed to the zod validator, which accepts or quarantines them with its reasons (and
// reads an unreadable value of a non-blocking column as empty, reported in raw.valeurs_ignorees).
// The outcome is the JavaScript path's, row for row: pipelines/ingest/validate.ts stays the reference, and
// test/ingest-sql.test.ts compares both paths on every sample file.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { AnyReport } from "../contracts/index.ts";
import { query } from "../db/duckdb.ts";
import { chunkWriter, type LedgerRow, openFileWriter, rawRowValues } from "./load.ts";
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

/** What the reading statement needs of a file: where it is and how its columns map to the contract. */
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
 * The table of the file's rows: normalised contract columns, the verdict `_ok`, and the raw cells where SQL says no.
 * Only what the load needs is stored: a blank row, a cell with a line break, the raw key of a duplicate are all
 * found again from `_brut` or the normalised key, not carried as columns of a million rows.
 */
export function readingSql(report: AnyReport, input: ReadingInput): string {
  const cells = Array.from({ length: input.width }, (_, i) => cell(i));
  const sql = report.columnList.map((c) => {
    const i = input.columns.indexOf(c.name);
    return { name: c.name, present: i >= 0, required: c.req === "R", ...columnSql(c, i >= 0 ? cell(i) : null, quote(c.name)) };
  });
  // Columns the file lacks are NULL for the rules, but not stored: the insert leaves them NULL.
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
  return `CREATE OR REPLACE TEMP TABLE obs_lecture AS
WITH fichier AS (SELECT *${parts.map(([name, sql]) => `, ${sql} AS ${name}`).join("")} FROM ${readCsvSql(input)}),
normalise AS (
  SELECT ${present.map((c) => `${c.value} AS ${quote(c.name)}`).join(",\n    ")},
    ${absent.map((c) => `NULL AS ${quote(c.name)}, `).join("")}${cells.join(", ")}
  FROM fichier
),
verdict AS (SELECT *, ${verdict.join("\n    AND ")} AS _ok FROM normalise)
SELECT * EXCLUDE (${[...cells, ...absent.map((c) => quote(c.name))].join(", ")}), CASE WHEN NOT _ok THEN list_value(${cells.join(", ")}) END AS _brut
FROM verdict`;
}

const prepared = new WeakSet<DuckDBConnection>();

/** What the reading statement needs on its connection (the calendar type of sql-normalise.ts), made once per connection. */
export async function prepareReading(connection: DuckDBConnection): Promise<void> {
  if (prepared.has(connection)) return;
  for (const statement of CALENDAR_SQL) await connection.run(statement);
  prepared.add(connection);
}

async function dropTemporaryTables(connection: DuckDBConnection): Promise<void> {
  await connection.run("DROP TABLE IF EXISTS obs_lecture; DROP TABLE IF EXISTS obs_lents; DROP TABLE IF EXISTS obs_doublons;");
}

/**
 * Loads the file through DuckDB, or returns null when DuckDB's reading could differ from ours (a row wider than the
 * header, a quoted line break) or too many rows need zod: then nothing was written and the caller streams it instead.
 */
export async function loadWithSql(connection: DuckDBConnection, report: AnyReport, input: SqlLoadInput, validator: RowValidator): Promise<SqlLoadResult | null> {
  const lastKey = report.key[report.key.length - 1]!;
  if (!TEXT_IS_VALUE.has(report.columnList.find((c) => c.name === lastKey)!.kind)) return null;
  try {
    await prepareReading(connection);
    await connection.run(readingSql(report, input));
  } catch {
    await dropTemporaryTables(connection);
    return null;
  }
  try {
    const firstDataLine = input.headerLine + 1;
    const hasOperator = report.columnList.some((c) => c.name === "code_operateur");
    // The first row SQL vouches for and its operator: with zod's first, they name the file's operator (below).
    const [counts] = await query<{ lignes: number; restes: number; premier: number | null; operateur: string | null }>(
      connection,
      `SELECT count(*) AS lignes, count(*) FILTER (WHERE NOT _ok) AS restes, min(rowid) FILTER (WHERE _ok) + ${firstDataLine} AS premier,
         ${hasOperator ? "arg_min(code_operateur, rowid) FILTER (WHERE _ok)" : "NULL"} AS operateur FROM obs_lecture`,
    );
    if (counts!.restes > MAX_LEFTOVER_ROWS) return null;

    // Rows SQL did not vouch for: zod judges them exactly as the JavaScript path would (duplicates aside, below).
    const leftovers = await query<{ ligne: number; _brut: (string | null)[] }>(
      connection,
      `SELECT rowid + ${firstDataLine} AS ligne, _brut FROM obs_lecture WHERE NOT _ok ORDER BY rowid`,
    );
    if (leftovers.some(({ _brut }) => _brut.some((v) => v !== null && /[\r\n]/.test(v)))) return null;
    // The rows zod accepts wait in a table of the raw table's shape (made only when the file has leftovers).
    if (leftovers.length) await connection.run(`CREATE OR REPLACE TEMP TABLE obs_lents AS SELECT * FROM raw.${report.table} LIMIT 0`);
    const slow = leftovers.length ? await chunkWriter(connection, "obs_lents", "main", "temp") : null;
    const rejected: QuarantineEntry[] = [];
    const ignored: QuarantineEntry[] = [];
    const rawOf = new Map<number, Record<string, unknown>>();
    let first = counts!.premier === null ? null : { line: counts!.premier, operator: counts!.operateur };
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
        slow!.writer.appendRow(rawRowValues(report, verdict.row, input.fichier, ligne) as never);
        rawOf.set(ligne, raw);
        ignored.push(...verdict.avertissements);
        if (!first || ligne < first.line) first = { line: ligne, operator: hasOperator ? (verdict.row.code_operateur as string) : null };
      } else rejected.push(...verdict.issues);
    }
    slow?.writer.flush();
    slow?.appender.closeSync();

    // A record accepted twice keeps its first line, as the JavaScript path's « déjà présent ligne … ». The keys are
    // grouped by their hash first: grouping a million numbers is cheap, a million texts is not. Only the rare keys
    // whose hash repeats are then compared as they are (two keys may share a hash, never a duplicate its hash).
    const keys = report.key.map(quote).join(", ");
    const duplicatesSql = `WITH candidats AS (
  SELECT ${keys}, rowid + ${firstDataLine} AS ligne FROM obs_lecture WHERE _ok
  ${rawOf.size ? `UNION ALL SELECT ${keys}, _ligne FROM obs_lents` : ""}
),
hashes AS (SELECT hash(${keys}) AS h FROM candidats GROUP BY h HAVING count(*) > 1),
suspects AS (SELECT * FROM candidats WHERE hash(${keys}) IN (SELECT h FROM hashes)),
repetes AS (SELECT ${keys}, min(ligne) AS premiere FROM suspects GROUP BY ALL HAVING count(*) > 1)
SELECT c.ligne, CAST(c.${quote(lastKey)} AS VARCHAR) AS _cle_brute, r.premiere
FROM suspects AS c JOIN repetes AS r USING (${keys})
WHERE c.ligne > r.premiere`;
    const duplicates = await query<{ ligne: number; _cle_brute: string | null; premiere: number }>(connection, `${duplicatesSql} ORDER BY ligne`);
    // The insert leaves the duplicates out through this table, kept only when there are some (one query fewer per file).
    if (duplicates.length) await connection.run(`CREATE OR REPLACE TEMP TABLE obs_doublons AS ${duplicatesSql}`);
    for (const d of duplicates) rejected.push(validator.duplicate(d.ligne, rawOf.get(d.ligne) ?? { [lastKey]: d._cle_brute }, d.premiere));
    // A duplicate is not loaded: the values it ignored are not reported, as in the JavaScript path.
    const duplicateLines = new Set(duplicates.map((d) => d.ligne));
    const kept = ignored.filter((entry) => !duplicateLines.has(entry.line));

    const lues = counts!.lignes - blankRows;
    const contract = report.columnList.filter((c) => input.columns.includes(c.name)).map((c) => quote(c.name)).join(", ");
    const fast = `SELECT ${contract}, ${literal(input.fichier)} AS _fichier, rowid + ${firstDataLine} AS _ligne FROM obs_lecture WHERE _ok`;
    // Most files have no duplicate: then no anti-join to pay for.
    const loaded = duplicates.length ? `(${fast}) AS l ANTI JOIN obs_doublons AS d ON l._ligne = d.ligne` : `(${fast}) AS l`;
    const writer = await openFileWriter(connection, report, { fichier: input.fichier, nom: input.nom });
    try {
      for (const entry of rejected.sort((a, b) => a.line - b.line)) writer.quarantine(entry);
      for (const entry of kept) writer.ignored(entry);
      await connection.run(`INSERT INTO raw.${report.table} BY NAME SELECT l.* FROM ${loaded}`);
      const slowRows = duplicates.length ? "obs_lents AS l ANTI JOIN obs_doublons AS d ON l._ligne = d.ligne" : "obs_lents AS l";
      if (rawOf.size) await connection.run(`INSERT INTO raw.${report.table} BY NAME SELECT l.* FROM ${slowRows}`);
    } catch (error) {
      await writer.rollback();
      throw error;
    }
    // Every duplicate is a row SQL or zod accepted, and never a key's first row: so the first accepted row stays loaded.
    const chargees = counts!.lignes - counts!.restes + rawOf.size - duplicates.length;
    const operateur = first?.operator ?? null;
    const operator = input.namedOperator ?? operateur;
    const remplace = await writer.commit(input.ledger({ lues, chargees }, operator));
    return { lues, chargees, operateur: operator, remplace, valeursIgnorees: kept.length };
  } finally {
    await dropTemporaryTables(connection);
  }
}
