// Runs the SQL models (sql/*.sql, one model per file, named after its table) in the order their references to
// each other imply, then each model's data tests (header comments) and the reconciliation tests (sql/tests/*.sql,
// each returning the rows that break it). The first failure stops the run with the model, the test and the rows.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { avecReglage, closeDatabase, connexionsSoeurs, query } from "../db/duckdb.ts";
import { memoireMo, modelesSimultanes } from "../db/ressources.ts";
import { ordonnancer } from "./ordonnancer.ts";
import { compresserIntermediaires, estPersiste, preparerIntermediaires, tableDuModele } from "./persistance.ts";
import { agregationCatalogueTest, dataTestsOf, type DataTest } from "./data-tests.ts";

export const SQL_DIR = resolve("sql");
const MODEL_FILE = /^(staging|int|mart)_\w+\.sql$/;
/** How many failing rows an error message shows. */
const SHOWN_ROWS = 5;

export interface Model {
  name: string;
  sql: string;
  dependsOn: string[];
  tests: DataTest[];
}

/** Drops comments and string literals, so a model named in a comment or a string is not a dependency. */
function codeOnly(sql: string): string {
  return sql.replace(/--[^\n]*/g, " ").replace(/'(?:[^']|'')*'/g, "''");
}

/** The models a piece of SQL code reads: their names as whole words not qualified by a schema (raw.x and ref.x are not models). */
function modelesLus(code: string, names: readonly string[]): string[] {
  return names.filter((name) => new RegExp(`(?<![\\w.])${name}\\b`).test(code));
}

export function readModels(dir = SQL_DIR): Model[] {
  const files = readdirSync(dir).filter((f) => MODEL_FILE.test(f)).sort();
  const names = files.map((f) => basename(f, ".sql"));
  return files.map((f) => {
    const sql = readFileSync(join(dir, f), "utf8");
    const code = codeOnly(sql);
    const name = basename(f, ".sql");
    const dependsOn = modelesLus(code, names).filter((other) => other !== name);
    const derive = agregationCatalogueTest(name);
    return { name, sql, dependsOn, tests: [...dataTestsOf(name, sql), ...(derive ? [derive] : [])] };
  });
}

/** Topological order (alphabetical among independent models, so runs are reproducible); a cycle is an error naming it. */
export function dependencyOrder(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`Dépendance circulaire entre modèles : ${[...path, m.name].join(" → ")}`);
    visiting.add(m.name);
    for (const d of m.dependsOn) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    ordered.push(m);
  };
  for (const m of [...models].sort((a, b) => a.name.localeCompare(b.name))) visit(m, []);
  return ordered;
}

export class DataTestError extends Error {}

/**
 * A reconciliation fails on figures, not on a file: where to look is every loaded file that feeds the fiches of the
 * failing rows — record files of their indicators' source tables (ref.indicateurs.tables_source) and declared bilans.
 */
async function fichiersEnCause(connection: DuckDBConnection, failing: Record<string, unknown>[]): Promise<string> {
  const fiches = [...new Set(failing.map((r) => r.fiche).filter((f): f is string => typeof f === "string"))];
  if (!fiches.length) return "\n  (les lignes en échec ne nomment pas de fiche : ajouter la colonne fiche à la réconciliation)";
  const [{ n }] = (await query<{ n: number }>(
    connection,
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'raw' AND table_name IN ('fichiers', 'bilans_quantitatifs')",
  )) as [{ n: number }];
  if (n < 2) return "\n  (aucun fichier chargé dans cette base)";
  const liste = fiches.map((f) => `'${f.replace(/'/g, "''")}'`).join(", ");
  const fichiers = await query<{ nom: string; code_operateur: string | null }>(
    connection,
    `WITH sources AS (SELECT fiche, unnest(regexp_split_to_array(tables_source, '\\s*[;,]\\s*')) AS table_rapport FROM ref.indicateurs)
     SELECT f.nom, f.code_operateur FROM raw.fichiers AS f JOIN sources AS s USING (table_rapport) WHERE f.statut = 'charge' AND s.fiche IN (${liste})
     UNION
     SELECT f.nom, f.code_operateur FROM raw.fichiers AS f JOIN raw.bilans_quantitatifs AS b ON b._fichier = f.fichier WHERE f.statut = 'charge' AND b.fiche IN (${liste})
     ORDER BY ALL`,
  );
  const noms = fichiers.slice(0, 20).map((f) => `${f.nom} (opérateur ${f.code_operateur ?? "non renseigné"})`);
  const reste = fichiers.length > 20 ? `, … et ${fichiers.length - 20} autre(s)` : "";
  return `\n  Fichiers de ${fiches.join(", ")} à vérifier : ${noms.length ? noms.join(", ") + reste : "aucun fichier chargé"}`;
}

async function assertNoRows(connection: DuckDBConnection, label: string, sql: string, cause?: (failing: Record<string, unknown>[]) => Promise<string>): Promise<void> {
  let failing: Record<string, unknown>[];
  try {
    failing = await query(connection, `SELECT * FROM (\n${sql}\n) LIMIT ${SHOWN_ROWS + 1}`);
  } catch (error) {
    throw new DataTestError(`Test de données illisible — ${label} : ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failing.length) {
    const rows = failing.slice(0, SHOWN_ROWS).map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? Number(v) : v)));
    const more = failing.length > SHOWN_ROWS ? `\n  … (au moins ${failing.length} lignes en échec)` : "";
    throw new DataTestError(`Test de données en échec — ${label} :\n  ${rows.join("\n  ")}${more}${cause ? await cause(failing) : ""}`);
  }
}

const bodyOf = (sql: string) => sql.trim().replace(/;\s*$/, "");

export interface RunOptions {
  /** Called once per model with a line: name, rows, milliseconds. */
  onProgress?: (line: string) => void;
  /** Called once per model with its timing (the pipeline keeps them in build/, issue 16). */
  onTiming?: (timing: ModelTiming) => void;
  /** Folder of the models (tests in its tests/ subfolder); sql/ by default. */
  dir?: string;
  /**
   * Drop each intermediate once the last model and reconciliation test reading it have run (the pipeline: at 100×
   * the intermediates are gigabytes spilled to the temporary folder). Off by default: tests read intermediates after
   * runModels.
   */
  liberer?: boolean;
}

/**
 * sql/macros/*.sql: DuckDB table macros for a computation several models share (each model still reads as one
 * SELECT, naming the tables it passes, so its dependencies are found as for any other reference).
 */
export async function createMacros(connection: DuckDBConnection, dir = SQL_DIR): Promise<void> {
  const macros = join(dir, "macros");
  if (!existsSync(macros)) return;
  for (const file of readdirSync(macros).filter((f) => f.endsWith(".sql")).sort()) {
    try {
      await connection.run(readFileSync(join(macros, file), "utf8"));
    } catch (error) {
      throw new Error(`Macro sql/macros/${file} en échec : ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Seconds to build a model's table and seconds for its data tests, apart: a slow test is not a slow model. */
export interface ModelTiming {
  modele: string;
  lignes: number;
  secondes_table: number;
  secondes_tests: number;
}

/**
 * A model's data tests and row count in one statement (one EXISTS per test: a round trip per test cost more than the
 * tests themselves, issue 16). A test that fails, or a statement that cannot run, is run again alone, so that the
 * error names the test and shows its rows exactly as assertNoRows words it.
 */
async function testsEtLignes(connection: DuckDBConnection, model: Model): Promise<number> {
  const existe = model.tests.map((t, i) => `, EXISTS (\n${t.sql}\n) AS echec_${i}`).join("");
  let ligne: Record<string, unknown>;
  try {
    [ligne] = (await query(connection, `SELECT (SELECT count(*) FROM ${model.name}) AS n${existe}`)) as [Record<string, unknown>];
  } catch (error) {
    for (const test of model.tests) await assertNoRows(connection, `modèle ${model.name} : ${test.label}`, test.sql);
    throw new DataTestError(`Tests de données illisibles — modèle ${model.name} : ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [i, test] of model.tests.entries()) {
    if (!ligne[`echec_${i}`]) continue;
    await assertNoRows(connection, `modèle ${model.name} : ${test.label}`, test.sql);
    throw new DataTestError(`Test de données en échec — modèle ${model.name} : ${test.label} : des lignes en échec à la première exécution, aucune à la seconde (test non déterministe ?)`);
  }
  return ligne.n as number;
}

/** One model: its table, then its data tests (on a connection prepared by preparerIntermediaires). */
export async function runModel(connection: DuckDBConnection, model: Model, options: Pick<RunOptions, "onProgress" | "onTiming"> = {}): Promise<void> {
  const started = performance.now();
  try {
    // An intermediate lives in the run's in-memory database (persistance.ts); its copy in the file from an older run,
    // if any, is dropped so that no reader of the installed database finds a stale one.
    if (!estPersiste(model.name)) await connection.run(`DROP TABLE IF EXISTS main.${model.name}`);
    await connection.run(`CREATE OR REPLACE TABLE ${tableDuModele(model.name)} AS\n${bodyOf(model.sql)}`);
  } catch (error) {
    throw new Error(`Modèle ${model.name} en échec : ${error instanceof Error ? error.message : String(error)}`);
  }
  const built = performance.now();
  const n = await testsEtLignes(connection, model);
  const ended = performance.now();
  options.onTiming?.({ modele: model.name, lignes: n, secondes_table: (built - started) / 1000, secondes_tests: (ended - built) / 1000 });
  options.onProgress?.(`  ${model.name.padEnd(40)} ${n.toLocaleString("fr-FR").padStart(9)} lignes ${String(Math.round(ended - started)).padStart(6)} ms`);
}

/** Only the named models, in dependency order (the tests of the secret build its hierarchies on a hand-made mart). */
export async function runNamedModels(connection: DuckDBConnection, names: readonly string[], dir = SQL_DIR): Promise<void> {
  const models = dependencyOrder(readModels(dir)).filter((m) => names.includes(m.name));
  const missing = names.filter((n) => !models.some((m) => m.name === n));
  if (missing.length) throw new Error(`Modèles introuvables dans ${dir} : ${missing.join(", ")}`);
  await preparerIntermediaires(connection);
  for (const model of models) await runModel(connection, model);
}

/**
 * The order tasks are started in when several are ready: the longest chain of readers after a model first (the LDA
 * models feed the indicators' union, read last by the cumulated figures: started late, the run would end with one
 * connection busy and the others idle), then dependency order.
 */
function parPriorite<T extends { name: string; dependsOn: readonly string[] }>(taches: readonly T[]): T[] {
  const lecteurs = new Map<string, string[]>();
  for (const t of taches) for (const d of t.dependsOn) lecteurs.set(d, [...(lecteurs.get(d) ?? []), t.name]);
  const hauteur = new Map<string, number>();
  const h = (name: string): number => hauteur.get(name) ?? (hauteur.set(name, 1 + Math.max(0, ...(lecteurs.get(name) ?? []).map(h))), hauteur.get(name)!);
  return taches.map((t, i) => ({ t, i, h: h(t.name) })).sort((a, b) => b.h - a.h || a.i - b.i).map(({ t }) => t);
}

export async function runModels(connection: DuckDBConnection, options: RunOptions = {}): Promise<void> {
  const dir = options.dir ?? SQL_DIR;
  await createMacros(connection, dir);
  const testDir = join(dir, "tests");
  const ordre = dependencyOrder(readModels(dir));
  const noms = ordre.map((m) => m.name);
  // A reconciliation runs as soon as the models it reads are built, beside the models still running.
  const reconciliations = (existsSync(testDir) ? readdirSync(testDir).filter((f) => f.endsWith(".sql")).sort() : []).map((file) => {
    const sql = readFileSync(join(testDir, file), "utf8");
    return { name: `tests/${file}`, file, sql, dependsOn: modelesLus(codeOnly(sql), noms) };
  });
  const taches = parPriorite<Model | (typeof reconciliations)[number]>([...ordre, ...reconciliations]);
  // How many tasks (models and reconciliations) still have to read each model: at 0, an intermediate is dropped.
  const lecteursRestants = new Map<string, number>();
  for (const t of taches) for (const d of t.dependsOn) lecteursRestants.set(d, (lecteursRestants.get(d) ?? 0) + 1);
  const [{ lignes }] = (await query<{ lignes: number }>(connection, "SELECT coalesce(sum(estimated_size), 0)::BIGINT AS lignes FROM duckdb_tables() WHERE schema_name = 'raw'")) as [{ lignes: number }];
  const soeurs = await connexionsSoeurs(connection, modelesSimultanes(lignes) - 1);
  try {
    // Models are built one at a time when the data is large: that is when the intermediates are worth compressing.
    const compresse = soeurs.length === 0;
    for (const c of [connection, ...soeurs]) await preparerIntermediaires(c, { compresse });
    const construire = () =>
      ordonnancer(taches, [connection, ...soeurs], async (c, tache) => {
        if ("file" in tache) await reconcilier(c, tache, options);
        else {
          await runModel(c, tache, options);
          if (compresse && !estPersiste(tache.name)) await compresserIntermediaires(c, memoireMo());
        }
        if (!options.liberer) return;
        for (const d of tache.dependsOn) {
          const restants = lecteursRestants.get(d)! - 1;
          lecteursRestants.set(d, restants);
          if (restants === 0 && !estPersiste(d)) await c.run(`DROP TABLE ${tableDuModele(d)}`);
        }
      });
    // DuckDB checkpoints a database at a commit once its log passes 16 MB: compressed, the intermediates were then
    // checkpointed again and again behind the runner's back (10×: 9 % slower). Here the runner alone checkpoints them,
    // and the file once, at its next commit after the models (10×: as fast as before compression, one checkpoint).
    if (compresse) await avecReglage(connection, "checkpoint_threshold", "'1TB'", construire);
    else await construire();
  } finally {
    for (const s of soeurs) s.closeSync();
  }
}

/** One reconciliation test (sql/tests/*.sql): the rows it returns break it. */
async function reconcilier(connection: DuckDBConnection, test: { file: string; sql: string }, options: Pick<RunOptions, "onProgress">): Promise<void> {
  const started = performance.now();
  await assertNoRows(connection, `réconciliation ${basename(test.file, ".sql")} (sql/tests/${test.file})`, bodyOf(test.sql), (failing) => fichiersEnCause(connection, failing));
  options.onProgress?.(`  ✓ ${`tests/${test.file}`.padEnd(38)} ${"".padStart(16)} ${String(Math.round(performance.now() - started)).padStart(6)} ms`);
}

// `npm run models`: reload the reference data (it may have changed) and re-run the models on the current database.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { closeDatabase, DEFAULT_DATABASE, openDatabase } = await import("../db/duckdb.ts");
  const { acquireRunLock } = await import("../outputs.ts");
  const { loadReference } = await import("./reference.ts");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!existsSync(DEFAULT_DATABASE)) {
    log(`Base introuvable : ${DEFAULT_DATABASE}. Lancer d'abord « npm run pipeline ».`);
    process.exit(1);
  }
  const { PIPELINE_FINGERPRINT } = await import("../outputs.ts");
  const { rmSync } = await import("node:fs");
  const release = acquireRunLock();
  try {
    // The database is rewritten in place: it no longer is what its fingerprint says (the next build recomputes all).
    rmSync(PIPELINE_FINGERPRINT, { force: true });
    const connection = await openDatabase(DEFAULT_DATABASE);
    await loadReference(connection);
    // A database built before the ledger history had no such table: an empty one dates receipts by their load.
    await connection.run((await import("../ingest/historique.ts")).HISTORIQUE_DDL);
    const started = performance.now();
    await runModels(connection, { onProgress: log });
    closeDatabase(connection);
    log(`Modèles et tests de données : OK (${((performance.now() - started) / 1000).toFixed(1).replace(".", ",")} s)`);
  } catch (error) {
    log(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    release();
  }
}
