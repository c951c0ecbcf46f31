// `npm run bench:ingestion`: validated ingest throughput next to DuckDB's own raw read_csv of the same file, in the
// same run (benchIngestion, the goal's rows). The CSV goes through the SQL path (DuckDB reads it, SQL derived from the
// contract checks it, zod judges the leftovers) and, for comparison, through the JavaScript reader and zod alone.
// Figures are printed, never asserted.
//   npm run bench:ingestion -- [--rows 1000000] [--sans-zod] [--tours 5]
// (Workbooks have their own bench: pipelines/bench/xlsx.ts.)
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ldaMesures } from "../contracts/lda_mesures.ts";
import { avecReglage, closeDatabase, openDatabase, query } from "../db/duckdb.ts";
import { ingestDirectory, prepareRawSchema } from "../ingest/index.ts";
import { scanFile } from "../ingest/scan.ts";
import { writeFileRows } from "../ingest/sql-load.ts";
import { contexte, imprimerObjectifs, mesurer, type Objectif } from "./objectifs.ts";

// 15 columns, as the reference measurement.
const COLUMNS = [
  "code_operateur", "id_mesure", "id_personne", "id_menage", "dispositif", "territoire_lda", "sexe", "age_entree",
  "composition_familiale", "situation_logement_entree", "date_signature_contrat", "date_debut", "date_fin", "type_sortie", "nb_suivis_sante",
] as const;

// As operators send them: about one row in a thousand spelt the long way (a label for a code) and one in a thousand wrong.
const LABEL_EVERY = 997;
const WRONG_EVERY = 1009;

function row(i: number): string[] {
  const day = i % WRONG_EVERY === 0 ? "31" : String(1 + (i % 28)).padStart(2, "0");
  const month = i % WRONG_EVERY === 0 ? "02" : String(1 + (i % 12)).padStart(2, "0");
  const ended = i % 3 === 0;
  const dispositif = ["adsl", "vial"][i % 2]!;
  return [
    "ASSO-BENCH-01", `M${i}`, `P${i % 700_000}`, `H${i}`, i % LABEL_EVERY === 0 ? dispositif.toUpperCase() : dispositif, ["lens_henin", "artois", "audomarois"][i % 3]!,
    i % 2 ? "F" : "M", String(18 + (i % 60)), "personne_seule", "heberge_tiers", `${day}/${month}/2025`, `${day}/${month}/2025`,
    ended ? `${day}/${month}/2026` : "", ended ? "positive" : "", String(i % 3),
  ];
}

function writeCsv(path: string, rows: number): void {
  const lines = [COLUMNS.join(";")];
  for (let i = 0; i < rows; i++) lines.push(row(i).join(";"));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const fr = (x: number, digits = 0) => x.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** An in-memory database keeps its tables until the garbage collector closes it: dropped now, the next round starts afresh. */
async function release(connection: DuckDBConnection, drop: string): Promise<void> {
  await connection.run(drop);
  closeDatabase(connection);
}

async function timeIngest(dir: string, sql = true) {
  const connection = await openDatabase(":memory:");
  const start = performance.now();
  const report = await ingestDirectory(connection, dir, { sql });
  const elapsed = seconds(start);
  await release(connection, "DROP SCHEMA raw CASCADE");
  const file = report.fichiers[0]!;
  return { elapsed, loaded: file.chargees, rejected: file.rejetees, voie: file.voie };
}

/**
 * DuckDB alone: the file read into a table of text columns, nothing checked. `numbered`: its rows numbered as read by
 * the loading statement's own `row_number() OVER ()`, which measures what numbering lines costs beyond reading them
 * (one thread reads the file in its order, and the numbered rows are materialised before anything runs on both).
 */
async function timeRawRead(csv: string, numbered = false) {
  const raw = await openDatabase(":memory:");
  const start = performance.now();
  await raw.run(`CREATE TABLE brut AS SELECT ${numbered ? "row_number() OVER () AS _n, " : ""}* FROM read_csv('${csv}', delim = ';', header = true, all_varchar = true)`);
  const elapsed = seconds(start);
  const [{ n }] = (await query(raw, "SELECT count(*) AS n FROM brut")) as [{ n: number }];
  await release(raw, "DROP TABLE brut");
  return { elapsed, rows: n };
}

/**
 * What any ingest pays before judging a single cell: the same rows written to the contract's raw table (every column of
 * the contract, of which the file carries 15), dates and numbers converted in the one format the file uses, nothing
 * numbered, checked or hashed. Its ratio to the raw read is the floor under the goal's ratio for a load into that table.
 */
async function timeContractFloor(csv: string) {
  const connection = await openDatabase(":memory:");
  await prepareRawSchema(connection);
  const columns = new Map(ldaMesures.columnList.map((c) => [c.name, c]));
  const cells = COLUMNS.map((name) => {
    const { kind, req } = columns.get(name)!;
    // The generated file's wrong dates (31/02) read as empty; a required one takes a placeholder, as in the load.
    const date = `CAST(try_strptime(${name}, '%d/%m/%Y') AS DATE)`;
    const value = kind === "date" ? (req === "R" ? `coalesce(${date}, DATE '2000-01-01')` : date) : kind === "int" ? `TRY_CAST(${name} AS INTEGER)` : name;
    return `${value} AS ${name}`;
  });
  const sql = `INSERT INTO raw.${ldaMesures.table} BY NAME
SELECT ${cells.join(", ")}, '${"0".repeat(64)}' AS _fichier, 0 AS _ligne FROM read_csv('${csv}', delim = ';', header = true, all_varchar = true)`;
  const start = performance.now();
  await avecReglage(connection, "preserve_insertion_order", false, () => connection.run(sql));
  const elapsed = seconds(start);
  await release(connection, "DROP SCHEMA raw CASCADE");
  return elapsed;
}

/**
 * The SQL path's one statement alone, as the reference measurement: DuckDB reads the file, normalises every
 * cell, judges every row and writes it to the raw table (writeFileRows); the rest of an ingest (hash, zod for the
 * leftovers, duplicates, ledger) is left out.
 */
async function timeLoadingStatement(csv: string) {
  const connection = await openDatabase(":memory:");
  const input = { path: csv, delimiter: ";", width: COLUMNS.length, columns: [...COLUMNS], headerLine: 1, hasQuotes: false, fileOperator: "ASSO-BENCH-01", fichier: "0".repeat(64) };
  await prepareRawSchema(connection);
  const start = performance.now();
  await writeFileRows(connection, ldaMesures, input);
  const elapsed = seconds(start);
  await release(connection, "DROP SCHEMA raw CASCADE");
  return elapsed;
}

/** The pass over the file's bytes that precedes the statement: its sha256, which every raw row carries, and its checks. */
async function timeScan(csv: string) {
  const start = performance.now();
  await scanFile(csv);
  return seconds(start);
}

export interface BenchIngestionOptions {
  /** Rows of the generated CSV (1 000 000: the goal's file). */
  rows?: number;
  /** Interleaved rounds; ratios are taken round by round, then their median. */
  rounds?: number;
  /** Progress lines as the rounds go (the figures come back as rows). */
  onProgress?: (message: string) => void;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[], digits = 2) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fr(median(values), digits)} (${fr(sorted[0]!, digits)}–${fr(sorted[sorted.length - 1]!, digits)})`;
};

/**
 * The goal « ingestion ≤ 1,5× lecture brute » on a generated CSV: raw read_csv, the loading statement alone, the scan
 * and the whole validated ingest, interleaved round by round so that the machine's drift cancels out in each round's
 * ratio.
 */
export async function benchIngestion(options: BenchIngestionOptions = {}): Promise<Objectif[]> {
  const rows = options.rows ?? 1_000_000;
  const rounds = options.rounds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), "obs-bench-"));
  try {
    const csv = join(dir, "lda_mesures__ASSO-BENCH-01__2026-10.csv");
    writeCsv(csv, rows);
    const runs: { raw: number; numbered: number; floor: number; statement: number; scan: number; ingest: Awaited<ReturnType<typeof timeIngest>> }[] = [];
    for (let i = 0; i < rounds; i++) {
      const raw = await timeRawRead(csv);
      if (raw.rows !== rows) throw new Error(`banc d'essai : read_csv a lu ${raw.rows} lignes sur ${rows}`);
      runs.push({ raw: raw.elapsed, numbered: (await timeRawRead(csv, true)).elapsed, floor: await timeContractFloor(csv), statement: await timeLoadingStatement(csv), scan: await timeScan(csv), ingest: await timeIngest(dir) });
      options.onProgress?.(`  tour ${i + 1}/${rounds} : lecture brute ${fr(raw.elapsed, 2)} s, ingestion ${fr(runs[i]!.ingest.elapsed, 2)} s`);
    }
    const last = runs[runs.length - 1]!.ingest;
    if (last.voie !== "duckdb") throw new Error(`banc d'essai : le fichier est passé par la voie ${last.voie}, pas par DuckDB`);
    const size = `${fr(rows)} lignes × ${COLUMNS.length} colonnes, ${fr(statSync(csv).size / 1e6, 1)} Mo, ${rounds} tours, médiane (min–max)`;
    return [
      mesurer("ingestionSurLecture", median(runs.map((r) => r.ingest.elapsed / r.raw)), 2),
      contexte(`  fichier CSV`, size),
      contexte(`  DuckDB read_csv brut (table de textes)`, `${spread(runs.map((r) => r.raw))} s`),
      contexte(`  ingestion validée (voie ${last.voie})`, `${spread(runs.map((r) => r.ingest.elapsed))} s`),
      contexte(`  dont la requête qui lit, valide et écrit les lignes, seule`, `${spread(runs.map((r) => r.statement))} s, ${spread(runs.map((r) => r.statement / r.raw))}×`),
      contexte(`  dont l'empreinte sha256 et les contrôles du fichier, avant la requête`, `${spread(runs.map((r) => r.scan))} s, ${spread(runs.map((r) => r.scan / r.raw))}×`),
      contexte(`  plancher : les mêmes lignes écrites dans la table du contrat (${ldaMesures.columnList.length + 2} colonnes), sans numéro, contrôle ni empreinte`, `${spread(runs.map((r) => r.floor))} s, ${spread(runs.map((r) => r.floor / r.raw))}×`),
      contexte(`  numérotation des lignes à la lecture (la lecture brute numérotée, moins la lecture brute)`, `${spread(runs.map((r) => r.numbered - r.raw))} s, ${spread(runs.map((r) => (r.numbered - r.raw) / r.raw))}×`),
      // Each round's three unavoidable costs of a load that numbers lines into this table and names its file: no
      // ingest of that design goes below their sum, whatever it does with the cells.
      contexte(`  borne basse estimée d'un chargement numéroté dans cette table : plancher + numérotation + empreinte`, `${spread(runs.map((r) => (r.floor + r.numbered - r.raw + r.scan) / r.raw))}×`),
      contexte(`  lignes chargées / rejetées`, `${fr(last.loaded)} / ${fr(last.rejected)}`),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      "sans-zod": { type: "boolean", default: false },
      tours: { type: "string", default: "5" },
    },
  });
  const rows = Number(values.rows);
  console.log(`CSV ${fr(rows)} lignes, 1 ligne sur ${LABEL_EVERY} en libellés, 1 sur ${WRONG_EVERY} fausse`);
  const csvRows = await benchIngestion({ rows, rounds: Number(values.tours), onProgress: (m) => console.log(m) });
  imprimerObjectifs(csvRows);

  const dir = mkdtempSync(join(tmpdir(), "obs-bench-"));
  const csvDir = join(dir, "csv");
  mkdirSync(csvDir);
  if (!values["sans-zod"]) {
    const csv = join(csvDir, "lda_mesures__ASSO-BENCH-01__2026-10.csv");
    writeCsv(csv, rows);
    const raw = await timeRawRead(csv);
    const zodRun = await timeIngest(csvDir, false);
    const sqlRun = await timeIngest(csvDir);
    console.log(
      `  ingestion validée, voie ${zodRun.voie} (zod)  ${fr(zodRun.elapsed, 2)} s   ${fr(rows / zodRun.elapsed)} lignes/s   chargées ${fr(zodRun.loaded)}, rejetées ${fr(zodRun.rejected)}`,
    );
    console.log(`  rapport zod / lecture brute              ${fr(zodRun.elapsed / raw.elapsed, 1)}×`);
    if (zodRun.loaded !== sqlRun.loaded || zodRun.rejected !== sqlRun.rejected) console.log("  ATTENTION : les deux voies ne chargent pas les mêmes lignes");
  }

  rmSync(dir, { recursive: true, force: true });
}

// Run alone (npm run bench:ingestion), it prints; imported, `npm run bench` assembles benchIngestion's rows.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
