// The main job: reference data → ingest (real inbox, or generated samples) → SQL models → extracts.
// The database is built in a temporary file and moved into place only when every step succeeded,
// so a failed run leaves the previous database intact.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_DATABASE, openDatabase } from "./db/duckdb.ts";
import { ingestDirectory } from "./ingest/index.ts";
import { DEMO_KEY } from "./ingest/pseudonymise.ts";
import { printIngestSummary } from "./ingest/summary.ts";
import { runModels } from "./models/run.ts";
import { acquireLock } from "./lock.ts";
import { loadReference } from "./models/reference.ts";
import { generateSamples } from "./samples/generate.ts";
import { writeExtracts } from "./extracts.ts";
import { applyStatisticalSecret } from "./publish/secret.ts";
import { REPORTS } from "./contracts/index.ts";

const INBOX = resolve(process.env.OBS_INBOX ?? "sources/inbox");
// OBS_BUILD lets a benchmark run the whole job beside the project's own build.
const BUILD = resolve(process.env.OBS_BUILD ?? "build");
const SAMPLES = join(BUILD, "samples/inbox");

function hasOperatorFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => /\.(csv|xlsx)$/i.test(f));
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Seconds per step, written to OBS_CHRONO when set (the scale benchmark reads it). */
const chrono: Record<string, number> = {};
let lap = performance.now();
function step(name: string): void {
  chrono[name] = (performance.now() - lap) / 1000;
  lap = performance.now();
}

export const LOCK = join(BUILD, ".verrou");
/** The public extracts (pipelines/extracts.ts), scanned with the public site before it is swapped in. */
export const EXTRAITS = join(BUILD, "extraits");

async function main() {
  mkdirSync(BUILD, { recursive: true });
  const release = acquireLock(LOCK);
  try {
    await runPipeline();
  } finally {
    release();
  }
}

/** The whole pipeline; the caller holds the lock. */
export async function runPipeline(): Promise<void> {
  const started = performance.now();
  mkdirSync(BUILD, { recursive: true });
  const demo = !hasOperatorFiles(INBOX);
  let inbox = INBOX;
  if (demo) {
    log(`Aucun fichier opérateur dans ${INBOX} : génération des données fictives de démonstration.`);
    rmSync(SAMPLES, { recursive: true, force: true });
    await generateSamples(SAMPLES);
    inbox = SAMPLES;
  }

  const temporary = `${DEFAULT_DATABASE}.en-cours`;
  rmSync(temporary, { force: true });
  rmSync(`${temporary}.wal`, { force: true });
  const connection = await openDatabase(temporary);

  step("preparation");
  log("1/4 Données de référence");
  await loadReference(connection);
  step("reference");

  log(`2/4 Ingestion de ${inbox}`);
  const report = await ingestDirectory(connection, inbox, { onProgress: log, pseudonymKey: demo ? DEMO_KEY : undefined });
  printIngestSummary(report, log);
  writeFileSync(join(BUILD, "rapport-ingestion.json"), JSON.stringify(report, null, 2));
  step("ingestion");

  log("3/4 Modèles SQL");
  await runModels(connection, { onProgress: log });
  step("modeles");
  const secret = await applyStatisticalSecret(connection);
  step("secret");
  const pourcent = (n: number) => ((100 * n) / Math.max(1, secret.soumises)).toFixed(1).replace(".", ",");
  const n = (x: number) => x.toLocaleString("fr-FR");
  log(
    `  secret statistique (seuil ${secret.seuil}) : ${n(secret.primaires)} cases masquées (${pourcent(secret.primaires)} %) + ${n(secret.secondaires)} ` +
      `par secret secondaire (${pourcent(secret.secondaires)} %) sur ${n(secret.soumises)} effectifs de personnes ; ` +
      `${n(secret.taux)} taux, parts, moyennes ou médianes masqués sur ${n(secret.ratios)} (${secret.passes} passes)`,
  );
  const part = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1).replace(".", ",")} %`;
  for (const l of secret.niveaux) {
    log(`    ${`${l.niveau_territoire} / ${l.type_periode}`.padEnd(28)} ${n(l.masquees).padStart(7)} masquées sur ${n(l.cellules).padStart(7)} (${part(l.masquees, l.cellules)})`);
  }
  // The data cut-off is the latest snapshot date of the operators' files: the Département's own reference files
  // (conventions, payments: a year meaning its 31 December) say nothing of how far the activity was reported.
  const operatorTables = REPORTS.filter((r) => r.producer === "operateur").map((r) => `'${r.table}'`).join(", ");
  await connection.run(`
    CREATE OR REPLACE TABLE main.execution AS
    SELECT ${demo} AS donnees_fictives, current_timestamp AS genere_le,
           (SELECT max(date_arrete) FROM fichiers_actifs() WHERE table_rapport IN (${operatorTables})) AS date_arrete`);

  log("4/4 Extractions");
  await writeExtracts(connection, EXTRAITS);
  connection.closeSync();
  step("extraits");
  if (process.env.OBS_CHRONO) writeFileSync(process.env.OBS_CHRONO, JSON.stringify({ etapes: chrono, memoire_max_mo: process.resourceUsage().maxRSS / 1024 }));

  rmSync(`${DEFAULT_DATABASE}.wal`, { force: true });
  renameSync(temporary, DEFAULT_DATABASE);
  log(`Base prête : ${DEFAULT_DATABASE} (${((performance.now() - started) / 1000).toFixed(1).replace(".", ",")} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    log(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
