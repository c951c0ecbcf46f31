// How much memory DuckDB may hold and where it spills, sized from the machine. Without a limit DuckDB takes 80 % of
// the RAM and, at 100× a département year, grew to 17 GB; with a limit the same models run in the same time and
// spill to disk instead of growing (issue 16: at 10×, 512 MB gave the same model time as the default). One place so
// the pipeline, the site loaders and the benchmarks run under the same bounds.
import { totalmem, tmpdir } from "node:os";
import { join } from "node:path";

const MO = 1024 * 1024;
/** Below this the models' largest joins spill so much that time suffers; above, time no longer improves. */
export const MEMOIRE_MIN_MO = 512;
export const MEMOIRE_MAX_MO = 2048;

/** Past this many raw rows the models run one at a time (modelesSimultanes). */
export const LIGNES_BRUTES_SIMULTANEES = 100_000;

/**
 * Models built at the same time (pipelines/models/ordonnancer.ts). A département year's models (1×, 28 000 raw rows)
 * are small statements that leave one of DuckDB's two threads idle (planning, pipelines too small to split): three at
 * once give that core to another model. Large ones split their own work across both threads and share the one memory
 * limit: at 10× (278 000 rows) three at once took the same time as one at a time for 15 % more CPU, at 100× they spilled
 * more (measured on a loaded machine, issue 16). Past LIGNES_BRUTES_SIMULTANEES, between the two, they run one after
 * the other, as before. `OBS_MODELES_SIMULTANES` sets it (1: one after the other) for another machine or to compare.
 */
export function modelesSimultanes(lignesBrutes: number, env = process.env.OBS_MODELES_SIMULTANES): number {
  if (env === undefined || env === "") return lignesBrutes > LIGNES_BRUTES_SIMULTANEES ? 1 : 3;
  if (!/^\d+$/.test(env.trim()) || Number(env) < 1) {
    throw new Error(`OBS_MODELES_SIMULTANES=${env} : attendu un nombre entier de modèles construits à la fois, au moins 1 (par exemple OBS_MODELES_SIMULTANES=3).`);
  }
  return Number(env);
}

/**
 * A twelfth of the RAM, between 512 MB and 2 GB: 2 GB on the 24 GB reference machine. At 100× the models took 131 s
 * under 2 GB against 149 s under 1 GB (less spilled), for a process peak of 3,0 GB against 1,8 GB (goal ≤ 4 GB).
 */
export function memoireParDefautMo(ram = totalmem()): number {
  return Math.min(MEMOIRE_MAX_MO, Math.max(MEMOIRE_MIN_MO, Math.floor(ram / MO / 12)));
}

/** `OBS_DUCKDB_MEMOIRE` in megabytes (an integer), or the default above; anything else stops with the expected form. */
export function memoireMo(env = process.env.OBS_DUCKDB_MEMOIRE): number {
  if (env === undefined || env === "") return memoireParDefautMo();
  if (!/^\d+$/.test(env.trim()) || Number(env) < 64) {
    throw new Error(`OBS_DUCKDB_MEMOIRE=${env} : attendu un nombre entier de mégaoctets, au moins 64 (par exemple OBS_DUCKDB_MEMOIRE=1024).`);
  }
  return Number(env);
}

/**
 * Spill folder: beside the database file for its one writer (DuckDB's own convention; the file lock admits one), in
 * the system's temporary folder, one per process, for an in-memory base and for readers — several read-only
 * processes (site loaders, test workers) share a file and must not share spill files.
 */
export function dossierTemporaire(path: string, readOnly = false): string {
  return path === ":memory:" || readOnly ? join(tmpdir(), `observatoire-duckdb-${process.pid}`) : `${path}.tmp`;
}
