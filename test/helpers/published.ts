// One figure of mart_indicateurs, as the fixture tests check it against a value computed by hand.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../../pipelines/db/duckdb.ts";

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
