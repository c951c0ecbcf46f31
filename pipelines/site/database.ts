// The site reads the database the pipeline built, read-only, and only its published tables.
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEFAULT_DATABASE, openDatabase, query } from "../db/duckdb.ts";

// Loaders open and close the database through this module: closing frees the file for the next loader.
export { closeDatabase } from "../db/duckdb.ts";

export async function openSiteDatabase(path = DEFAULT_DATABASE): Promise<DuckDBConnection> {
  if (!existsSync(path)) {
    throw new Error(`Base introuvable : ${path}. Lancez d'abord le pipeline (npm run build), ou indiquez une base avec OBS_DATABASE.`);
  }
  return openDatabase(path, { readOnly: true });
}

export interface Execution {
  donneesFictives: boolean;
  /** ISO 8601 instant. */
  genereLe: string | null;
  dateArrete: string | null;
}

export async function readExecution(connection: DuckDBConnection): Promise<Execution> {
  const [row] = await query<{ donnees_fictives: boolean | null; genere_le: number | null; date_arrete: string | null }>(
    connection,
    "SELECT donnees_fictives, epoch_ms(genere_le) AS genere_le, CAST(date_arrete AS VARCHAR) AS date_arrete FROM main.execution LIMIT 1",
  );
  // No row means we cannot tell real from demonstration data: say it is demonstration data rather than pass it off as real.
  if (!row) return { donneesFictives: true, genereLe: null, dateArrete: null };
  const genereLe = row.genere_le === null ? null : new Date(row.genere_le).toISOString();
  return { donneesFictives: row.donnees_fictives !== false, genereLe, dateArrete: row.date_arrete };
}
