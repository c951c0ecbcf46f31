// Where a run writes, in one place: the pipeline installs its outputs here, and whoever takes the run lock first
// finishes an installation a kill interrupted, then clears what a killed or failed run left aside.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_DATABASE } from "./db/duckdb.ts";
import { acquireLock } from "./lock.ts";
import { aside, removeLeftovers, swapIn } from "./swap.ts";

// OBS_BUILD lets a benchmark or a test run the whole job beside the project's own build.
export const BUILD = resolve(process.env.OBS_BUILD ?? "build");
export const LOCK = join(BUILD, ".verrou");
export const EXTRACTS = join(BUILD, "extraits");
export const INGEST_REPORT = join(BUILD, "rapport-ingestion.json");

/** The database and what describes it: built aside, installed together. */
/** The fingerprint of the inputs the installed outputs were built from (pipelines/empreinte.ts), installed with them. */
export const PIPELINE_FINGERPRINT = join(BUILD, "empreinte-pipeline.txt");
export const PIPELINE_OUTPUTS = [DEFAULT_DATABASE, EXTRACTS, INGEST_REPORT, PIPELINE_FINGERPRINT];

// Present from the moment every pipeline output is complete aside until all are in place: a run killed in between
// is finished by the next one, never left with a database beside extracts or a report of another.
const INSTALLING = join(BUILD, ".installation-en-cours");

/** Installs the aside outputs, which the caller made complete (or an interrupted installation had). */
export function installPipelineOutputs(): void {
  writeFileSync(INSTALLING, "");
  // A WAL left by a crash belongs to the old database: replayed onto the new one it would corrupt it.
  if (existsSync(aside(DEFAULT_DATABASE))) rmSync(`${DEFAULT_DATABASE}.wal`, { force: true });
  for (const target of PIPELINE_OUTPUTS) if (existsSync(aside(target))) swapIn(target);
  rmSync(INSTALLING);
}

/** After a failed run: its aside outputs go, unless their installation began (the next run then finishes it). */
export function removePipelineLeftovers(): void {
  if (!existsSync(INSTALLING)) for (const target of PIPELINE_OUTPUTS) removeLeftovers(target);
}

/**
 * Takes the run lock (pipeline, models and site share it), finishes an interrupted installation and removes what a
 * killed run left: the pipeline's aside outputs and those of `siteDirs` — passed only by the commands that build the
 * site, so a run with its own OBS_BUILD never touches the project's dist/.
 */
export function acquireRunLock(siteDirs: string[] = []): () => void {
  mkdirSync(BUILD, { recursive: true });
  const release = acquireLock(LOCK);
  try {
    if (existsSync(INSTALLING)) installPipelineOutputs();
    removePipelineLeftovers();
    for (const dir of siteDirs) removeLeftovers(dir);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
