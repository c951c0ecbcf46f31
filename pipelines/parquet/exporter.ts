// The scale-out path (issue 16 point 7): the tables the models read — raw.* and ref.* — written as Parquet in the
// layout a data-lake engine (DuckDB, Trino, Spark SQL) reads: one folder per table, one Hive partition per period of
// the file that carried the rows, `<racine>/raw/<table>/periode_fichier=<période>/data_0.parquet`.
//
// Why the file's period: a raw table carries no period of its own (a record has its dates, the snapshot is its file's:
// lineage column `_fichier` → ledger raw.fichiers.periode). An operator sends one file per table and month, so a month
// arrives as a new folder and never rewrites an older one (append-only, as object storage wants), and a `_v2` of the
// month lands beside the file it supersedes, left for sql/macros/fichiers_actifs.sql to choose. The ledger's period is
// taken to its month (a day is its month's send, README « file names »); a yearly file keeps its year; a file without
// period goes to DuckDB's null partition (`__HIVE_DEFAULT_PARTITION__`, which Hive, Trino and Spark read as NULL).
// Not named `_periode`: Spark and Hadoop skip paths starting with `_` or `.` as hidden. The reference tables are a few
// hundred rows with no period: one file per table.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";

/** The schemas the models read; every model table is built from these alone. */
export const SCHEMAS_LUS = ["raw", "ref"] as const;
export const COLONNE_PARTITION = "periode_fichier";
/** What DuckDB (and Hive) name the partition of a NULL value. */
export const PARTITION_NULLE = "__HIVE_DEFAULT_PARTITION__";

export interface Colonne {
  nom: string;
  type: string;
}

export interface TableExportee {
  schema: (typeof SCHEMAS_LUS)[number];
  table: string;
  colonnes: Colonne[];
  lignes: number;
  /** The partition values written, NULL as PARTITION_NULLE; empty for an unpartitioned table. */
  partitions: string[];
}

export const sqlTexte = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const dossierTable = (racine: string, schema: string, table: string) => join(racine, schema, table);

/**
 * The period of each row's file: the ledger tables have it themselves; a record table or a table of rejects reaches
 * it through the file's sha256. null: the table has no file, it is written whole.
 */
function periodeDuFichier(schema: string, colonnes: string[]): { jointure: string; expression: string } | null {
  if (schema !== "raw") return null;
  if (colonnes.includes("periode") && colonnes.includes("fichier")) return { jointure: "", expression: "left(t.periode, 7)" };
  const cle = colonnes.includes("_fichier") ? "_fichier" : colonnes.includes("fichier") ? "fichier" : null;
  if (!cle) return null;
  return { jointure: `LEFT JOIN raw.fichiers AS f ON f.fichier = t.${cle}`, expression: "left(f.periode, 7)" };
}

/** Writes every table of raw.* and ref.* of `source` under `racine` (its raw/ and ref/ folders replaced whole). */
export async function exporterParquet(source: DuckDBConnection, racine: string): Promise<TableExportee[]> {
  const tables = await query<{ schema: TableExportee["schema"]; table: string }>(
    source,
    `SELECT schema_name AS schema, table_name AS "table" FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name IN (${SCHEMAS_LUS.map(sqlTexte).join(", ")}) ORDER BY ALL`,
  );
  if (!tables.some((t) => t.schema === "raw")) throw new Error("Export Parquet : la base n'a aucune table raw.* ; lancer d'abord « npm run pipeline ».");
  for (const schema of SCHEMAS_LUS) rmSync(join(racine, schema), { recursive: true, force: true });
  const exportees: TableExportee[] = [];
  for (const { schema, table } of tables) {
    const colonnes = (
      await query<{ nom: string; type: string }>(
        source,
        `SELECT column_name AS nom, data_type AS type FROM duckdb_columns()
         WHERE database_name = current_database() AND schema_name = ${sqlTexte(schema)} AND table_name = ${sqlTexte(table)} ORDER BY column_index`,
      )
    ).map((c) => ({ nom: c.nom, type: c.type }));
    const noms = colonnes.map((c) => c.nom);
    if (noms.includes(COLONNE_PARTITION)) throw new Error(`Export Parquet : ${schema}.${table} a déjà une colonne ${COLONNE_PARTITION}, le nom de la partition ; renommer l'une des deux.`);
    const dossier = dossierTable(racine, schema, table);
    const partition = periodeDuFichier(schema, noms);
    const [{ lignes }] = (await query<{ lignes: number }>(source, `SELECT count(*) AS lignes FROM ${schema}.${table}`)) as [{ lignes: number }];
    let partitions: string[] = [];
    try {
      if (!partition) {
        mkdirSync(dossier, { recursive: true });
        await source.run(`COPY ${schema}.${table} TO ${sqlTexte(join(dossier, "data_0.parquet"))} (FORMAT parquet)`);
      } else if (lignes === 0) {
        // An engine knows an empty table from its catalogue; here the Parquet footer is the catalogue, so an empty table
        // keeps one file of its columns, in the null partition (DuckDB's COPY … PARTITION_BY writes nothing for no row).
        const vide = join(dossier, `${COLONNE_PARTITION}=${PARTITION_NULLE}`);
        mkdirSync(vide, { recursive: true });
        await source.run(`COPY ${schema}.${table} TO ${sqlTexte(join(vide, "data_0.parquet"))} (FORMAT parquet)`);
        partitions = [PARTITION_NULLE];
      } else {
        mkdirSync(dossier, { recursive: true });
        const lignesPartitionnees = `SELECT t.*, ${partition.expression} AS ${COLONNE_PARTITION} FROM ${schema}.${table} AS t ${partition.jointure}`;
        await source.run(`COPY (${lignesPartitionnees}) TO ${sqlTexte(dossier)} (FORMAT parquet, PARTITION_BY (${COLONNE_PARTITION}))`);
        partitions = (
          await query<{ p: string }>(source, `SELECT DISTINCT coalesce(${COLONNE_PARTITION}, '${PARTITION_NULLE}') AS p FROM (${lignesPartitionnees}) ORDER BY p`)
        ).map((r) => r.p);
      }
    } catch (error) {
      throw new Error(`Export Parquet de ${schema}.${table} vers ${dossier} en échec : ${error instanceof Error ? error.message : String(error)}`);
    }
    exportees.push({ schema, table, colonnes, lignes, partitions });
  }
  return exportees;
}
