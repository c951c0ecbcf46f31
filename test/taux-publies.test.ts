// Rates per 10 000 inhabitants and shares of the département's figure (sql/macros/taux_publies.sql) on a hand-made
// published table, the populations they divide by (sql/mart_populations.sql, from the committed communes) and the
// units' reference file they read (sources/reference/unites.csv). Expected values computed by hand in the comments.
import type { DuckDBConnection } from "@duckdb/node-api";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lireCatalogue } from "../pipelines/contracts/catalogue.ts";
import { unitesErrors } from "../pipelines/contracts/unites.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runNamedModels } from "../pipelines/models/run.ts";
import { readCsv } from "../pipelines/reference/csv.ts";

let connection: DuckDBConnection;

// The public table's shape (pipelines/publish/secret.ts): a masked cell has valeur NULL and secret true.
const PUBLIE = `SELECT * FROM (VALUES
  -- 2026, persons (par habitant, partageable): Lens-Hénin 37, Artois masked, the département 148
  ('f2_4_adsl', 'i01', '2026', 'territoire_lda', 'lens_henin', 37.0, false),
  ('f2_4_adsl', 'i01', '2026', 'territoire_lda', 'artois', NULL, true),
  ('f2_4_adsl', 'i01', '2026', 'departement', '62', 148.0, false),
  -- 2025: the département masked, Lens-Hénin published
  ('f2_4_adsl', 'i01', '2025', 'territoire_lda', 'lens_henin', 20.0, false),
  ('f2_4_adsl', 'i01', '2025', 'departement', '62', NULL, true),
  -- 2024: a published zero in the département
  ('f2_4_adsl', 'i01', '2024', 'territoire_lda', 'lens_henin', 0.0, false),
  ('f2_4_adsl', 'i01', '2024', 'departement', '62', 0.0, false),
  -- actions: a share, no rate
  ('f2_4_adsl', 'i05', '2026', 'territoire_lda', 'lens_henin', 6.0, false),
  ('f2_4_adsl', 'i05', '2026', 'departement', '62', 24.0, false),
  -- a % (agregation part): neither
  ('f2_12_prevention_pe', 'i03_part_reperes', '2026', 'lot', 'lot2', 40.0, false),
  ('f2_12_prevention_pe', 'i03_part_reperes', '2026', 'departement', '62', 50.0, false),
  -- households by lot: lot2 of 2.12 is not lot2 of 2.11
  ('f2_12_prevention_pe', 'i01', '2026', 'lot', 'lot2', 66.0, false),
  ('f2_12_prevention_pe', 'i01', '2026', 'departement', '62', 132.0, false),
  -- euros: a sum has a share, a median none; neither a rate
  ('f2_2_numero_vert', 'i11_somme', '2026', 'territoire_mds', 'calaisis', 30000.0, false),
  ('f2_2_numero_vert', 'i11_somme', '2026', 'departement', '62', 120000.0, false),
  ('f2_2_numero_vert', 'i11_mediane', '2026', 'territoire_mds', 'calaisis', 1200.0, false),
  ('f2_2_numero_vert', 'i11_mediane', '2026', 'departement', '62', 1000.0, false),
  -- a unit outside the reference: no population, no rate
  ('f2_2_numero_vert', 'i01', '2026', 'territoire_mds', 'non_attribue', 15.0, false),
  ('f2_2_numero_vert', 'i01', '2026', 'departement', '62', 60.0, false)
) AS t(fiche, indicateur, periode, niveau_territoire, territoire, valeur, secret)`;

// Round figures, so that each expected value is worked out by hand below.
const POPULATIONS = `SELECT * FROM (VALUES
  (NULL, 'territoire_lda', 'lens_henin', 12345),
  (NULL, 'territoire_lda', 'artois', 50000),
  (NULL, 'territoire_mds', 'calaisis', 150000),
  (NULL, 'departement', '62', 200000),
  ('f2_11_sensibilisation_pe', 'lot', 'lot2', 900000),
  ('f2_12_prevention_pe', 'lot', 'lot2', 600000)
) AS t(fiche, niveau_territoire, territoire, population)`;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection);
  await runNamedModels(connection, ["int_territoires_appartenances", "mart_populations"]);
  await connection.run(readFileSync("sql/macros/taux_publies.sql", "utf8"));
  await connection.run(`CREATE TABLE publie AS SELECT fiche, indicateur, periode, 'annee' AS type_periode, territoire, niveau_territoire,
    'ensemble' AS ventilation, 'ensemble' AS modalite, valeur, secret FROM (${PUBLIE})`);
  await connection.run(`CREATE TABLE populations AS ${POPULATIONS}`);
});

afterAll(() => connection && closeDatabase(connection));

type Ligne = { population: number | null; taux_10000: number | null; part_departement: number | null; secret: boolean };

async function ligne(fiche: string, indicateur: string, periode: string, territoire: string): Promise<Ligne> {
  const lignes = await query<Ligne>(
    connection,
    "SELECT population, taux_10000, part_departement, secret FROM taux_publies(publie, populations) WHERE fiche = ? AND indicateur = ? AND periode = ? AND territoire = ?",
    [fiche, indicateur, periode, territoire],
  );
  expect(lignes, `${fiche} ${indicateur} ${periode} ${territoire}`).toHaveLength(1);
  return lignes[0]!;
}

describe("taux_publies : taux pour 10 000 habitants et part du département", () => {
  it("a published count of persons: its rate on its population, its share of the département's", async () => {
    const l = await ligne("f2_4_adsl", "i01", "2026", "lens_henin");
    expect(Number(l.population)).toBe(12345);
    // 37 × 10 000 / 12 345 = 370 000 / 12 345 = 29,9716…
    expect(l.taux_10000).toBeCloseTo(29.9716, 4);
    // 100 × 37 / 148 = 25 %
    expect(l.part_departement).toBe(25);
    // the département: 148 × 10 000 / 200 000 = 7,4 ; 100 % of itself
    const d = await ligne("f2_4_adsl", "i01", "2026", "62");
    expect(d.taux_10000).toBeCloseTo(7.4, 10);
    expect(d.part_departement).toBe(100);
  });

  it("a masked value has no rate and no share (rate × population or share × département would give it back)", async () => {
    const l = await ligne("f2_4_adsl", "i01", "2026", "artois");
    expect(l.secret).toBe(true);
    expect(Number(l.population)).toBe(50000);
    expect(l.taux_10000).toBeNull();
    expect(l.part_departement).toBeNull();
  });

  it("a masked département: the territory keeps its rate, loses its share (value × 100 / share would give it back)", async () => {
    const l = await ligne("f2_4_adsl", "i01", "2025", "lens_henin");
    // 20 × 10 000 / 12 345 = 200 000 / 12 345 = 16,2008…
    expect(l.taux_10000).toBeCloseTo(16.2009, 4);
    expect(l.part_departement).toBeNull();
    const d = await ligne("f2_4_adsl", "i01", "2025", "62");
    expect(d.taux_10000).toBeNull();
    expect(d.part_departement).toBeNull();
  });

  it("a département figure of 0: a rate of 0, no share", async () => {
    const l = await ligne("f2_4_adsl", "i01", "2024", "lens_henin");
    // 0 × 10 000 / 12 345 = 0
    expect(l.taux_10000).toBe(0);
    expect(l.part_departement).toBeNull();
  });

  it("a unit that adds up but does not count inhabitants (actions): a share, no rate", async () => {
    const l = await ligne("f2_4_adsl", "i05", "2026", "lens_henin");
    // 100 × 6 / 24 = 25 %
    expect(l.part_departement).toBe(25);
    expect(l.taux_10000).toBeNull();
  });

  it("a % has neither a rate nor a share", async () => {
    const l = await ligne("f2_12_prevention_pe", "i03_part_reperes", "2026", "lot2");
    expect(l.taux_10000).toBeNull();
    expect(l.part_departement).toBeNull();
  });

  it("a lot's population is its fiche's lot's", async () => {
    const l = await ligne("f2_12_prevention_pe", "i01", "2026", "lot2");
    expect(Number(l.population)).toBe(600000);
    // 66 × 10 000 / 600 000 = 1,1 (with 2.11's lot2, 900 000, it would be 0,733…) ; 100 × 66 / 132 = 50 %
    expect(l.taux_10000).toBeCloseTo(1.1, 10);
    expect(l.part_departement).toBe(50);
  });

  it("euros: a sum has a share, a median none (catalogue agregation); neither has a rate", async () => {
    const somme = await ligne("f2_2_numero_vert", "i11_somme", "2026", "calaisis");
    // 100 × 30 000 / 120 000 = 25 %
    expect(somme.part_departement).toBe(25);
    expect(somme.taux_10000).toBeNull();
    const mediane = await ligne("f2_2_numero_vert", "i11_mediane", "2026", "calaisis");
    expect(mediane.part_departement).toBeNull();
    expect(mediane.taux_10000).toBeNull();
  });

  it("a unit outside the reference (« non attribué ») has no population, so no rate; its share stands", async () => {
    const l = await ligne("f2_2_numero_vert", "i01", "2026", "non_attribue");
    expect(l.population).toBeNull();
    expect(l.taux_10000).toBeNull();
    // 100 × 15 / 60 = 25 %
    expect(l.part_departement).toBe(25);
  });

  it("serves the internal edition's table too, which has no secret column", async () => {
    await connection.run("CREATE TABLE interne AS SELECT * EXCLUDE (secret) REPLACE (coalesce(valeur, 11) AS valeur) FROM publie");
    const [l] = await query<{ taux_10000: number; part_departement: number }>(
      connection,
      "SELECT taux_10000, part_departement FROM taux_publies(interne, populations) WHERE indicateur = 'i01' AND periode = '2026' AND territoire = 'artois'",
    );
    // 11 × 10 000 / 50 000 = 2,2 ; 100 × 11 / 148 = 7,4324…
    expect(l!.taux_10000).toBeCloseTo(2.2, 10);
    expect(l!.part_departement).toBeCloseTo(7.4324, 4);
  });
});

describe("mart_populations : populations de référence par territoire", () => {
  const population = async (niveau: string, territoire: string, fiche = "") => {
    const lignes = await query<{ population: number }>(
      connection,
      "SELECT population FROM mart_populations WHERE niveau_territoire = ? AND territoire = ? AND coalesce(fiche, '') = ?",
      [niveau, territoire, fiche],
    );
    return lignes.map((l) => Number(l.population));
  };

  it("a unit is the sum of its communes; lots are their fiche's", async () => {
    // territoires_mds.csv: 213 287 + 292 009 + 128 316 + 157 215 + 152 245 + 125 793 + 242 013 + 110 250 + 36 777
    expect(await population("departement", "62")).toEqual([1_457_905]);
    // 2.11's lot 2 = Artois 292 009 + Lens-Liévin 242 013 + Hénin-Carvin 125 793 + Arrageois 213 287 + Ternois 36 777
    expect(await population("lot", "lot2", "f2_11_sensibilisation_pe")).toEqual([909_879]);
    // 2.12's lot 2 = Artois + Lens-Liévin + Hénin-Carvin = 659 815
    expect(await population("lot", "lot2", "f2_12_prevention_pe")).toEqual([659_815]);
    // amis.csv, territoires_lda.csv, communes.csv
    expect(await population("ami", "ami1")).toEqual([642_834]);
    expect(await population("territoire_lda", "lens_henin")).toEqual([367_806]);
    expect(await population("commune", "62001")).toEqual([1994]);
    expect(await population("territoire_mds", "non_attribue")).toEqual([]);
  });
});

describe("sources/reference/unites.csv", () => {
  const unites = new Map(readCsv("sources/reference/unites.csv").map((u) => [u.unite!, u]));

  it("has a row for every unit of the catalogue, and the load checks it", () => {
    const manquantes = [...new Set(lireCatalogue().map((e) => e.unite))].filter((u) => !unites.has(u));
    expect(manquantes).toEqual([]);
    expect(unitesErrors("sources/reference/unites.csv", lireCatalogue().map((e) => e.unite))).toEqual([]);
    // A planted copy: a catalogue unit without its row, a flag that is neither oui nor non.
    const dossier = mkdtempSync(join(tmpdir(), "unites-"));
    try {
      const copie = join(dossier, "unites.csv");
      copyFileSync("sources/reference/unites.csv", copie);
      const lignes = readFileSync(copie, "utf8").split("\n").filter((l) => !l.startsWith("actions,"));
      writeFileSync(copie, lignes.map((l) => (l.startsWith("jours,") ? l.replace("jours,taux_ou_moyenne,non,non", "jours,taux_ou_moyenne,non,peut-être") : l)).join("\n"));
      const erreurs = unitesErrors(copie, ["personnes", "actions"]);
      expect(erreurs).toEqual([
        expect.stringMatching(/^ligne \d+ \(jours\), colonne partageable : « peut-être » — oui ou non$/),
        expect.stringMatching(/^unité « actions » du catalogue des indicateurs absente/),
      ]);
    } finally {
      rmSync(dossier, { recursive: true, force: true });
    }
  });

  it("rates per inhabitant: people, households and their requests; shares: counts, not %, means, medians, durations", () => {
    const oui = (colonne: "par_habitant" | "partageable") => [...unites.values()].filter((u) => u[colonne] === "oui").map((u) => u.unite);
    // The list the maps and sheets used before (observatory/components/population.ts), unit by unit.
    expect(oui("par_habitant").sort()).toEqual(["consultations", "contacts", "demandes", "interventions", "jeunes", "mesures", "ménages", "personnes", "saisines", "sollicitations"]);
    for (const u of ["%", "taux", "moyenne", "médiane", "mois", "jours", "catégories par mesure"]) expect(unites.get(u)?.partageable, u).toBe("non");
    // Counts that the former pattern /part/ took for shares: participants, participations, partenaires add up.
    for (const u of ["participants", "participations", "partenaires", "actions", "euros", "mois-mesures"]) expect(unites.get(u)?.partageable, u).toBe("oui");
  });
});
