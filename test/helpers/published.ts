// A hand-made fixture through the whole pipeline, and one figure of mart_indicateurs, as the fixture tests check it
// against a value computed by hand.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { ingestDirectory, type IngestOptions } from "../../pipelines/ingest/index.ts";
import { loadReference } from "../../pipelines/models/reference.ts";
import { runModels } from "../../pipelines/models/run.ts";

/** Reference data, every file of `dir` (each must load whole: a fixture row in quarantine is a fixture bug), every model. */
export async function loadFixture(dir: string, options: IngestOptions = {}): Promise<DuckDBConnection> {
  const connection = await openDatabase(":memory:");
  await loadReference(connection, undefined, options.dateReference);
  const report = await ingestDirectory(connection, dir, options);
  const partial = report.fichiers.filter((f) => f.statut !== "charge" || f.rejetees > 0);
  if (partial.length) throw new Error(`${dir} : fichiers non chargés en entier : ${partial.map((f) => `${f.nom} (${f.statut}, ${f.rejetees} rejetées)`).join(", ")}`);
  await runModels(connection);
  return connection;
}

/** undefined when the row is absent, NaN when the key is not unique. */
export function publishedValue(connection: () => DuckDBConnection, fiche: string) {
  return async (indicateur: string, periode: string, territoire = "62", ventilation = "ensemble", modalite = "ensemble") => {
    const rows = await query<{ valeur: number }>(
      connection(),
      "SELECT valeur FROM mart_indicateurs WHERE fiche = $1 AND indicateur = $2 AND periode = $3 AND territoire = $4 AND ventilation = $5 AND modalite = $6",
      [fiche, indicateur, periode, territoire, ventilation, modalite],
    );
    return rows.length === 1 ? rows[0]!.valeur : rows.length === 0 ? undefined : Number.NaN;
  };
}
