// « Today » of the deadline rules (issue 14 point 8) is the run's reference date, read by the models from
// ref.date_reference, never the latest date found in some data files.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { loadFixture } from "./helpers/published.ts";

describe("ref.date_reference", () => {
  it("holds the date given, and keeps the one already there when none is given (npm run models)", async () => {
    const connection = await openDatabase(":memory:");
    await loadReference(connection, undefined, "2027-07-15");
    const date = async () => (await query<{ d: string }>(connection, "SELECT CAST(date_reference AS VARCHAR) AS d FROM ref.date_reference"));
    expect(await date()).toEqual([{ d: "2027-07-15" }]);
    await loadReference(connection);
    expect(await date()).toEqual([{ d: "2027-07-15" }]);
    await loadReference(connection, undefined, "2026-06-30");
    expect(await date()).toEqual([{ d: "2026-06-30" }]);
  });

  it("is the only « today » of the models: none reads current_date, now() or current_timestamp", () => {
    const models = readdirSync("sql").filter((f) => f.endsWith(".sql"));
    const offenders = models.filter((f) => /\b(current_date|now\s*\(\)|current_timestamp|today\s*\(\))/i.test(readFileSync(join("sql", f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("2.9 final bilan due after the observatory's files stop (test/fixtures/f2_9 without its bilan)", () => {
  // Convention O1: 01/01/2026 – 31/12/2026, final bilan due 6 months after its end (delai_bilan_final_mois 6):
  // 31/12/2026 + 6 months = 30/06/2027. The observatory's files stop at January 2027 (snapshot 31/01/2027): with the
  // latest file date as « today » the bilan was never due, so never reported missing.
  const r04 = async (reference: string) => {
    const dir = mkdtempSync(join(tmpdir(), "obs-f2-9-"));
    cpSync("test/fixtures/f2_9", dir, { recursive: true });
    rmSync(join(dir, "bilans__OBS-A__2027-01.csv"));
    const connection = await loadFixture(dir, { dateReference: reference });
    return query(connection, "SELECT id_enregistrement, detail FROM mart_alertes WHERE fiche = 'f2_9_observatoire_jeunes' AND regle = 'r04'");
  };

  it("on 15/07/2027 (after 30/06/2027): r04 « bilan final manquant »", async () => {
    expect(await r04("2027-07-15")).toEqual([{ id_enregistrement: "O1", detail: "bilan final manquant : attendu au plus tard le 30/06/2027" }]);
  });

  it("on 30/06/2027 (the deadline itself): not yet missing", async () => {
    expect(await r04("2027-06-30")).toEqual([]);
  });
});
