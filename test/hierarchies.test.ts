// Territory and period hierarchies (sql/int_territoires_appartenances.sql, sql/int_periodes_appartenances.sql), built
// from the committed reference data: each level is a partition of the département (or, for the Logement d'abord
// levels, of the département minus the communes the seeds leave out), checked commune by commune and by population.
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runNamedModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection);
  await connection.run(`CREATE TABLE mart_indicateurs AS SELECT * FROM (VALUES ('F', '2025-01', 'mois'), ('F', '2025-12', 'mois'), ('F', '2026-03', 'mois'), ('F', '2026', 'annee'))
    AS t(fiche, periode, type_periode)`);
  await runNamedModels(connection, ["int_territoires_appartenances", "int_periodes_appartenances"]);
});

afterAll(() => connection && closeDatabase(connection));

/** Per level (and fiche for lots): communes placed, communes placed twice, units, population of the units' communes. */
async function partition(niveau: string, fiche: string | null = null) {
  const [row] = await query<{ communes: number; doubles: number; unites: number; population: number }>(
    connection,
    `WITH a AS (SELECT * FROM int_territoires_appartenances WHERE niveau = 'commune' AND niveau_parent = $1 AND fiche IS NOT DISTINCT FROM $2)
     SELECT (SELECT count(DISTINCT code) FROM a) AS communes,
            (SELECT count(*) FROM (SELECT code FROM a GROUP BY code HAVING count(*) > 1)) AS doubles,
            (SELECT count(DISTINCT code_parent) FROM a) AS unites,
            (SELECT sum(c.population) FROM ref.communes AS c WHERE c.code_commune IN (SELECT code FROM a)) AS population`,
    [niveau, fiche],
  );
  return row!;
}

describe("territory hierarchies", () => {
  it("places every commune in exactly one EPCI, MDS territory and lot, and in the département", async () => {
    const [{ total }] = (await query<{ total: number }>(connection, "SELECT sum(population) AS total FROM ref.communes")) as [{ total: number }];
    for (const [niveau, fiche, unites] of [
      ["epci", null, 20],
      ["territoire_mds", null, 9],
      ["departement", null, 1],
      ["lot", "f2_11_sensibilisation_pe", 2],
      ["lot", "f2_12_prevention_pe", 3],
    ] as const) {
      expect(await partition(niveau, fiche), `${niveau} ${fiche ?? ""}`).toEqual({ communes: 887, doubles: 0, unites, population: total });
    }
  });

  it("places every commune but those of the CU d'Arras and the 62 part of CC Flandre Lys in one LDA territory and one AMI", async () => {
    const hors = await query<{ code_epci: string; n: number }>(
      connection,
      `SELECT code_epci, count(*) AS n FROM ref.communes WHERE code_commune NOT IN
         (SELECT code FROM int_territoires_appartenances WHERE niveau = 'commune' AND niveau_parent = 'territoire_lda') GROUP BY ALL ORDER BY ALL`,
    );
    expect(hors.reduce((s, h) => s + h.n, 0)).toBe(50);
    expect(hors.map((h) => h.code_epci)).toContain("200033579"); // CU d'Arras, 46 communes
    const [{ lda }] = (await query<{ lda: number }>(connection, "SELECT sum(population) AS lda FROM ref.territoires_lda")) as [{ lda: number }];
    const [{ ami }] = (await query<{ ami: number }>(connection, "SELECT sum(population) AS ami FROM ref.amis")) as [{ ami: number }];
    expect(await partition("territoire_lda")).toEqual({ communes: 837, doubles: 0, unites: 7, population: lda });
    expect(await partition("ami")).toEqual({ communes: 837, doubles: 0, unites: 3, population: ami });
  });

  it("gives each summary file's population as the sum of its communes'", async () => {
    for (const [fichier, niveau] of [["territoires_mds", "territoire_mds"], ["territoires_lda", "territoire_lda"], ["amis", "ami"], ["epci", "epci"]] as const) {
      const ecarts = await query(
        connection,
        `SELECT r.${niveau === "epci" ? "code_epci" : "code"} AS code, r.population, sum(c.population) AS communes
         FROM ref.${fichier} AS r
         JOIN int_territoires_appartenances AS h ON h.niveau = 'commune' AND h.niveau_parent = '${niveau}' AND h.code_parent = r.${niveau === "epci" ? "code_epci" : "code"}
         JOIN ref.communes AS c ON c.code_commune = h.code
         GROUP BY ALL HAVING r.population <> sum(c.population)`,
      );
      expect(ecarts, fichier).toEqual([]);
    }
  });

  it("keys units by level and code: the MDS and LDA territories « artois » are two units", async () => {
    const parents = async (niveau: string, code: string, fiche: string | null = null) =>
      (await query<{ p: string }>(
        connection,
        "SELECT niveau_parent || ':' || code_parent AS p FROM int_territoires_appartenances WHERE niveau = $1 AND code = $2 AND fiche IS NOT DISTINCT FROM $3 ORDER BY p",
        [niveau, code, fiche],
      )).map((r) => r.p);
    // MDS Artois includes CC Flandre Lys, which no LDA territory has: it is in no AMI, only in the département.
    expect(await parents("territoire_mds", "artois")).toEqual(["departement:62"]);
    // LDA Artois is exactly the CA de Béthune-Bruay (same communes: each contains the other).
    expect(await parents("territoire_lda", "artois")).toEqual(["ami:ami1", "departement:62", "epci:200072460", "territoire_mds:artois"]);
    expect(await parents("territoire_lda", "lens_henin")).toEqual(["ami:ami1", "departement:62"]);
    // Lots are per fiche: the Arrageois is in lot 2 of 2.11 and in lot 3 of 2.12.
    expect(await parents("territoire_mds", "arrageois", "f2_11_sensibilisation_pe")).toEqual(["lot:lot2"]);
    expect(await parents("territoire_mds", "arrageois", "f2_12_prevention_pe")).toEqual(["lot:lot3"]);
    // A commune reaches every level above it: Ablain-Saint-Nazaire (CA de Lens - Liévin).
    expect(await parents("commune", "62001")).toEqual(["ami:ami1", "departement:62", "epci:246200364", "territoire_lda:lens_henin", "territoire_mds:lens_lievin"]);
  });
});

describe("period hierarchy", () => {
  it("puts each month of the accepted years (2000-2040) in its calendar year", async () => {
    const [{ n }] = (await query<{ n: number }>(connection, "SELECT count(*) AS n FROM int_periodes_appartenances")) as [{ n: number }];
    expect(n).toBe(41 * 12);
    const annee = async (periode: string) =>
      (await query<{ p: string }>(connection, "SELECT periode_parent AS p FROM int_periodes_appartenances WHERE periode = $1", [periode]))[0]?.p;
    expect(await annee("2025-01")).toBe("2025");
    expect(await annee("2025-12")).toBe("2025");
    expect(await annee("2026-03")).toBe("2026");
    expect(await annee("2041-01")).toBeUndefined();
  });
});

describe("convention periods", () => {
  // 2.8 as §A.4 has it: Lens-Hénin and Artois from November, Boulogne from December (overlapping periods of one fiche);
  // ASTRE straddling two years; a calendar-year convention (2.1), which is its year and gets no convention period.
  const CONVENTIONS = `
    ('GEP-LH', 'f2_8_gep', 'ASSO-GEP-01', ['lens_henin'], DATE '2025-11-01', DATE '2026-10-31'),
    ('GEP-ART', 'f2_8_gep', 'ASSO-GEP-01', ['artois'], DATE '2025-11-01', DATE '2026-10-31'),
    ('GEP-BOU', 'f2_8_gep', 'ASSO-GEP-02', ['boulonnais'], DATE '2025-12-01', DATE '2026-11-30'),
    ('GEP-LH-2', 'f2_8_gep', 'ASSO-GEP-01', ['lens_henin'], DATE '2026-11-01', DATE '2027-10-31'),
    ('GEP-ART-2', 'f2_8_gep', 'ASSO-GEP-01', ['artois'], DATE '2026-12-01', DATE '2027-11-30'),
    ('ASTRE', 'f2_3_astre', 'ASSO-ASTRE-01', ['departement'], DATE '2026-11-01', DATE '2027-10-31'),
    ('INFO', 'f2_1_information', 'ADIL-62', ['departement'], DATE '2026-01-01', DATE '2026-12-31')`;
  let conventions: DuckDBConnection;

  const construire = async (lignes: string) => {
    const c = await openDatabase(":memory:");
    await c.run(`CREATE TABLE staging_conventions AS SELECT * FROM (VALUES ${lignes}) AS t(id_convention, fiche, code_operateur, perimetre, date_debut, date_fin)`);
    return c;
  };

  beforeAll(async () => {
    conventions = await construire(CONVENTIONS);
    await runNamedModels(conventions, ["int_periodes_conventions", "int_periodes_appartenances_conventions"]);
  });

  afterAll(() => conventions && closeDatabase(conventions));

  it("gives one period per fiche and pair of dates, coded by its first and last month, calendar years left to the years", async () => {
    const periodes = await query<{ fiche: string; periode: string; conventions: string[] }>(
      conventions,
      "SELECT fiche, periode, conventions FROM int_periodes_conventions ORDER BY fiche, periode",
    );
    expect(periodes.map((p) => [p.fiche, p.periode, p.conventions])).toEqual([
      ["f2_3_astre", "2026-11/2027-10", ["ASTRE"]],
      ["f2_8_gep", "2025-11/2026-10", ["GEP-ART", "GEP-LH"]],
      ["f2_8_gep", "2025-12/2026-11", ["GEP-BOU"]],
      ["f2_8_gep", "2026-11/2027-10", ["GEP-LH-2"]],
      ["f2_8_gep", "2026-12/2027-11", ["GEP-ART-2"]],
    ]);
  });

  it("puts each month of a convention in its period, months of two calendar years included", async () => {
    const mois = async (fiche: string, periode: string) =>
      (await query<{ m: string }>(conventions, "SELECT periode AS m FROM int_periodes_appartenances_conventions WHERE fiche = $1 AND periode_parent = $2 ORDER BY m", [fiche, periode])).map((r) => r.m);
    const astre = await mois("f2_3_astre", "2026-11/2027-10");
    expect(astre).toHaveLength(12);
    expect([astre[0], astre[1], astre[2], astre[11]]).toEqual(["2026-11", "2026-12", "2027-01", "2027-10"]);
    // December 2025 is in both 2.8 periods of that winter (two perimeters), November 2026 in two too.
    const parents = async (m: string) =>
      (await query<{ p: string }>(conventions, "SELECT periode_parent AS p FROM int_periodes_appartenances_conventions WHERE fiche = 'f2_8_gep' AND periode = $1 ORDER BY p", [m])).map((r) => r.p);
    expect(await parents("2025-12")).toEqual(["2025-11/2026-10", "2025-12/2026-11"]);
    expect(await parents("2026-11")).toEqual(["2025-12/2026-11", "2026-11/2027-10"]);
    expect(await parents("2025-10")).toEqual([]);
  });

  it("stops on a perimeter in two periods at once, and on a convention that does not run whole months", async () => {
    for (const [lignes, attendu] of [
      [`('A', 'f2_8_gep', 'ASSO-GEP-01', ['artois'], DATE '2025-11-01', DATE '2026-10-31'), ('B', 'f2_8_gep', 'ASSO-GEP-01', ['artois'], DATE '2026-06-01', DATE '2027-05-31')`, "list_has_any"],
      [`('A', 'f2_3_astre', 'ASSO-ASTRE-01', ['departement'], DATE '2025-11-15', DATE '2026-11-14')`, "date_trunc"],
    ] as const) {
      const c = await construire(lignes);
      await expect(runNamedModels(c, ["int_periodes_conventions", "int_periodes_appartenances_conventions"])).rejects.toThrow(attendu);
      closeDatabase(c);
    }
  });
});
