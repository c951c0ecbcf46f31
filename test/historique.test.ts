// The real 2018-2022 figures (document 002) are reference data (their quotes: test/provenance.test.ts); the totals
// the model derives are checked against sums done by hand.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runModels } from "../pipelines/models/run.ts";
import { prepareRawSchema } from "../pipelines/ingest/index.ts";

describe("real history of the 2023 deliberation", () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await openDatabase(":memory:");
    await loadReference(connection);
    await prepareRawSchema(connection);
    await runModels(connection);
  });

  it("totals the DIHAL credits as the spec does by hand", async () => {
    const total = async (code: string, periode: string) =>
      (await query<{ valeur: number }>(connection, "SELECT valeur FROM mart_historique_reel WHERE theme = 'credits_dihal' AND code = $1 AND periode = $2", [code, periode]))[0]?.valeur;
    // AMI 1: 223 978 + 880 000 + 207 084 + 623 078 + 1 200 000 = 3 134 140
    expect(await total("ami1", "2018-2022")).toBe(3_134_140);
    // AMI 2: 840 000 + 836 493 = 1 676 493 (no figure before 2021: « / »)
    expect(await total("ami2", "2021-2022")).toBe(1_676_493);
    expect(await total("ami2", "2020")).toBeUndefined();
    // 2021: 623 078 + 840 000 = 1 463 078 ; 2022: 1 200 000 + 836 493 = 2 036 493 ; all: 3 134 140 + 1 676 493 = 4 810 633
    expect(await total("total", "2021")).toBe(1_463_078);
    expect(await total("total", "2022")).toBe(2_036_493);
    expect(await total("total", "2018-2022")).toBe(4_810_633);
  });

  it("keeps the 2023 État convention: 1 100 000 € of 1 469 514 €, i.e. 74,85 %", async () => {
    const rows = await query<{ code: string; valeur: number }>(connection, "SELECT code, valeur FROM mart_historique_reel WHERE theme = 'convention_etat_2023' ORDER BY code");
    const by = Object.fromEntries(rows.map((r) => [r.code, r.valeur]));
    expect(by).toEqual({ contribution_etat: 1_100_000, cout_total_eligible: 1_469_514, taux_contribution: 74.85 });
    // 1 100 000 / 1 469 514 = 0,74855… → 74,85 % as written (truncated, not rounded)
    expect(Math.floor((by.contribution_etat! / by.cout_total_eligible!) * 10000) / 100).toBe(74.85);
  });
});
