// The shared publisher (sql/macros/publier_indicateurs.sql) on hand-made facts: the levels it publishes are the ones
// the fiche's mart header states (ref.niveaux_publies, read from sql/mart_*_indicateurs.sql), a share counts each key
// once, a mean is rounded exactly, and the zero-filled grid covers the units the hierarchy it is given names.
// Expected values by hand.
import type { DuckDBConnection } from "@duckdb/node-api";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { niveauxPublies } from "../pipelines/models/niveaux-publies.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runNamedModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;

const FAITS = `SELECT * FROM (VALUES
  -- one consultation in Calais (commune 62193, EPCI 200090751, MDS calaisis)
  ('i01', 'mois', '2026-03', 'commune', '62193', 'ensemble', 'ensemble', 'distinct', 'A/1', 1.0),
  -- a share: key A/2 has weights 0 and 1 in the same cell (young in one of two measures), A/3 weight 0
  ('x03_part_jeunes', 'mois', '2026-03', 'territoire_mds', 'calaisis', 'ensemble', 'ensemble', 'part', 'A/2', 0.0),
  ('x03_part_jeunes', 'mois', '2026-03', 'territoire_mds', 'calaisis', 'ensemble', 'ensemble', 'part', 'A/2', 1.0),
  ('x03_part_jeunes', 'mois', '2026-03', 'territoire_mds', 'calaisis', 'ensemble', 'ensemble', 'part', 'A/3', 0.0),
  -- a mean on the rounding's edge: (1,00 + 1,01) / 2 = 1,005, which a DOUBLE holds as 1,00499…
  ('x04_moyenne', 'mois', '2026-03', 'territoire_mds', 'calaisis', 'ensemble', 'ensemble', 'moyenne', 'A/4', 1.0),
  ('x04_moyenne', 'mois', '2026-03', 'territoire_mds', 'calaisis', 'ensemble', 'ensemble', 'moyenne', 'A/5', 1.01)
) AS t(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, agregation, cle, poids)`;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection);
  await runNamedModels(connection, ["int_territoires_appartenances"]);
  // The publisher and the exact division it rounds means and shares with.
  for (const macro of ["arrondi_centimes", "publier_indicateurs"]) await connection.run(readFileSync(`sql/macros/${macro}.sql`, "utf8"));
  await connection.run(`CREATE TABLE faits AS ${FAITS}`);
  await connection.run("CREATE TABLE periodes AS SELECT 'mois' AS type_periode, '2026-03' AS periode");
});

afterAll(() => connection && closeDatabase(connection));

const publier = (fiche: string, appartenances = "int_territoires_appartenances") =>
  query<{ indicateur: string; niveau_territoire: string; territoire: string; valeur: number }>(
    connection,
    `SELECT indicateur, niveau_territoire, territoire, valeur FROM publier_indicateurs('${fiche}', faits, periodes, ${appartenances})
     WHERE indicateur IN ('i01', 'x03_part_jeunes') ORDER BY ALL`,
  );

describe("publier_indicateurs", () => {
  it("publishes the levels the fiche's mart header states, and only those", async () => {
    // 2.1 publishes territoire_mds and the département (mart_f2_1_indicateurs): the Calais consultation is 1 in
    // calaisis and in '62', never a commune or EPCI row
    const lignes = (await publier("f2_1_information")).filter((l) => l.indicateur === "i01" && l.valeur > 0);
    expect(lignes.map((l) => `${l.niveau_territoire} ${l.territoire} ${l.valeur}`)).toEqual(["departement 62 1", "territoire_mds calaisis 1"]);
    // 2.9 also publishes communes and EPCIs: the same fact is 1 in Calais and in its EPCI
    const f29 = (await publier("f2_9_observatoire_jeunes")).filter((l) => l.indicateur === "i01" && l.valeur > 0);
    expect(f29.map((l) => `${l.niveau_territoire} ${l.territoire}`)).toEqual(
      expect.arrayContaining(["commune 62193", "epci 200090751", "territoire_mds calaisis", "departement 62"]),
    );
  });

  it("states each fiche's levels once: no mart passes them to the macro", () => {
    for (const fichier of readdirSync("sql").filter((f) => /^mart_.+_indicateurs\.sql$/.test(f))) {
      const sql = readFileSync(`sql/${fichier}`, "utf8").replace(/--[^\n]*/g, "");
      expect(sql, fichier).toMatch(/publier_indicateurs\(/);
      expect(sql, fichier).not.toMatch(/publier_indicateurs\([^)]*\[\s*'(departement|territoire_mds|territoire_lda|ami|lot|epci|commune)'/);
    }
    expect(niveauxPublies().get("f2_9_observatoire_jeunes")).toEqual(["departement", "territoire_mds", "epci", "commune", "territoire_lda"]);
  });

  it("counts each key of a share once, with its largest weight", async () => {
    // keys A/2 (max weight 1) and A/3 (0): 100 × 1 / 2 = 50 (not 100 × 1 / 3 = 33.33 counting A/2 twice)
    const lignes = (await publier("f2_9_observatoire_jeunes")).filter((l) => l.indicateur === "x03_part_jeunes");
    // (the whole hierarchy also rolls MDS calaisis into LDA calaisis, made of the same communes: the 2.9 mart cuts it)
    expect(lignes.map((l) => `${l.niveau_territoire} ${l.territoire} ${l.valeur}`)).toEqual([
      "departement 62 50",
      "territoire_lda calaisis 50",
      "territoire_mds calaisis 50",
    ]);
  });

  it("divides a mean once, exactly, and rounds it half away from zero", async () => {
    // (1,00 + 1,01) / 2 = 1,005 → 1,01 (a DOUBLE mean, 1,00499…, gave 1,00, and a sum taken in another order may not)
    const lignes = await query<{ niveau_territoire: string; valeur: number }>(
      connection,
      `SELECT niveau_territoire, valeur FROM publier_indicateurs('f2_1_information', faits, periodes, int_territoires_appartenances)
       WHERE indicateur = 'x04_moyenne' ORDER BY ALL`,
    );
    expect(lignes).toEqual([
      { niveau_territoire: "departement", valeur: 1.01 },
      { niveau_territoire: "territoire_mds", valeur: 1.01 },
    ]);
  });

  it("zero-fills the units the given hierarchy names, as units or as parents", async () => {
    // a hierarchy of MDS territory → département rows only (2.9's cut): the grid is the 9 MDS territories and '62';
    // the Calais fact no longer reaches calaisis (no commune → MDS row): 0 in the 9 territories, 1 in Calais and '62',
    // and no EPCI or LDA territory row
    await connection.run(`CREATE OR REPLACE TABLE coupe AS SELECT * FROM int_territoires_appartenances
                          WHERE fiche IS NULL AND niveau = 'territoire_mds' AND niveau_parent = 'departement'`);
    const i01 = (await publier("f2_9_observatoire_jeunes", "coupe")).filter((l) => l.indicateur === "i01");
    const zeros = i01.filter((l) => l.valeur === 0);
    expect(zeros).toHaveLength(9);
    expect(new Set(zeros.map((l) => l.niveau_territoire))).toEqual(new Set(["territoire_mds"]));
    expect(i01.filter((l) => l.valeur === 1).map((l) => `${l.niveau_territoire} ${l.territoire}`)).toEqual(["commune 62193", "departement 62"]);
  });
});
