// The derived data test of every facts model: each indicator is aggregated as the catalogue's `agregation` says
// (pipelines/models/data-tests.ts agregationCatalogueTest). Hand-made facts models in a temporary sql/ folder, run by
// the model runner against the committed catalogue (f2_1_information i03 and i08, f2_4_adsl i01: « distinct »).
import type { DuckDBConnection } from "@duckdb/node-api";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { readModels, runModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection);
});
afterAll(() => connection && closeDatabase(connection));
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function modeles(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "faits-agregation-"));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe("facts models aggregate as the catalogue says", () => {
  it("is derived for every int_<fiche>_faits model, declared by none", () => {
    const tests = readModels().filter((m) => /^int_.+_faits$/.test(m.name));
    expect(tests.length).toBeGreaterThanOrEqual(10);
    for (const m of tests) expect(m.tests.map((t) => t.label), m.name).toContain("agregation du catalogue (sources/reference/indicateurs.csv)");
    expect(readModels().find((m) => m.name === "mart_f2_1_indicateurs")!.tests.map((t) => t.label)).not.toContain(
      "agregation du catalogue (sources/reference/indicateurs.csv)",
    );
  });

  it("passes when the facts agree, uncatalogued helpers aside", async () => {
    const d = modeles({
      "int_f2_1_faits.sql": "SELECT * FROM (VALUES ('i03', 'distinct'), ('i08', 'distinct'), ('x_aide', 'somme')) AS t(indicateur, agregation)",
    });
    await expect(runModels(connection, { dir: d })).resolves.toBeUndefined();
  });

  it("stops the build on a mismatch, naming fiche, indicator and both values", async () => {
    const d = modeles({ "int_f2_1_faits.sql": "SELECT * FROM (VALUES ('i03', 'distinct'), ('i08', 'somme')) AS t(indicateur, agregation)" });
    const erreur = runModels(connection, { dir: d });
    await expect(erreur).rejects.toThrow(/int_f2_1_faits : agregation du catalogue/);
    await expect(runModels(connection, { dir: d })).rejects.toThrow(
      /"fiche":"f2_1_information","indicateur":"i08","agregation_faits":"somme","agregation_catalogue":"distinct"/,
    );
  });

  it("reads the fiche column of a model holding several fiches", async () => {
    const d = modeles({
      "int_lda_faits.sql": "SELECT * FROM (VALUES ('f2_4_adsl', 'i01', 'distinct'), ('f2_5_vial', 'i01', 'moyenne')) AS t(fiche, indicateur, agregation)",
    });
    await expect(runModels(connection, { dir: d })).rejects.toThrow(/"fiche":"f2_5_vial","indicateur":"i01","agregation_faits":"moyenne"/);
  });
});
