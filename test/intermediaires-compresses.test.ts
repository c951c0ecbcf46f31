// At 100× a département year the intermediates outgrow DuckDB's memory limit as built: the runner compresses them once
// they hold more than half of it (pipelines/models/persistance.ts compresserIntermediaires), not before.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { compresserIntermediaires, INTERMEDIAIRES, preparerIntermediaires } from "../pipelines/models/persistance.ts";

let connection: DuckDBConnection;

/** How the table's column segments are stored: 'Uncompressed' as built, a compression once checkpointed. */
async function stockage(table: string): Promise<string[]> {
  const rows = await query<{ compression: string }>(connection, `SELECT DISTINCT compression FROM pragma_storage_info('${INTERMEDIAIRES}.main.${table}') ORDER BY 1`);
  return rows.map((r) => r.compression);
}

beforeEach(async () => {
  connection = await openDatabase(":memory:");
  await preparerIntermediaires(connection, { compresse: true });
  // 300 000 rows of a few repeated texts (about 10 MB as built): what a facts table looks like, small.
  await connection.run(`CREATE TABLE ${INTERMEDIAIRES}.main.faits AS
    SELECT 'territoire_lda' AS niveau_territoire, 'sexe_tranche_age' AS ventilation, 'ASSO-LDA-01/P-' || (i % 5000) AS cle
    FROM range(300000) AS t(i)`);
});

afterEach(() => closeDatabase(connection));

describe("compression des intermédiaires", () => {
  it("leaves the tables as built while they hold less than half of the memory limit", async () => {
    await compresserIntermediaires(connection, 2048);
    expect(await stockage("faits")).toEqual(["Uncompressed"]);
  });

  it("compresses them past half of the limit, and they still read the same", async () => {
    const avant = await query(connection, "SELECT cle, count(*) AS n FROM faits GROUP BY cle ORDER BY cle");
    await compresserIntermediaires(connection, 4);
    expect(await stockage("faits")).not.toContain("Uncompressed");
    expect(await query(connection, "SELECT cle, count(*) AS n FROM faits GROUP BY cle ORDER BY cle")).toEqual(avant);
  });
});
