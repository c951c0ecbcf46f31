// `npm run parquet:verifier`: the README's scale-out claim, checked on the current database. Its raw.* and ref.*
// tables are exported as partitioned Parquet (build/parquet/), the models and the secret run again in a fresh database
// reading only that folder, and every mart must equal the one in the database, row for row (exit code 1 otherwise).
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, query } from "../db/duckdb.ts";
import { comparerMarts, identiques, type EcartMart } from "./comparer.ts";
import { exporterParquet, sqlTexte, type TableExportee } from "./exporter.ts";
import { executerModelesSurParquet } from "./modeles.ts";

export const BASE_SUR_PARQUET = "modeles-sur-parquet.duckdb";
const CATALOGUE_PARQUET = "sur_parquet";

export interface VerdictParquet {
  tables: TableExportee[];
  secondes_export: number;
  /** Models, data tests and secret over the Parquet folder. */
  secondes_modeles: number;
  ecarts: EcartMart[];
  identiques: boolean;
}

/** The marts of the database of `source` against those of the run over Parquet (its file attached, then detached). */
export async function comparerAvecSurParquet(source: DuckDBConnection, baseSurParquet: string): Promise<EcartMart[]> {
  const [{ base }] = (await query<{ base: string }>(source, "SELECT current_database() AS base")) as [{ base: string }];
  await source.run(`ATTACH ${sqlTexte(baseSurParquet)} AS ${CATALOGUE_PARQUET} (READ_ONLY)`);
  try {
    return await comparerMarts(source, base, CATALOGUE_PARQUET);
  } finally {
    await source.run(`DETACH ${CATALOGUE_PARQUET}`);
  }
}

/**
 * Export, run over Parquet, compare. `source` must hold the marts of its own run (the pipeline's, or runModels and
 * the secret); `racine` receives raw/, ref/ and the database of the run over Parquet.
 */
export async function verifierSurParquet(source: DuckDBConnection, racine: string, onProgress?: (ligne: string) => void): Promise<VerdictParquet> {
  let debut = performance.now();
  const tables = await exporterParquet(source, racine);
  const secondes_export = (performance.now() - debut) / 1000;
  const base = join(racine, BASE_SUR_PARQUET);
  debut = performance.now();
  const { connection, secondes } = await executerModelesSurParquet(racine, base, { exportees: tables, onProgress });
  closeDatabase(connection);
  const ecarts = await comparerAvecSurParquet(source, base);
  return { tables, secondes_export, secondes_modeles: secondes, ecarts, identiques: identiques(ecarts) };
}

const fr = (x: number, chiffres = 1) => x.toLocaleString("fr-FR", { maximumFractionDigits: chiffres, minimumFractionDigits: chiffres });

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { existsSync } = await import("node:fs");
  const { DEFAULT_DATABASE, openDatabase } = await import("../db/duckdb.ts");
  const { acquireRunLock, BUILD } = await import("../outputs.ts");
  const log = (ligne: string) => process.stderr.write(`${ligne}\n`);
  const racine = resolve(process.env.OBS_PARQUET ?? join(BUILD, "parquet"));
  if (!existsSync(DEFAULT_DATABASE)) {
    log(`Base introuvable : ${DEFAULT_DATABASE}. Lancer d'abord « npm run pipeline ».`);
    process.exit(1);
  }
  // The lock keeps a pipeline run from replacing the database while it is read.
  const release = acquireRunLock();
  try {
    const source = await openDatabase(DEFAULT_DATABASE, { readOnly: true });
    try {
      log(`Export de ${DEFAULT_DATABASE} (raw.*, ref.*) en Parquet partitionné dans ${racine}, puis modèles et secret sur ce dossier…`);
      const v = await verifierSurParquet(source, racine);
      const fichiers = v.tables.reduce((n, t) => n + Math.max(1, t.partitions.length), 0);
      const lignes = v.tables.reduce((n, t) => n + t.lignes, 0);
      log(`  ${v.tables.length} tables, ${lignes.toLocaleString("fr-FR")} lignes, ${fichiers} fichiers Parquet (${fr(v.secondes_export)} s)`);
      log(`  modèles, tests de données et secret sur Parquet : ${fr(v.secondes_modeles)} s`);
      for (const e of v.ecarts) {
        const ok = e.seulement_gauche === 0 && e.seulement_droite === 0;
        log(`  ${ok ? "✓" : "✗"} ${e.mart.padEnd(36)} ${String(e.lignes_gauche ?? "absente").padStart(8)} lignes en base${ok ? "" : ` ; ${e.seulement_gauche} seulement en base, ${e.seulement_droite} seulement sur Parquet (${e.lignes_droite ?? "absente"} lignes)`}`);
      }
      if (v.identiques) log(`Marts identiques en base et sur Parquet (${v.ecarts.length} tables, EXCEPT ALL dans les deux sens : 0 ligne).`);
      else {
        log(`Échec : des marts diffèrent entre la base et le calcul sur Parquet (ci-dessus) ; la base sur Parquet est gardée pour examen : ${join(racine, BASE_SUR_PARQUET)}`);
        process.exitCode = 1;
      }
    } finally {
      closeDatabase(source);
    }
  } catch (error) {
    log(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    release();
  }
}
