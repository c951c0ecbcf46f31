// The site reads the database the pipeline built, read-only, and only its published tables.
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase as fermer, DEFAULT_DATABASE, openDatabase, query } from "../db/duckdb.ts";

/**
 * In the loaders' server (chargeurs.ts) every loader of one build reads the same file, read-only: they share one
 * connection, opened by the first of them and closed when the server stops, instead of each paying the open.
 */
let partage = false;
let basePartagee: Promise<DuckDBConnection> | null = null;
let connexionPartagee: DuckDBConnection | null = null;

export function partagerBase(): void {
  partage = true;
}

export function fermerBasePartagee(): void {
  if (connexionPartagee) fermer(connexionPartagee);
  connexionPartagee = null;
  basePartagee = null;
  partage = false;
}

export async function openSiteDatabase(path = DEFAULT_DATABASE): Promise<DuckDBConnection> {
  if (!existsSync(path)) {
    throw new Error(`Base introuvable : ${path}. Lancez d'abord le pipeline (npm run build), ou indiquez une base avec OBS_DATABASE.`);
  }
  if (!partage || path !== DEFAULT_DATABASE) return openDatabase(path, { readOnly: true });
  basePartagee ??= openDatabase(path, { readOnly: true }).then(
    (connexion) => (connexionPartagee = connexion),
    (error: unknown) => {
      // The loader that asked gets the failure; the next one tries again.
      basePartagee = null;
      throw error;
    },
  );
  return basePartagee;
}

/** Loaders close what they opened through this module: the shared connection stays open for the next loader. */
export function closeDatabase(connection: DuckDBConnection): void {
  if (connection !== connexionPartagee) fermer(connection);
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
