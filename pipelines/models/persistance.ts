// Which models' tables are written to the database file. Every mart is — the site, the extracts, the feedback
// workbooks and the tests read marts from the installed database — but those mart_indicateurs holds whole (below). A
// staging_ or int_ model is a step between raw
// rows and a mart: the run itself reads it (later models, the secret, the extracts), so it is built in an in-memory
// database attached to the run (INTERMEDIAIRES), kept in memory (spilled to the temporary folder past the memory
// limit) and never written to the file nor checkpointed — writing ~100 intermediate tables cost about a quarter of the
// models' time (issue 16). Not TEMP tables: those belong to one connection, and the runner builds independent models
// on several connections at once (run.ts). The few intermediates read from the installed database after the run are
// listed here with their readers; test/persistance-modeles.test.ts finds every such reader's table names and fails on
// one missing here.
import type { DuckDBConnection } from "@duckdb/node-api";
import { attacherMemoire, query } from "../db/duckdb.ts";

/** The in-memory database of the run's intermediates, attached to the instance (every connection of it sees it). */
export const INTERMEDIAIRES = "intermediaires";

/**
 * Attaches the intermediates' database (once per instance) and lets the connection read its tables by their bare
 * name, after the file's own (a schema-qualified name, raw.x or ref.x, still means the file's schema).
 */
export async function preparerIntermediaires(connection: DuckDBConnection, options: { compresse?: boolean } = {}): Promise<void> {
  await attacherMemoire(connection, INTERMEDIAIRES, options);
  await connection.run(`SET SESSION search_path = 'main,${INTERMEDIAIRES}.main'`);
}

/**
 * Compresses the intermediates built since the last checkpoint (and frees those dropped), as a file's checkpoint does,
 * in a database attached by preparerIntermediaires with `compresse` — once the in-memory tables hold more than half
 * of DuckDB's memory limit (`limiteMo`), not after every model: at 10× a département year, where they nearly fit,
 * that cost 8 % of the models' time (now one checkpoint, the same time as before). At 100× the facts tables held
 * 3,4 GB as built, past the 2 GB limit, so that every later scan read them back from the spill files; compressed they
 * hold 140 MB (int_lda_faits: 18 M rows) and the pipeline's models took 98 s instead of 129 s, compression included
 * (4 s for int_f2_1_faits' 12 M rows), peak 2,9 GB. A checkpoint fails while another statement writes: the runner
 * calls this when it builds one model at a time (run.ts).
 */
export async function compresserIntermediaires(connection: DuckDBConnection, limiteMo: number): Promise<void> {
  const [{ mo }] = (await query<{ mo: number }>(
    connection,
    "SELECT coalesce(sum(memory_usage_bytes + temporary_storage_bytes), 0) / 1048576 AS mo FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'",
  )) as [{ mo: number }];
  if (mo > limiteMo / 2) await connection.run(`CHECKPOINT ${INTERMEDIAIRES}`);
}

/** Where a model's table is: the file's main schema, or the intermediates' database. */
export function tableDuModele(modele: string): string {
  return estPersiste(modele) ? `main.${modele}` : `${INTERMEDIAIRES}.main.${modele}`;
}

/** Intermediate models read from the installed database after the run, and by whom. */
export const INTERMEDIAIRES_LUS_APRES: Readonly<Record<string, string>> = {
  int_indicateurs_additifs: "pipelines/site/cumuls.ts, pipelines/site/lda.ts, test/e2e/stub-db.ts",
  int_periodes_appartenances: "test/helpers/differencing.ts (attaque par différences sur la base de démonstration)",
  int_periodes_appartenances_conventions: "test/helpers/differencing.ts",
  int_territoires_appartenances: "test/helpers/differencing.ts",
  staging_conventions: "pipelines/retours/donnees.ts, test/regles.test.ts",
  staging_info_permanences: "pipelines/site/libelles.ts",
};

/**
 * The marts whose every row mart_indicateurs holds (origine « calcule »): each fiche's indicator mart and their union,
 * mart_indicateurs_calcules. Written to the file once, as mart_indicateurs, not three times (writing its 154 000 rows
 * costs about a quarter of a second at 1×, issue 16); a fiche's figures are read there, WHERE fiche = ….
 * test/persistance-modeles.test.ts holds that this names exactly the union and what it reads.
 */
export const MARTS_REPRIS_DANS_MART_INDICATEURS = /^mart_(\w+_indicateurs|indicateurs_calcules)$/;

/** True when the model's table goes to the database file; false for a table of the run's in-memory database. */
export function estPersiste(modele: string): boolean {
  if (/^(staging|int)_/.test(modele)) return Object.hasOwn(INTERMEDIAIRES_LUS_APRES, modele);
  return !MARTS_REPRIS_DANS_MART_INDICATEURS.test(modele);
}
