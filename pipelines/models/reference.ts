// Loads the committed reference data (sources/reference/*.csv) into DuckDB schema `ref`, one table per file, and
// ref.niveaux_publies (fiche, niveau_territoire): the levels each fiche publishes, as its indicator mart states them,
// and ref.territoires_declarables (territoire, niveau, rang): the codes a declared bilan may name (niveaux-publies.ts).
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { lireCatalogue } from "../contracts/catalogue.ts";
import { verifierRegles } from "../contracts/regles.ts";
import { verifierUnites } from "../contracts/unites.ts";
import { writeDateReference } from "../date-reference.ts";
import { query } from "../db/duckdb.ts";
import { niveauxPublies, TERRITOIRES_DECLARABLES_SQL } from "./niveaux-publies.ts";

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
  chiffre_cle: "INTEGER",
};

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `dateReference`: the run's reference date, written to ref.date_reference (pipelines/date-reference.ts). */
export async function loadReference(connection: DuckDBConnection, dir = REFERENCE_DIR, dateReference?: string): Promise<string[]> {
  await connection.run("CREATE SCHEMA IF NOT EXISTS ref");
  await writeDateReference(connection, dateReference);
  const tables: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()) {
    const table = referenceTableName(file);
    // The catalogue's own rules (short labels, key figures, aggregation and additivity) are checked before the
    // secret and the site can publish from it.
    if (file === "indicateurs.csv") lireCatalogue(join(dir, file));
    // So are the rule catalogue's (codes, severities, the model each checked rule names), which the alerts join.
    if (file === "regles.csv") verifierRegles(join(dir, file));
    // And the units' (secret rule, rate per inhabitant, share): every unit of the catalogue has its row (the catalogue
    // read here, not kept from its turn in the loop, so the check never depends on the files' order).
    if (file === "unites.csv") verifierUnites(join(dir, file), lireCatalogue(join(dir, "indicateurs.csv")).map((e) => e.unite));
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
  const niveaux = [...niveauxPublies()].flatMap(([fiche, liste]) => liste.map((n) => `(${sqlString(fiche)}, ${sqlString(n)})`));
  await connection.run(`CREATE OR REPLACE TABLE ref.niveaux_publies AS SELECT * FROM (VALUES ${niveaux.join(", ")}) AS t(fiche, niveau_territoire)`);
  tables.push("niveaux_publies");
  if (tables.includes("territoires_mds") && tables.includes("territoires_lda")) {
    await connection.run(`CREATE OR REPLACE TABLE ref.territoires_declarables AS ${TERRITOIRES_DECLARABLES_SQL}`);
    tables.push("territoires_declarables");
  }
  return tables;
}
