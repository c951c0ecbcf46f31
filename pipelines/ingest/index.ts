// Ingests every operator file of a directory, in name order, one transaction per file.
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REPORTS } from "../contracts/index.ts";
import { LEDGER_DDL, rawTableDDL } from "../db/ddl.ts";
import { dateReference } from "../date-reference.ts";
import { requirePseudonymKey } from "./cle-requise.ts";
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

/**
 * Stops before loading anything when the reference date is invalid or files with personal columns meet no key.
 * A file loaded then superseded by a later version of the same run is reported « remplace », as the ledger says.
 */
export async function ingestDirectory(connection: DuckDBConnection, dir: string, options: IngestOptions = {}): Promise<IngestReport> {
  const files = operatorFiles(dir);
  const settled: IngestOptions = {
    ...options,
    dateReference: options.dateReference ?? dateReference(),
    pseudonymKey: await requirePseudonymKey(files, options.pseudonymKey),
  };
  await prepareRawSchema(connection);
  const fichiers: FileReport[] = [];
  for (const [i, path] of files.entries()) {
    options.onProgress?.(`[${i + 1}/${files.length}] ${basename(path)}`);
    fichiers.push(await ingestFile(connection, path, settled));
  }
  const replaced = new Set(fichiers.flatMap((f) => f.remplace));
  for (const f of fichiers) if (f.statut === "charge" && replaced.has(f.fichier)) f.statut = "remplace";
  return { repertoire: dir, fichiers };
}
