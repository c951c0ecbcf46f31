// The main job: reference data → ingest (real inbox, or generated samples) → SQL models → extracts.
// The database, the ingest report and the extracts are built aside and installed together only when every step
// succeeded (pipelines/outputs.ts), so a failed or killed run leaves the previous ones intact and nothing half-built.
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, DEFAULT_DATABASE, openDatabase } from "./db/duckdb.ts";
import { explainDiskFull } from "./disk-full.ts";
import { dateReference } from "./date-reference.ts";
import { requirePseudonymKey } from "./ingest/cle-requise.ts";
import { ingestDirectory, operatorFiles } from "./ingest/index.ts";
import { enregistrerHistorique } from "./ingest/historique.ts";
import { DEMO_KEY } from "./ingest/pseudonymise.ts";
import { printIngestSummary } from "./ingest/summary.ts";
import { runModels, type ModelTiming } from "./models/run.ts";
import { enregistrerChronos, plusLents } from "./models/chronos.ts";
import { memoireMo } from "./db/ressources.ts";
import { loadReference } from "./models/reference.ts";
import { acquireRunLock, BUILD, EXTRACTS, INGEST_REPORT, installPipelineOutputs, PIPELINE_FINGERPRINT, PIPELINE_OUTPUTS, removePipelineLeftovers } from "./outputs.ts";
import { CODE_PIPELINE, ecrireEmpreinte, empreinte, faitsDeLExecution, lireEmpreinte, reconstructionForcee } from "./empreinte.ts";
import { generateSamples } from "./samples/generate.ts";
import { DATE_ARRETE } from "./samples/operators.ts";
import { writeExtracts } from "./extracts.ts";
import { applyStatisticalSecret } from "./publish/secret.ts";
import { REPORTS } from "./contracts/index.ts";
import { aside } from "./swap.ts";

const INBOX = resolve(process.env.OBS_INBOX ?? "sources/inbox");
const SAMPLES = join(BUILD, "samples/inbox");

function hasOperatorFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => /\.(csv|xlsx)$/i.test(f));
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Seconds per step and the process's peak memory at the end of each step (a running peak: the step that raised it
 * is the first whose figure grows), written to OBS_CHRONO when set (the scale benchmark reads it).
 */
const chrono: Record<string, number> = {};
const peakMo: Record<string, number> = {};
let lap = performance.now();
function step(name: string): void {
  chrono[name] = (performance.now() - lap) / 1000;
  peakMo[name] = process.resourceUsage().maxRSS / 1024;
  lap = performance.now();
}

async function main() {
  const release = acquireRunLock();
  try {
    await runPipeline();
  } finally {
    release();
  }
}

/** What the installed outputs would be built from now: the operator files (or the demo's generator), code, reference. */
function currentFingerprint(): string {
  const demo = !hasOperatorFiles(INBOX);
  return empreinte(demo ? CODE_PIPELINE : [...CODE_PIPELINE, INBOX], faitsDeLExecution(demo));
}

/**
 * The whole pipeline; the caller holds the run lock (acquireRunLock). A full disk stops it with a message saying where.
 * Nothing changed since the installed outputs were built (same fingerprint): they are kept and nothing is recomputed.
 */
export async function runPipeline(): Promise<"construit" | "reutilise"> {
  const started = performance.now();
  removePipelineLeftovers();
  const fingerprint = currentFingerprint();
  if (!reconstructionForcee() && lireEmpreinte(PIPELINE_FINGERPRINT) === fingerprint && PIPELINE_OUTPUTS.every((f) => existsSync(f))) {
    log(
      `Rien de nouveau depuis la dernière construction (mêmes fichiers, même code, même date de référence) : base, rapport d'ingestion ` +
        `et extractions réutilisés (${((performance.now() - started) / 1000).toFixed(1).replace(".", ",")} s). OBS_RECONSTRUIRE=1 pour tout recalculer.`,
    );
    return "reutilise";
  }
  let connection: DuckDBConnection | undefined;
  try {
    connection = await openDatabase(aside(DEFAULT_DATABASE));
    await buildOutputs(connection);
    ecrireEmpreinte(aside(PIPELINE_FINGERPRINT), fingerprint);
    const built = connection;
    connection = undefined;
    closeDatabase(built);
    // DuckDB folds its WAL into the file when it closes: a WAL still there means the file alone is not the database.
    const wal = `${aside(DEFAULT_DATABASE)}.wal`;
    if (existsSync(wal)) throw new Error(`${wal} : la base construite n'a pas été fermée complètement, elle n'est pas installée. Relancer.`);
    installPipelineOutputs();
    if (chronosDuRun) enregistrerChronos(chronosDuRun.timings, chronosDuRun.meta);
  } catch (error) {
    // Closing the half-built database can fail too (the same full disk): said, but the first failure is the one to stop on.
    if (connection) {
      try {
        closeDatabase(connection);
      } catch (closing) {
        log(`  fermeture de la base inachevée impossible : ${closing instanceof Error ? closing.message : String(closing)}`);
      }
    }
    throw explainDiskFull(error, BUILD);
  } finally {
    removePipelineLeftovers();
  }
  log(`Base prête : ${DEFAULT_DATABASE} (${((performance.now() - started) / 1000).toFixed(1).replace(".", ",")} s)`);
  return "construit";
}

/** The models' timings of this run, kept in build/ once its outputs are installed (a killed run changes nothing there). */
let chronosDuRun: { timings: ModelTiming[]; meta: Record<string, unknown> } | undefined;

/** Every step, writing the database, the ingest report and the extracts aside. */
async function buildOutputs(connection: DuckDBConnection): Promise<void> {
  const debut = new Date();
  const demo = !hasOperatorFiles(INBOX);
  let inbox = INBOX;
  if (demo) {
    log(`Aucun fichier opérateur dans ${INBOX} : génération des données fictives de démonstration.`);
    rmSync(SAMPLES, { recursive: true, force: true });
    await generateSamples(SAMPLES);
    inbox = SAMPLES;
  }

  // Both stop the run before anything is loaded: a wrong date would shift every deadline, a missing key would reject
  // every file with personal columns and publish their fiches empty.
  // The demo's data are drawn up on DATE_ARRETE: that is its « today », whatever day the demo is built.
  const reference = demo && !process.env.OBS_DATE_REFERENCE ? DATE_ARRETE : dateReference();
  const pseudonymKey = demo ? DEMO_KEY : await requirePseudonymKey(operatorFiles(inbox));
  log(`Date de référence du traitement : ${reference}${process.env.OBS_DATE_REFERENCE ? " (OBS_DATE_REFERENCE)" : demo ? " (arrêté des données fictives)" : " (date du jour)"}`);

  step("preparation");
  log("1/4 Données de référence");
  await loadReference(connection, undefined, reference);
  step("reference");

  log(`2/4 Ingestion de ${inbox}`);
  const report = await ingestDirectory(connection, inbox, { onProgress: log, pseudonymKey, dateReference: reference });
  printIngestSummary(report, log);
  // The installed database is the one this run replaces: its history carries over (pipelines/ingest/historique.ts).
  await enregistrerHistorique(connection, DEFAULT_DATABASE, debut);
  writeFileSync(aside(INGEST_REPORT), JSON.stringify(report, null, 2));
  step("ingestion");

  log(`3/4 Modèles SQL (DuckDB : ${memoireMo().toLocaleString("fr-FR")} Mo de mémoire au plus, au-delà sur disque)`);
  const timings: ModelTiming[] = [];
  const modelsStarted = performance.now();
  await runModels(connection, { onProgress: log, onTiming: (t) => timings.push(t), liberer: true });
  step("modeles");
  log(`  les 10 modèles les plus lents (sur ${((performance.now() - modelsStarted) / 1000).toFixed(1).replace(".", ",")} s) :`);
  for (const line of plusLents(timings)) log(line);
  chronosDuRun = { timings, meta: { debut: new Date().toISOString(), donnees_fictives: demo, fichiers: report.fichiers.length, memoire_duckdb_mo: memoireMo() } };
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
  const parType = new Map<string, { masquees: number; cellules: number }>();
  for (const l of secret.niveaux) {
    const t = parType.get(l.type_periode) ?? { masquees: 0, cellules: 0 };
    parType.set(l.type_periode, { masquees: t.masquees + l.masquees, cellules: t.cellules + l.cellules });
  }
  for (const [type, t] of parType) log(`    ${`toutes / ${type}`.padEnd(28)} ${n(t.masquees).padStart(7)} masquées sur ${n(t.cellules).padStart(7)} (${part(t.masquees, t.cellules)})`);
  // The data cut-off is the latest snapshot date of the operators' files: the Département's own reference files
  // (conventions, payments: a year meaning its 31 December) say nothing of how far the activity was reported.
  const operatorTables = REPORTS.filter((r) => r.producer === "operateur").map((r) => `'${r.table}'`).join(", ");
  await connection.run(`
    CREATE OR REPLACE TABLE main.execution AS
    SELECT ${demo} AS donnees_fictives, current_timestamp AS genere_le,
           (SELECT max(date_arrete) FROM fichiers_actifs() WHERE table_rapport IN (${operatorTables})) AS date_arrete`);

  log("4/4 Extractions");
  await writeExtracts(connection, aside(EXTRACTS));
  step("extraits");
  if (process.env.OBS_CHRONO) writeFileSync(process.env.OBS_CHRONO, JSON.stringify({ etapes: chrono, memoire_max_mo_fin_etape: peakMo, memoire_max_mo: process.resourceUsage().maxRSS / 1024 }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    log(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
