// Loads the committed reference data (sources/reference/*.csv) into DuckDB schema `ref`.
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";

const REFERENCE_DIR = resolve("sources/reference");
/** ref_parametres.csv becomes ref.parametres; every other file keeps its name. */
const tableName = (file: string) => basename(file, ".csv").replace(/^ref_/, "");

export async function loadReference(connection: DuckDBConnection, dir = REFERENCE_DIR): Promise<string[]> {
  await connection.run("CREATE SCHEMA IF NOT EXISTS ref");
  const tables: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()) {
    const table = tableName(file);
    // Codes (INSEE, SIREN, exercice) stay text; only columns named like amounts or counts become numbers.
    await connection.run(`
      CREATE OR REPLACE TABLE ref.${table} AS
      SELECT * ${numericColumns(table)}
      FROM read_csv('${join(dir, file)}', header = true, all_varchar = true)`);
    tables.push(table);
  }
  return tables;
}

function numericColumns(table: string): string {
  const numeric: Record<string, string[]> = {
    communes: ["population"],
    epci: ["population", "nb_communes"],
    territoires_mds: ["population", "nb_communes"],
    territoires_lda: ["population", "nb_communes"],
    amis: ["population"],
    parametres: ["valeur"],
  };
  const columns = numeric[table] ?? [];
  return columns.length ? `REPLACE (${columns.map((c) => `CAST(${c} AS DOUBLE) AS ${c}`).join(", ")})` : "";
}
