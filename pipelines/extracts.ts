// Downloadable extracts of the published tables (CSV and Parquet) and the data dictionary
// (a Table Schema per report table), all written by DuckDB or derived from the contracts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REPORTS } from "./contracts/index.ts";
import { tableSchema } from "./contracts/table-schema.ts";

// Published figures go out under statistical secret only (pipelines/publish/secret.ts).
const PUBLISHED = { mart_indicateurs_publics: "indicateurs" } as const;

export async function writeExtracts(connection: DuckDBConnection, dir: string): Promise<void> {
  mkdirSync(join(dir, "dictionnaire"), { recursive: true });
  for (const [table, name] of Object.entries(PUBLISHED)) {
    const order = "ORDER BY ALL";
    await connection.run(`COPY (FROM ${table} ${order}) TO '${join(dir, `${name}.csv`)}' (HEADER, DELIMITER ',')`);
    await connection.run(`COPY (FROM ${table} ${order}) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
  }
  for (const report of REPORTS) {
    writeFileSync(join(dir, "dictionnaire", `${report.table}.schema.json`), `${JSON.stringify(tableSchema(report), null, 2)}\n`);
  }
}
