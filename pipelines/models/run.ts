// Runs the SQL models (sql/*.sql, one model per file, named after its table) in the order their
// references to each other imply, then each model's data tests and the reconciliation tests.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";
import { dataTestsOf, type DataTest } from "./data-tests.ts";

const SQL_DIR = resolve("sql");

export interface Model {
  name: string;
  sql: string;
  dependsOn: string[];
  tests: DataTest[];
}

/** Drops comments and string literals, so a model named in a comment or a string is not a dependency. */
function codeOnly(sql: string): string {
  return sql.replace(/--[^\n]*/g, " ").replace(/'(?:[^']|'')*'/g, "''");
}

export function readModels(dir = SQL_DIR): Model[] {
  const files = readdirSync(dir).filter((f) => /^(staging|int|mart)_\w+\.sql$/.test(f));
  const names = files.map((f) => basename(f, ".sql"));
  return files.map((f) => {
    const sql = readFileSync(join(dir, f), "utf8");
    const code = codeOnly(sql);
    const name = basename(f, ".sql");
    const dependsOn = names.filter((other) => other !== name && new RegExp(`\\b${other}\\b`).test(code));
    return { name, sql, dependsOn, tests: dataTestsOf(name, sql) };
  });
}

/** Topological order; a cycle is an error that names the models involved. */
export function dependencyOrder(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`Dépendance circulaire entre modèles : ${[...path, m.name].join(" → ")}`);
    visiting.add(m.name);
    for (const d of m.dependsOn) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    ordered.push(m);
  };
  for (const m of [...models].sort((a, b) => a.name.localeCompare(b.name))) visit(m, []);
  return ordered;
}

export class DataTestError extends Error {}

async function assertNoRows(connection: DuckDBConnection, label: string, sql: string): Promise<void> {
  const failing = await query(connection, `SELECT * FROM (${sql}) LIMIT 5`);
  if (failing.length) {
    const rows = failing.map((r) => JSON.stringify(r)).join("\n  ");
    throw new DataTestError(`Test de données en échec — ${label} :\n  ${rows}`);
  }
}

export async function runModels(connection: DuckDBConnection, options: { onProgress?: (m: string) => void; dir?: string } = {}): Promise<void> {
  const dir = options.dir ?? SQL_DIR;
  for (const model of dependencyOrder(readModels(dir))) {
    const started = performance.now();
    const body = model.sql.trim().replace(/;\s*$/, "");
    try {
      await connection.run(`CREATE OR REPLACE TABLE ${model.name} AS\n${body}`);
    } catch (error) {
      throw new Error(`Modèle ${model.name} en échec : ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const test of model.tests) await assertNoRows(connection, `${model.name} : ${test.label}`, test.sql);
    const [{ n }] = (await query(connection, `SELECT count(*) AS n FROM ${model.name}`)) as [{ n: number }];
    options.onProgress?.(`  ${model.name.padEnd(32)} ${n.toLocaleString("fr-FR").padStart(8)} lignes  ${Math.round(performance.now() - started)} ms`);
  }
  const testDir = join(dir, "tests");
  for (const file of readdirSync(testDir).filter((f) => f.endsWith(".sql")).sort()) {
    await assertNoRows(connection, `réconciliation ${basename(file, ".sql")}`, readFileSync(join(testDir, file), "utf8").trim().replace(/;\s*$/, ""));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import("../db/duckdb.ts");
  const connection = await openDatabase();
  await runModels(connection, { onProgress: (m) => process.stderr.write(`${m}\n`) });
}
