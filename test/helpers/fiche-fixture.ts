// Runs a hand-made fixture (test/fixtures/<fiche>/) through ingest and the SQL models a fiche's marts depend on,
// with every data test of those models, so that a fiche's figures can be checked against values computed by hand.
// Only the dependency closure of the fiche's marts is run: models of other fiches (edited in parallel) cannot break
// these tests, and the full pipeline (`npm run pipeline`) still runs every model and reconciliation.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { ingestDirectory, type IngestOptions, type IngestReport } from "../../pipelines/ingest/index.ts";
import { loadReference } from "../../pipelines/models/reference.ts";
import { createMacros, dependencyOrder, readModels } from "../../pipelines/models/run.ts";

export interface FicheFixture {
  connection: DuckDBConnection;
  report: IngestReport;
  /** One published figure, undefined when absent (NaN when the key is not unique). */
  valeur: (indicateur: string, periode: string, territoire?: string, ventilation?: string, modalite?: string) => Promise<number | undefined>;
}

/** `options.dateReference`: the fixture's « today », for a fixture whose files are named after a month still to come. */
export async function runFicheFixture(fiche: string, dir: string, marts: string[], options: IngestOptions = {}): Promise<FicheFixture> {
  const connection = await openDatabase(":memory:");
  await loadReference(connection, undefined, options.dateReference);
  const report = await ingestDirectory(connection, dir, options);
  await createMacros(connection);
  const models = readModels();
  const byName = new Map(models.map((m) => [m.name, m]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const d of byName.get(name)?.dependsOn ?? []) visit(d);
  };
  for (const m of marts) visit(m);
  for (const model of dependencyOrder(models).filter((m) => needed.has(m.name))) {
    await connection.run(`CREATE OR REPLACE TABLE ${model.name} AS\n${model.sql.trim().replace(/;\s*$/, "")}`);
    for (const test of model.tests) {
      const failing = await query(connection, `SELECT * FROM (${test.sql}) LIMIT 3`);
      if (failing.length) throw new Error(`${model.name} : ${test.label} en échec : ${JSON.stringify(failing, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`);
    }
  }
  const valeur = async (indicateur: string, periode: string, territoire = "62", ventilation = "ensemble", modalite = "ensemble") => {
    const rows = await query<{ valeur: number }>(
      connection,
      `SELECT valeur FROM mart_${fiche.slice(0, 4)}_indicateurs WHERE indicateur = $1 AND periode = $2 AND territoire = $3 AND ventilation = $4 AND modalite = $5`,
      [indicateur, periode, territoire, ventilation, modalite],
    );
    return rows.length === 1 ? rows[0]!.valeur : rows.length === 0 ? undefined : Number.NaN;
  };
  return { connection, report, valeur };
}
