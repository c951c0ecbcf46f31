// A hand-made mart_indicateurs on the committed reference data and the hierarchies the statistical secret reads,
// for the tests of the secret.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase } from "../../pipelines/db/duckdb.ts";
import { loadReference } from "../../pipelines/models/reference.ts";
import { runNamedModels } from "../../pipelines/models/run.ts";
import { HIERARCHIES } from "../../pipelines/publish/secret.ts";

/** fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite */
export type LigneMart = [string, string, string, string, string, string, string, string, number, string];

export async function martFaitMain(lignes: LigneMart[]): Promise<DuckDBConnection> {
  const connection = await openDatabase(":memory:");
  await loadReference(connection);
  await connection.run(`CREATE TABLE mart_indicateurs (fiche VARCHAR, indicateur VARCHAR, periode VARCHAR, type_periode VARCHAR, territoire VARCHAR,
    niveau_territoire VARCHAR, ventilation VARCHAR, modalite VARCHAR, valeur DOUBLE, unite VARCHAR)`);
  const texte = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await connection.run(
    `INSERT INTO mart_indicateurs VALUES ${lignes.map((l) => `(${l.map((v) => (typeof v === "number" ? String(v) : texte(v))).join(", ")})`).join(", ")}`,
  );
  await runNamedModels(connection, HIERARCHIES);
  return connection;
}
