// `npm run bench`: ingest throughput of the validated path (read → zod contract → appender) next to DuckDB's own
// raw read_csv of the same file, in the same run. Figures are printed, never asserted.
//   npm run bench -- --rows 1000000 --xlsx-rows 100000
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { ldaMesures } from "../contracts/lda_mesures.ts";
import { openDatabase, query } from "../db/duckdb.ts";
import { ingestDirectory } from "../ingest/index.ts";

// 15 columns, as the reference measurement.
const COLUMNS = [
  "code_operateur", "id_mesure", "id_personne", "id_menage", "dispositif", "territoire_lda", "sexe", "age_entree",
  "composition_familiale", "situation_logement_entree", "date_signature_contrat", "date_debut", "date_fin", "type_sortie", "nb_suivis_sante",
] as const;

function row(i: number): string[] {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const month = String(1 + (i % 12)).padStart(2, "0");
  const ended = i % 3 === 0;
  return [
    "ASSO-BENCH-01", `M${i}`, `P${i % 700_000}`, `H${i}`, ["adsl", "vial"][i % 2]!, ["lens_henin", "artois", "audomarois"][i % 3]!,
    i % 2 ? "F" : "M", String(18 + (i % 60)), "personne_seule", "heberge_tiers", `${day}/${month}/2025`, `${day}/${month}/2025`,
    ended ? `${day}/${month}/2026` : "", ended ? "positive" : "", String(i % 3),
  ];
}

function writeCsv(path: string, rows: number): void {
  const lines = [COLUMNS.join(";")];
  for (let i = 0; i < rows; i++) lines.push(row(i).join(";"));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ldaMesures.table);
  sheet.addRow([...COLUMNS]);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i));
  await workbook.xlsx.writeFile(path);
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const fr = (x: number, digits = 0) => x.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function timeIngest(dir: string) {
  const connection = await openDatabase(":memory:");
  const start = performance.now();
  const report = await ingestDirectory(connection, dir);
  const elapsed = seconds(start);
  connection.closeSync();
  return { elapsed, loaded: report.fichiers[0]!.chargees, rejected: report.fichiers[0]!.rejetees };
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "200000" }, "xlsx-rows": { type: "string", default: "20000" } } });
  const rows = Number(values.rows);
  const xlsxRows = Number(values["xlsx-rows"]);
  const dir = mkdtempSync(join(tmpdir(), "obs-bench-"));
  const csvDir = join(dir, "csv");
  const xlsxDir = join(dir, "xlsx");
  mkdirSync(csvDir);
  mkdirSync(xlsxDir);
  const csv = join(csvDir, "lda_mesures__ASSO-BENCH-01__2026-10.csv");
  writeCsv(csv, rows);

  const raw = await openDatabase(":memory:");
  const rawStart = performance.now();
  const [{ n }] = (await query(raw, `SELECT count(*) AS n FROM read_csv('${csv}', delim = ';', header = true, all_varchar = true)`)) as [{ n: number }];
  const rawSeconds = seconds(rawStart);
  raw.closeSync();

  const csvRun = await timeIngest(csvDir);
  console.log(`CSV ${fr(rows)} lignes × ${COLUMNS.length} colonnes (${fr(statSync(csv).size / 1e6, 1)} Mo)`);
  console.log(`  DuckDB read_csv brut       ${fr(rawSeconds, 2)} s   ${fr(n / rawSeconds)} lignes/s`);
  console.log(`  ingestion validée (zod)    ${fr(csvRun.elapsed, 2)} s   ${fr(rows / csvRun.elapsed)} lignes/s   chargées ${fr(csvRun.loaded)}, rejetées ${fr(csvRun.rejected)}`);
  console.log(`  rapport ingestion / brut   ${fr(csvRun.elapsed / rawSeconds, 1)}×`);

  if (xlsxRows > 0) {
    const xlsx = join(xlsxDir, "lda_mesures__ASSO-BENCH-01__2026-10.xlsx");
    await writeXlsx(xlsx, xlsxRows);
    const xlsxRun = await timeIngest(xlsxDir);
    console.log(`XLSX ${fr(xlsxRows)} lignes (${fr(statSync(xlsx).size / 1e6, 1)} Mo)`);
    console.log(`  ingestion validée (zod)    ${fr(xlsxRun.elapsed, 2)} s   ${fr(xlsxRows / xlsxRun.elapsed)} lignes/s`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
