// Loads the committed reference data (sources/reference/*.csv) into DuckDB schema `ref`, one table per file.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { catalogueErrors } from "../contracts/catalogue.ts";
import { query } from "../db/duckdb.ts";

export const REFERENCE_DIR = resolve("sources/reference");

/** ref_parametres.csv becomes ref.parametres (the schema already says "ref"); every other file keeps its name. */
export const referenceTableName = (file: string) => basename(file, ".csv").replace(/^ref_/, "");

/**
 * Columns read as numbers, wherever a file has them. Everything else stays text: codes (INSEE, SIREN, exercice,
 * AMI) must keep their leading zeros and never be summed.
 */
const NUMERIC_COLUMNS: Record<string, string> = {
  population: "BIGINT",
  nb_communes: "INTEGER",
  valeur: "DOUBLE",
  taux_avance: "DOUBLE",
  ligne: "INTEGER",
};

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function loadReference(connection: DuckDBConnection, dir = REFERENCE_DIR): Promise<string[]> {
  await connection.run("CREATE SCHEMA IF NOT EXISTS ref");
  const tables: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()) {
    const table = referenceTableName(file);
    if (file === "indicateurs.csv") {
      const errors = catalogueErrors(readFileSync(join(dir, file), "utf8"), join(dir, file));
      if (errors.length) throw new Error(`Catalogue des indicateurs invalide :\n  ${errors.join("\n  ")}`);
    }
    const source = `read_csv(${sqlString(join(dir, file))}, header = true, all_varchar = true, delim = ',', quote = '"')`;
    const columns = (await query<{ column_name: string }>(connection, `DESCRIBE SELECT * FROM ${source}`)).map((c) => c.column_name);
    const casts = columns
      .filter((c) => c in NUMERIC_COLUMNS)
      // TRY_CAST would hide a typo in a committed file; a failing CAST names the file below.
      .map((c) => `CAST(nullif(trim(${c}), '') AS ${NUMERIC_COLUMNS[c]}) AS ${c}`);
    try {
      await connection.run(`CREATE OR REPLACE TABLE ref.${table} AS SELECT * ${casts.length ? `REPLACE (${casts.join(", ")})` : ""} FROM ${source}`);
    } catch (error) {
      throw new Error(`Référentiel ${file} illisible : ${error instanceof Error ? error.message : String(error)}`);
    }
    tables.push(table);
  }
  return tables;
}
