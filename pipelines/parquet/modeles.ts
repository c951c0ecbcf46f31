// The models run over the Parquet folder of exporter.ts as a cluster engine would run them: a fresh database where
// raw.<table> and ref.<table> are views over read_parquet(…) — nothing loaded — then the project's own model runner
// and statistical secret, unchanged. The views are derived from the folder alone (a table per folder, its columns
// from the Parquet footers), so the folder can be copied to another machine and run there.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, openDatabase, query } from "../db/duckdb.ts";
import { runModels, type RunOptions } from "../models/run.ts";
import { applyStatisticalSecret } from "../publish/secret.ts";
import { COLONNE_PARTITION, dossierTable, SCHEMAS_LUS, sqlTexte, type TableExportee } from "./exporter.ts";

/** One view per table folder; the partition column is the folder's name, not a column of the table, so it is left out. */
export async function creerVuesParquet(connection: DuckDBConnection, racine: string): Promise<string[]> {
  const vues: string[] = [];
  for (const schema of SCHEMAS_LUS) {
    const dossier = join(racine, schema);
    if (!existsSync(dossier)) throw new Error(`Dossier Parquet introuvable : ${dossier} ; lancer d'abord l'export (npm run parquet:verifier).`);
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const table of readdirSync(dossier, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const chemin = dossierTable(racine, schema, table);
      const partitionnee = readdirSync(chemin).some((f) => f.startsWith(`${COLONNE_PARTITION}=`));
      const fichiers = sqlTexte(join(chemin, "**", "*.parquet"));
      try {
        await connection.run(
          `CREATE VIEW ${schema}.${table} AS SELECT * ${partitionnee ? `EXCLUDE (${COLONNE_PARTITION})` : ""} FROM read_parquet(${fichiers}, hive_partitioning = ${partitionnee})`,
        );
      } catch (error) {
        throw new Error(`Vue ${schema}.${table} sur ${chemin} impossible : ${error instanceof Error ? error.message : String(error)}`);
      }
      vues.push(`${schema}.${table}`);
    }
  }
  return vues;
}

/**
 * Every exported table has its view, with the same columns in the same order and of the same types: a column typed
 * otherwise by the Parquet round trip would change the figures silently, so it stops here, named.
 */
export async function verifierColonnes(connection: DuckDBConnection, exportees: TableExportee[]): Promise<void> {
  const ecarts: string[] = [];
  for (const t of exportees) {
    const lues = await query<{ column_name: string; column_type: string }>(connection, `DESCRIBE ${t.schema}.${t.table}`).catch(() => null);
    if (!lues) {
      ecarts.push(`${t.schema}.${t.table} : pas de vue`);
      continue;
    }
    const attendu = t.colonnes.map((c) => `${c.nom} ${c.type}`).join(", ");
    const obtenu = lues.map((c) => `${c.column_name} ${c.column_type}`).join(", ");
    if (attendu !== obtenu) ecarts.push(`${t.schema}.${t.table} : en base (${attendu}), sur Parquet (${obtenu})`);
  }
  if (ecarts.length) throw new Error(`Colonnes lues sur Parquet différentes de la base :\n  ${ecarts.join("\n  ")}`);
}

/**
 * A fresh database at `base` (any previous one removed) over the Parquet folder, the models and their data tests,
 * then the secret (mart_indicateurs_publics); with `exportees`, the views' columns are checked against them first.
 * The connection is the caller's to close.
 */
export async function executerModelesSurParquet(
  racine: string,
  base: string,
  options: Pick<RunOptions, "onProgress" | "onTiming"> & { exportees?: TableExportee[] } = {},
): Promise<{ connection: DuckDBConnection; secondes: number }> {
  for (const f of [base, `${base}.wal`]) rmSync(f, { force: true });
  const connection = await openDatabase(base);
  try {
    await creerVuesParquet(connection, racine);
    if (options.exportees) await verifierColonnes(connection, options.exportees);
    const debut = performance.now();
    await runModels(connection, options);
    await applyStatisticalSecret(connection);
    return { connection, secondes: (performance.now() - debut) / 1000 };
  } catch (error) {
    closeDatabase(connection);
    throw error;
  }
}
