// One operator file: identify → read → validate → load or quarantine, rows streamed from disk to DuckDB.
// Every row read ends loaded or in quarantine; a file already loaded (same sha256) changes nothing.
import { basename, extname } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { AnyReport } from "../contracts/index.ts";
import { kyselyFor } from "../db/kysely.ts";
import type { Row } from "../read/types.ts";
import { emptyFileMotif, headerWarnings, missingColumnsMotif, missingPeriodMotif, periodMotif, reportOfHeaders, rowJudge, unknownTableMotif, versionProblem } from "./decisions.ts";
import { matchHeaders } from "./headers.ts";
import { dateReference } from "../date-reference.ts";
import { type FileName, parseFileName, periodKey, reportFromName } from "./identify.ts";
import { openFileWriter, type LedgerRow } from "./load.ts";
import { personalColumns, pseudonymiser, resolvePseudonymKey } from "./pseudonymise.ts";
import { openOperatorFile, type OperatorSheet } from "./read-file.ts";
import { scanFile } from "./scan.ts";
import { loadWithSql } from "./sql-load.ts";
import { rowValidator } from "./validate.ts";

export interface FileReport {
  nom: string;
  fichier: string;
  table: string | null;
  operateur: string | null;
  periode: string | null;
  /**
   * deja_charge: identical to a file already in the ledger, nothing read (lues = chargees = rejetees = 0), recorded in
   * raw.copies; remplace: loaded, then superseded by a later version of the same period in the same run (the ledger's
   * statut).
   */
  statut: "charge" | "rejete" | "deja_charge" | "remplace";
  lues: number;
  chargees: number;
  rejetees: number;
  /** Values of non-blocking columns read as empty in loaded rows (raw.valeurs_ignorees); not rejected rows. */
  valeurs_ignorees: number;
  motif: string | null;
  avertissements: string[];
  /** sha256 of the files this one superseded. */
  remplace: string[];
  /** Which reader loaded the rows: DuckDB with SQL checks derived from the contract, or the JavaScript reader and zod. */
  voie?: "duckdb" | "javascript";
}

export interface IngestOptions {
  onProgress?: (message: string) => void;
  /** Key of the keyed hash applied to personal columns; resolved from the environment when a file needs it. */
  pseudonymKey?: string;
  /** false: every row through the JavaScript reader and zod (the reference the SQL path is tested against). */
  sql?: boolean;
  /** The run's reference date (AAAA-MM-JJ): no file's period may start after it. Default: OBS_DATE_REFERENCE, else today. */
  dateReference?: string;
}

const PROGRESS_EVERY = 50_000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Identity {
  nom: string;
  fichier: string;
  format: string;
  periode: string | null;
  table: string | null;
  operateur: string | null;
}

function fileReport(id: Identity, ledger: LedgerRow, extra: Partial<FileReport> = {}): FileReport {
  return {
    nom: id.nom,
    fichier: id.fichier,
    table: ledger.table_rapport,
    operateur: ledger.code_operateur,
    periode: ledger.periode,
    statut: ledger.statut === "rejete" ? "rejete" : "charge",
    lues: ledger.lignes_lues,
    chargees: ledger.lignes_chargees,
    rejetees: ledger.lignes_rejetees,
    valeurs_ignorees: 0,
    motif: ledger.motif,
    avertissements: [],
    remplace: [],
    ...extra,
  };
}

function ledgerRow(id: Identity, counts: { lues: number; chargees: number }, statut: LedgerRow["statut"], motif: string | null): LedgerRow {
  return {
    fichier: id.fichier,
    nom: id.nom,
    format: id.format,
    table_rapport: id.table,
    code_operateur: id.operateur,
    periode: id.periode,
    lignes_lues: counts.lues,
    lignes_chargees: counts.chargees,
    lignes_rejetees: counts.lues - counts.chargees,
    statut,
    motif,
  };
}

/**
 * A whole file refused: one ledger row saying what to fix, and each of its rows in quarantine with that reason
 * (so read = loaded + rejected still holds); a file with no readable row leaves a single entry at line 0.
 */
async function rejectFile(connection: DuckDBConnection, id: Identity, motif: string, rows: AsyncIterable<Row> | Iterable<Row> = []): Promise<FileReport> {
  const writer = await openFileWriter(connection, undefined, id);
  let lues = 0;
  try {
    for await (const { line } of rows) {
      lues++;
      writer.quarantine({ line, column: null, rawValue: null, reason: motif });
    }
  } catch (error) {
    await writer.rollback();
    return rejectFile(connection, id, `${motif} ; de plus, fichier illisible : ${message(error)}`);
  }
  if (lues === 0) writer.quarantine({ line: 0, column: null, rawValue: null, reason: motif });
  const ledger = ledgerRow(id, { lues, chargees: 0 }, "rejete", motif);
  await writer.commit(ledger);
  return fileReport(id, ledger);
}

/** The loaded file of the same table, operator and period (a day counts as its month) with the highest version, if any. */
async function samePeriodLoaded(connection: DuckDBConnection, table: string, name: FileName): Promise<{ nom: string; version: number } | null> {
  const loaded = await kyselyFor(connection)
    .selectFrom("raw.fichiers")
    .select(["nom", "periode"])
    .where("table_rapport", "=", table)
    .where("code_operateur", "=", name.operator)
    .where("statut", "=", "charge")
    .execute();
  const versions = loaded
    .filter((f) => f.periode !== null && periodKey(f.periode) === periodKey(name.periode))
    .map((f) => ({ nom: f.nom, version: parseFileName(f.nom)?.version ?? 1 }));
  return versions.sort((a, b) => b.version - a.version)[0] ?? null;
}

export async function ingestFile(connection: DuckDBConnection, path: string, options: IngestOptions = {}): Promise<FileReport> {
  const nom = basename(path);
  const scan = await scanFile(path);
  const fichier = scan.sha256;
  const known = await kyselyFor(connection).selectFrom("raw.fichiers").selectAll().where("fichier", "=", fichier).executeTakeFirst();
  if (known) {
    const id = { nom, fichier, format: known.format, periode: known.periode, table: known.table_rapport, operateur: known.code_operateur };
    const motif = `déjà chargé (fichier identique à « ${known.nom} ») : rien n'a changé`;
    // The ledger keeps one row per content (its sha256): the copy is written beside it, so that every file received is listed.
    await connection.run("INSERT INTO raw.copies VALUES ($1, $2, $3, current_timestamp)", [nom, fichier, known.nom]);
    return fileReport(id, ledgerRow(id, { lues: 0, chargees: 0 }, "charge", motif), { statut: "deja_charge" });
  }

  const name = parseFileName(path);
  let report = reportFromName(name);
  const id: Identity = {
    nom,
    fichier,
    format: extname(path).slice(1).toLowerCase(),
    periode: name?.periode ?? null,
    table: report?.table ?? null,
    operateur: name?.operator ?? null,
  };
  if (name && !report) return rejectFile(connection, { ...id, table: name.table }, unknownTableMotif(name, extname(path)));

  const implausible = periodMotif(name, options.dateReference ?? dateReference());
  if (implausible) return rejectFile(connection, id, implausible);
  const samePeriod = name && report ? versionProblem(name, await samePeriodLoaded(connection, report.table, name)) : null;

  let sheet: OperatorSheet;
  try {
    sheet = await openOperatorFile(path, report, scan);
  } catch (error) {
    return rejectFile(connection, id, `fichier illisible : ${message(error)}`);
  }
  const empty = emptyFileMotif(sheet.headers, sheet.sheet);
  if (empty) {
    await sheet.csv?.close();
    return rejectFile(connection, id, empty);
  }
  if (!report) {
    const fromHeaders = reportOfHeaders(sheet.headers);
    if ("motif" in fromHeaders) return rejectFile(connection, id, fromHeaders.motif, sheet.rows);
    report = fromHeaders.report;
  }
  id.table = report.table;
  if (samePeriod) return rejectFile(connection, id, samePeriod, sheet.rows);
  const noPeriod = missingPeriodMotif(report, name, id.format);
  if (noPeriod) return rejectFile(connection, id, noPeriod, sheet.rows);
  const match = matchHeaders(report, sheet.headers);
  const missing = missingColumnsMotif(report, match);
  if (missing) return rejectFile(connection, id, missing, sheet.rows);
  let protect = (row: Record<string, unknown>) => row;
  if (personalColumns(report).length) {
    try {
      protect = pseudonymiser(report, options.pseudonymKey ?? resolvePseudonymKey());
    } catch (error) {
      // Nothing of the file is stored, not even in quarantine: its rows would carry personal data in clear.
      return rejectFile(connection, id, message(error), sheet.rows);
    }
  }
  const avertissements = headerWarnings(match);
  // Personal columns are hashed in JavaScript, and DuckDB counts lines only when each record is one line. DuckDB
  // skips the lines above the header by count: right when they are the header's line alone, or Excel's hint above it.
  const headerOnTop = sheet.csv && sheet.headerLine === (sheet.csv.separatorHint ? 2 : 1);
  if (options.sql !== false && sheet.csv && scan.sqlReadable && headerOnTop && !personalColumns(report).length) {
    await sheet.csv.close();
    const validator = rowValidator(report, report.producer === "operateur" ? id.operateur : null);
    const input = {
      path,
      fichier,
      nom,
      delimiter: sheet.csv.delimiter,
      width: sheet.headers.length,
      columns: match.columns,
      headerLine: sheet.headerLine,
      hasQuotes: scan.hasQuotes,
      fileOperator: report.producer === "operateur" ? id.operateur : null,
      namedOperator: id.operateur,
      ledger: (counts: { lues: number; chargees: number }, operateur: string | null) =>
        ledgerRow({ ...id, operateur }, counts, "charge", avertissements.length ? avertissements.join(" ; ") : null),
    };
    let loaded;
    try {
      loaded = await loadWithSql(connection, report, input, validator);
    } catch (error) {
      return rejectFile(connection, id, `chargement interrompu : ${message(error)} ; rien n'a été chargé`);
    }
    if (loaded) {
      const ledger = input.ledger(loaded, loaded.operateur);
      return fileReport(id, ledger, { motif: null, avertissements, remplace: loaded.remplace, valeurs_ignorees: loaded.valeursIgnorees, voie: "duckdb" });
    }
    // DuckDB could not read it as we do: the JavaScript reader starts again from the top.
    sheet = await openOperatorFile(path, report, scan);
  }
  return loadRows(connection, id, report, { rows: sheet.rows, columns: match.columns, protect, avertissements, delimiter: sheet.csv?.delimiter }, options);
}

async function loadRows(
  connection: DuckDBConnection,
  id: Identity,
  report: AnyReport,
  file: {
    rows: AsyncIterable<Row> | Iterable<Row>;
    columns: (string | null)[];
    protect: (row: Record<string, unknown>) => Record<string, unknown>;
    avertissements: string[];
    /** The CSV separator; undefined for a workbook. */
    delimiter?: string;
  },
  options: IngestOptions,
): Promise<FileReport> {
  const validator = rowValidator(report, report.producer === "operateur" ? id.operateur : null, file.protect);
  const judge = rowJudge(validator, file.columns, file.delimiter, personalColumns(report).length > 0);
  const writer = await openFileWriter(connection, report, id);
  let lues = 0;
  let chargees = 0;
  let ignorees = 0;
  let operator = id.operateur;
  try {
    for await (const row of file.rows) {
      const result = judge(row);
      if ("row" in result) {
        writer.row(row.line, result.row);
        chargees++;
        for (const entry of result.avertissements) writer.ignored(entry);
        ignorees += result.avertissements.length;
        // A file named outside the convention belongs to the operator its rows name.
        operator ??= typeof result.row.code_operateur === "string" ? result.row.code_operateur : null;
      } else {
        for (const issue of result.issues) writer.quarantine(issue);
      }
      if (++lues % PROGRESS_EVERY === 0) options.onProgress?.(`  … ${lues.toLocaleString("fr-FR")} lignes lues`);
    }
  } catch (error) {
    await writer.rollback();
    // No count of the rows read before: a CSV parse error can reach us before or after the rows parsed ahead of it
    // (the stream drops them when it fails), so the number would change from one run to the next.
    return rejectFile(connection, id, `fichier illisible ou chargement interrompu : ${message(error)} ; rien n'a été chargé`);
  }
  const motif = file.avertissements.length ? file.avertissements.join(" ; ") : null;
  const ledger = ledgerRow({ ...id, operateur: operator }, { lues, chargees }, "charge", motif);
  const remplace = await writer.commit(ledger);
  return fileReport(id, ledger, { motif: null, avertissements: file.avertissements, remplace, valeurs_ignorees: ignorees, voie: "javascript" });
}
