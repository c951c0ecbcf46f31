// At 100× a département year the intermediates outgrow DuckDB's memory limit as built: the runner compresses them once
// they hold more than half of it (pipelines/models/persistance.ts compresserIntermediaires), not before.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { compresserIntermediaires, INTERMEDIAIRES, preparerIntermediaires } from "../pipelines/models/persistance.ts";
import { runModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;

/** How the table's column segments are stored: 'Uncompressed' as built, a compression once checkpointed. */
async function stockage(c: DuckDBConnection, table: string): Promise<string[]> {
  const rows = await query<{ compression: string }>(c, `SELECT DISTINCT compression FROM pragma_storage_info('${INTERMEDIAIRES}.main.${table}') ORDER BY 1`);
  return rows.map((r) => r.compression);
}

beforeEach(async () => {
  connection = await openDatabase(":memory:");
  await preparerIntermediaires(connection, { compresse: true });
  // 300 000 rows of a few repeated texts (about 14 MB as built): what a facts table looks like, small.
  await connection.run(`CREATE TABLE ${INTERMEDIAIRES}.main.faits AS
    SELECT 'territoire_lda' AS niveau_territoire, 'sexe_tranche_age' AS ventilation, 'ASSO-LDA-01/P-' || (i % 5000) AS cle
    FROM range(300000) AS t(i)`);
});

afterEach(() => closeDatabase(connection));

describe("compression des intermédiaires", () => {
  it("leaves the tables as built while they hold less than half of the memory limit", async () => {
    await compresserIntermediaires(connection, 2048);
    expect(await stockage(connection, "faits")).toEqual(["Uncompressed"]);
  });

  it("compresses them past half of the limit, and they still read the same", async () => {
    const avant = await query(connection, "SELECT cle, count(*) AS n FROM faits GROUP BY cle ORDER BY cle");
    await compresserIntermediaires(connection, 4);
    expect(await stockage(connection, "faits")).not.toContain("Uncompressed");
    expect(await query(connection, "SELECT cle, count(*) AS n FROM faits GROUP BY cle ORDER BY cle")).toEqual(avant);
  });
});

describe("le lanceur de modèles et la compression", () => {
  // Two hand-made models: an intermediate of about 47 MB as built, and a mart reading it. Under a 64 MB limit the
  // intermediate holds more than half of it once built.
  const MODELES = {
    "int_grand.sql": "SELECT 'territoire_lda' AS niveau_territoire, 'ASSO-LDA-01/P-' || (i % 5000) AS cle FROM range(1000000) AS t(i)",
    "mart_petit.sql": "SELECT count(DISTINCT cle) AS n FROM int_grand",
  };

  async function lancer(simultanes: string): Promise<{ stockage: string[]; seuil: string; avant: string; n: number }> {
    const dir = mkdtempSync(join(tmpdir(), "intermediaires-compresses-"));
    const env = { simultanes: process.env.OBS_MODELES_SIMULTANES, memoire: process.env.OBS_DUCKDB_MEMOIRE };
    const c = await openDatabase(":memory:");
    try {
      for (const [nom, sql] of Object.entries(MODELES)) writeFileSync(join(dir, nom), sql);
      const [{ avant }] = (await query<{ avant: string }>(c, "SELECT current_setting('checkpoint_threshold') AS avant")) as [{ avant: string }];
      process.env.OBS_MODELES_SIMULTANES = simultanes;
      // The limit the runner compares the intermediates with (the instance itself was opened under the default).
      process.env.OBS_DUCKDB_MEMOIRE = "64";
      await runModels(c, { dir });
      const [{ seuil }] = (await query<{ seuil: string }>(c, "SELECT current_setting('checkpoint_threshold') AS seuil")) as [{ seuil: string }];
      const [{ n }] = (await query<{ n: number }>(c, "SELECT n FROM mart_petit")) as [{ n: number }];
      return { stockage: await stockage(c, "int_grand"), seuil, avant, n };
    } finally {
      for (const [cle, valeur] of [["OBS_MODELES_SIMULTANES", env.simultanes], ["OBS_DUCKDB_MEMOIRE", env.memoire]] as const) {
        if (valeur === undefined) delete process.env[cle];
        else process.env[cle] = valeur;
      }
      closeDatabase(c);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("compresses a large intermediate when it builds one model at a time, and puts DuckDB's checkpoint threshold back", async () => {
    const r = await lancer("1");
    expect(r.stockage).not.toContain("Uncompressed");
    expect(r.n).toBe(5000);
    expect(r.seuil).toBe(r.avant);
  });

  it("leaves the intermediates as built when it builds several models at once (a checkpoint would fail beside them)", async () => {
    const r = await lancer("3");
    expect(r.stockage).toEqual(["Uncompressed"]);
    expect(r.n).toBe(5000);
  });
});
