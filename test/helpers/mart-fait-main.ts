// A hand-made mart_indicateurs on the committed reference data and the hierarchies the statistical secret reads,
// for the tests of the secret.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase } from "../../pipelines/db/duckdb.ts";
import { loadReference } from "../../pipelines/models/reference.ts";
import { runNamedModels } from "../../pipelines/models/run.ts";
import { HIERARCHIE_CONVENTIONS, HIERARCHIES } from "../../pipelines/publish/secret.ts";

/** fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite */
export type LigneMart = [string, string, string, string, string, string, string, string, number, string];

/** id_convention, fiche, code_operateur, perimetre (one code), date_debut, date_fin (AAAA-MM-JJ) */
export type LigneConvention = [string, string, string, string, string, string];

/** With `conventions`, also their periods and the months → convention period hierarchy (HIERARCHIE_CONVENTIONS). */
export async function martFaitMain(lignes: LigneMart[], conventions: LigneConvention[] = []): Promise<DuckDBConnection> {
  const connection = await openDatabase(":memory:");
  await loadReference(connection);
  await connection.run(`CREATE TABLE mart_indicateurs (fiche VARCHAR, indicateur VARCHAR, periode VARCHAR, type_periode VARCHAR, territoire VARCHAR,
    niveau_territoire VARCHAR, ventilation VARCHAR, modalite VARCHAR, valeur DOUBLE, unite VARCHAR)`);
  const texte = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await connection.run(
    `INSERT INTO mart_indicateurs VALUES ${lignes.map((l) => `(${l.map((v) => (typeof v === "number" ? String(v) : texte(v))).join(", ")})`).join(", ")}`,
  );
  await runNamedModels(connection, HIERARCHIES);
  if (conventions.length) {
    await connection.run(`CREATE TABLE staging_conventions AS SELECT id_convention, fiche, code_operateur, [perimetre] AS perimetre,
      CAST(date_debut AS DATE) AS date_debut, CAST(date_fin AS DATE) AS date_fin
      FROM (VALUES ${conventions.map((c) => `(${c.map(texte).join(", ")})`).join(", ")}) AS t(id_convention, fiche, code_operateur, perimetre, date_debut, date_fin)`);
    await runNamedModels(connection, ["int_periodes_conventions", HIERARCHIE_CONVENTIONS]);
  }
  return connection;
}
