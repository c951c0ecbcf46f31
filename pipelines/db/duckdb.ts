// One place that opens the DuckDB file, so every step (ingest, models, site loaders) agrees on it.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { dossierTemporaire, memoireMo } from "./ressources.ts";

export const DEFAULT_DATABASE = resolve(process.env.OBS_DATABASE ?? "build/observatoire.duckdb");

// Closing a connection leaves its instance, and so the file lock, alive until garbage collection: a data loader
// opening the database right after the pipeline then met « Conflicting lock is held ». closeDatabase closes both.
const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

export async function openDatabase(path = DEFAULT_DATABASE, options: { readOnly?: boolean } = {}): Promise<DuckDBConnection> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // Two threads: the machines this runs on have two cores. Memory bounded, spilling to disk (ressources.ts).
  const instance = await DuckDBInstance.create(path, {
    threads: "2",
    memory_limit: `${memoireMo()}MiB`,
    temp_directory: dossierTemporaire(path, options.readOnly),
    ...(options.readOnly ? { access_mode: "READ_ONLY" } : {}),
  });
  const connection = await instance.connect();
  instances.set(connection, instance);
  return connection;
}

/** Closes a connection from openDatabase and its instance: the database file is free for another process on return. */
export function closeDatabase(connection: DuckDBConnection): void {
  const instance = instances.get(connection);
  if (!instance) throw new Error("closeDatabase : cette connexion n'a pas été ouverte par openDatabase");
  connection.closeSync();
  instance.closeSync();
  instances.delete(connection);
}

/**
 * More connections to the instance of a connection from openDatabase, for statements run at the same time (they share
 * its threads and memory limit). None for a connection opened otherwise: the caller then runs on its one connection.
 * Each has a TEMP schema of its own: tables they share go in an in-memory database attached to the instance
 * (attacherMemoire). The caller closes them (closeSync) before closeDatabase.
 */
export async function connexionsSoeurs(connection: DuckDBConnection, n: number): Promise<DuckDBConnection[]> {
  const instance = instances.get(connection);
  if (!instance) return [];
  return Promise.all(Array.from({ length: n }, () => instance.connect()));
}

/**
 * Attaches an in-memory database named `nom` to the instance of `connection`, once: every connection of the instance
 * sees its tables (TEMP tables are private to one connection), and they spill to the temporary folder past the
 * memory limit instead of being written to the file. `compresse`: its tables are compressed as a file's are, but only
 * when it is checkpointed (`CHECKPOINT nom`; DuckDB ≥ 1.4), and otherwise held as built.
 */
export async function attacherMemoire(connection: DuckDBConnection, nom: string, options: { compresse?: boolean } = {}): Promise<void> {
  await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${nom}${options.compresse ? " (COMPRESS)" : ""}`);
}

/**
 * Runs `travail` with a DuckDB setting changed, then puts back the value it had, even when `travail` fails. Settings
 * such as threads or preserve_insertion_order belong to the database, not to one statement.
 */
export async function avecReglage<T>(connection: DuckDBConnection, reglage: string, valeur: string | number | boolean, travail: () => Promise<T>): Promise<T> {
  const [{ avant }] = (await query<{ avant: string }>(connection, `SELECT CAST(current_setting('${reglage}') AS VARCHAR) AS avant`)) as [{ avant: string }];
  await connection.run(`SET ${reglage} = ${valeur}`);
  try {
    return await travail();
  } finally {
    await connection.run(`SET ${reglage} = '${avant.replace(/'/g, "''")}'`);
  }
}

/** Rows as plain JS objects (BIGINT counts become numbers: our counts stay far below 2^53). */
export async function query<T = Record<string, unknown>>(connection: DuckDBConnection, sql: string, params?: unknown[]): Promise<T[]> {
  let reader;
  if (params?.length) {
    // The binder infers no type for a bare null or a JS Date: nulls are bound explicitly, dates as ISO text.
    const prepared = await connection.prepare(sql);
    params.forEach((p, i) => {
      if (p === null || p === undefined) prepared.bindNull(i + 1);
      else prepared.bindValue(i + 1, (p instanceof Date ? p.toISOString() : p) as DuckDBValue);
    });
    reader = await prepared.runAndReadAll();
  } else {
    reader = await connection.runAndReadAll(sql);
  }
  return reader.getRowObjectsJS().map((row) => {
    for (const [k, v] of Object.entries(row)) if (typeof v === "bigint") (row as Record<string, unknown>)[k] = Number(v);
    return row as T;
  });
}
