// Ingests every operator file of a directory, in name order, one transaction per file.
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REPORTS } from "../contracts/index.ts";
import { LEDGER_DDL, rawTableDDL } from "../db/ddl.ts";
import { HISTORIQUE_DDL } from "./historique.ts";
import { compareFileNames } from "./identify.ts";
import { ingestFile, type FileReport, type IngestOptions } from "./ingest-file.ts";

export { ingestFile, type FileReport, type IngestOptions };

export interface IngestReport {
  repertoire: string;
  fichiers: FileReport[];
}

export async function prepareRawSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run(LEDGER_DDL);
  await connection.run(HISTORIQUE_DDL);
  for (const report of REPORTS) await connection.run(rawTableDDL(report));
}

/** CSV and XLSX files of the directory, Excel's lock files (~$…) aside. */
export function operatorFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => [".csv", ".xlsx"].includes(extname(f).toLowerCase()) && !f.startsWith("~$"))
    .sort(compareFileNames)
    .map((f) => join(dir, f));
}

export async function ingestDirectory(connection: DuckDBConnection, dir: string, options: IngestOptions = {}): Promise<IngestReport> {
  await prepareRawSchema(connection);
  const files = operatorFiles(dir);
  const fichiers: FileReport[] = [];
  for (const [i, path] of files.entries()) {
    options.onProgress?.(`[${i + 1}/${files.length}] ${basename(path)}`);
    fichiers.push(await ingestFile(connection, path, options));
  }
  return { repertoire: dir, fichiers };
}
