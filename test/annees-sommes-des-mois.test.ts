// « A year is the sum of its months » (catalogue somme_mois) checked in SQL on every build
// (sql/tests/annees_sommes_des_mois.sql), on a hand-made mart: f2_4_adsl i03 is somme_mois = oui, f2_4_adsl
// i01 (persons active, recounted each month) is non, f2_4_adsl i05_participations (a sum) is oui.
import type { DuckDBConnection } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runNamedModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;
const RECONCILIATION = readFileSync("sql/tests/annees_sommes_des_mois.sql", "utf8");

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection);
  await runNamedModels(connection, ["int_indicateurs_additifs"]);
});
afterAll(() => connection && closeDatabase(connection));

async function echecs(lignes: [string, string, string, string, number][]) {
  await connection.run(`CREATE OR REPLACE TABLE mart_indicateurs_calcules AS
    SELECT 'f2_4_adsl' AS fiche, indicateur, periode, CASE WHEN length(periode) = 4 THEN 'annee' ELSE 'mois' END AS type_periode,
           territoire, CASE WHEN territoire = '62' THEN 'departement' ELSE 'territoire_lda' END AS niveau_territoire,
           'ensemble' AS ventilation, 'ensemble' AS modalite, CAST(valeur AS DOUBLE) AS valeur, unite
    FROM (VALUES ${lignes.map(([i, p, t, u, v]) => `('${i}', '${p}', '${t}', '${u}', ${v})`).join(", ")}) AS t(indicateur, periode, territoire, unite, valeur)`);
  return query<{ fiche: string; indicateur: string; territoire: string; annee: string; valeur_annee: number | null; somme_des_mois: number | null; probleme: string }>(
    connection,
    `SELECT * FROM (${RECONCILIATION}) ORDER BY indicateur, territoire`,
  );
}

describe("sql/tests/annees_sommes_des_mois.sql", () => {
  it("passes when each year is the sum of its months, and ignores what the catalogue does not add", async () => {
    expect(
      await echecs([
        // i03, '62': 2 + 3 = 5
        ["i03", "2026", "62", "mesures", 5],
        ["i03", "2026-01", "62", "mesures", 2],
        ["i03", "2026-02", "62", "mesures", 3],
        // i01 (somme_mois = non): 6 + 7 ≠ 10, not checked
        ["i01", "2026", "62", "personnes", 10],
        ["i01", "2026-01", "62", "personnes", 6],
        ["i01", "2026-02", "62", "personnes", 7],
        // a sum rounded to the cent month by month (as amounts are): 100.01 + 200.01 = 300.02 against a year of
        // 300.03, 1 cent apart, within half a cent per row (3 rows: 1.5 cent)
        ["i05_participations", "2026", "62", "participations", 300.03],
        ["i05_participations", "2026-01", "62", "participations", 100.01],
        ["i05_participations", "2026-02", "62", "participations", 200.01],
      ]),
    ).toEqual([]);
  });

  it("stops the build on a year that is not the sum of its months, naming fiche, indicator and territory", async () => {
    const lignes = await echecs([
      // artois: 1 + 2 = 3 ≠ 4
      ["i03", "2026", "artois", "mesures", 4],
      ["i03", "2026-01", "artois", "mesures", 1],
      ["i03", "2026-02", "artois", "mesures", 2],
      // lens_henin: a month without its year (the year is 0, its month 1)
      ["i03", "2026-03", "lens_henin", "mesures", 1],
      // a sum 5 cents apart over 2 months: beyond rounding (1.5 cent)
      ["i05_participations", "2026", "62", "participations", 300.07],
      ["i05_participations", "2026-01", "62", "participations", 100.01],
      ["i05_participations", "2026-02", "62", "participations", 200.01],
    ]);
    expect(lignes.map((l) => [l.fiche, l.indicateur, l.territoire, l.annee, l.valeur_annee, l.somme_des_mois])).toEqual([
      ["f2_4_adsl", "i03", "artois", "2026", 4, 3],
      ["f2_4_adsl", "i03", "lens_henin", "2026", null, 1],
      ["f2_4_adsl", "i05_participations", "62", "2026", 300.07, 300.02],
    ]);
    expect(lignes[0]!.probleme).toMatch(/somme_mois = non .*sources\/reference\/indicateurs\.csv/);
  });
});
