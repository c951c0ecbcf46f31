// The statistical secret against a differencing attack (test/helpers/differencing.ts): hand-made tables where each
// weakness of the former secret is planted — an AMI over two LDA territories, a year over its months, a share beside
// its denominator, a convention period over months of two years beside those years —, first published with the primary rule alone (the attack must find the planted cells, worked
// out by hand below), then with pipelines/publish/secret.ts (it must find nothing); then the demo build.
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { applyStatisticalSecret } from "../pipelines/publish/secret.ts";
import { databaseOfBuild } from "./e2e/build-info.ts";
import { attaquerParDifferences } from "./helpers/differencing.ts";
import { type LigneConvention, martFaitMain } from "./helpers/mart-fait-main.ts";

// fiche, indicateur, periode, type, territoire, niveau, valeur, unite — catalogue codes, so that its flags apply.
const ROWS: [string, string, string, string, string, string, number, string][] = [
  // A. i01_entrees (additive over territories): AMI 1 = Lens-Hénin + Artois, AMI 2 = Audomarois + Boulonnais + Montreuillois.
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "62", "departement", 52, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "ami1", "ami", 30, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "ami2", "ami", 22, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "lens_henin", "territoire_lda", 25, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "artois", "territoire_lda", 5, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "audomarois", "territoire_lda", 12, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "boulonnais", "territoire_lda", 10, "personnes"],
  ["f2_4_adsl", "i01_entrees", "2026", "annee", "montreuillois", "territoire_lda", 0, "personnes"],
  // B. i03 (sub-lettings begun: additive over months): 2025 = January + February + March.
  ["f2_4_adsl", "i03", "2025", "annee", "62", "departement", 38, "mesures"],
  ["f2_4_adsl", "i03", "2025-01", "mois", "62", "departement", 20, "mesures"],
  ["f2_4_adsl", "i03", "2025-02", "mois", "62", "departement", 3, "mesures"],
  ["f2_4_adsl", "i03", "2025-03", "mois", "62", "departement", 15, "mesures"],
  // C. shares x03_part_jeunes = 100 × x03_jeunes / x03 and x03_part_jeunes_18_25 = 100 × x03_jeunes_18_25 / x03.
  ["f2_9_observatoire_jeunes", "x03", "2026", "annee", "62", "departement", 40, "demandes"],
  ["f2_9_observatoire_jeunes", "x03_jeunes", "2026", "annee", "62", "departement", 6, "demandes"],
  ["f2_9_observatoire_jeunes", "x03_part_jeunes", "2026", "annee", "62", "departement", 15, "%"],
  ["f2_9_observatoire_jeunes", "x03", "2025", "annee", "62", "departement", 40, "demandes"],
  ["f2_9_observatoire_jeunes", "x03_jeunes", "2025", "annee", "62", "departement", 20, "demandes"],
  ["f2_9_observatoire_jeunes", "x03_jeunes_18_25", "2025", "annee", "62", "departement", 8, "demandes"],
  ["f2_9_observatoire_jeunes", "x03_part_jeunes", "2025", "annee", "62", "departement", 50, "%"],
  ["f2_9_observatoire_jeunes", "x03_part_jeunes_18_25", "2025", "annee", "62", "departement", 20, "%"],
  // D. i01 (persons active: additive over territories, a union over months): only January has anyone.
  ["f2_4_adsl", "i01", "2025-01", "mois", "ami1", "ami", 30, "personnes"],
  ["f2_4_adsl", "i01", "2025-01", "mois", "lens_henin", "territoire_lda", 3, "personnes"],
  ["f2_4_adsl", "i01", "2025-01", "mois", "artois", "territoire_lda", 27, "personnes"],
  ["f2_4_adsl", "i01", "2025-02", "mois", "ami1", "ami", 0, "personnes"],
  ["f2_4_adsl", "i01", "2025-02", "mois", "lens_henin", "territoire_lda", 0, "personnes"],
  ["f2_4_adsl", "i01", "2025-02", "mois", "artois", "territoire_lda", 0, "personnes"],
  ["f2_4_adsl", "i01", "2025", "annee", "lens_henin", "territoire_lda", 3, "personnes"],
  ["f2_4_adsl", "i01", "2025", "annee", "artois", "territoire_lda", 27, "personnes"],
  // E. i13 (ASTRE measures ended: additive over months) on the convention period November 2025 – October 2026, which
  // straddles 2025 and 2026: 2025 = October + November + December = 7 + 6 + 40 = 53; the convention period (so far)
  // = November + December + January = 6 + 40 + 50 = 96; 2026 = January = 50. The year and the convention period
  // overlap: 2025 − convention = October − January.
  ["f2_3_astre", "i13", "2025", "annee", "62", "departement", 53, "mesures"],
  ["f2_3_astre", "i13", "2026", "annee", "62", "departement", 50, "mesures"],
  ["f2_3_astre", "i13", "2025-11/2026-10", "convention", "62", "departement", 96, "mesures"],
  ["f2_3_astre", "i13", "2025-10", "mois", "62", "departement", 7, "mesures"],
  ["f2_3_astre", "i13", "2025-11", "mois", "62", "departement", 6, "mesures"],
  ["f2_3_astre", "i13", "2025-12", "mois", "62", "departement", 40, "mesures"],
  ["f2_3_astre", "i13", "2026-01", "mois", "62", "departement", 50, "mesures"],
];
const CONVENTIONS: LigneConvention[] = [["CONV-ASTRE-1", "f2_3_astre", "ASSO-ASTRE-01", "departement", "2025-11-01", "2026-10-31"]];

const trouvees = async (connection: DuckDBConnection, table: string) =>
  (await attaquerParDifferences(connection, { table })).recuperees.map((r) => [r.cle.split("|").slice(1, 4).join(" "), r.valeur, r.relation]).sort();

describe("attaque par différences sur des tables faites à la main", () => {
  let connection: DuckDBConnection;

  beforeAll(async () => {
    connection = await martFaitMain(ROWS.map(([f, i, p, t, ter, n, v, u]) => [f, i, p, t, ter, n, "ensemble", "ensemble", v, u]), CONVENTIONS);
    // The planted weak table: counts of people from 1 to 10 masked, nothing else.
    await connection.run(`
      CREATE TABLE primaire_seul AS
      SELECT m.* REPLACE (CASE WHEN s THEN NULL ELSE valeur END AS valeur), s AS secret
      FROM mart_indicateurs AS m JOIN ref.unites AS u USING (unite),
           LATERAL (SELECT u.regle_secret = 'comptage_personnes' AND valeur BETWEEN 1 AND 10 AS s)`);
    await applyStatisticalSecret(connection);
  });

  afterAll(() => connection && closeDatabase(connection));

  it("retrouve les cases que le seul secret primaire laisse déductibles", async () => {
    expect(await trouvees(connection, "primaire_seul")).toEqual([
      ["i01 2025 lens_henin", 3, "mois (réunion)"], // January (found below) is the only month with anyone
      ["i01 2025-01 lens_henin", 3, "territoires"], // AMI 1 30 − Artois 27
      ["i01_entrees 2026 artois", 5, "territoires"], // AMI 1 30 − Lens-Hénin 25
      ["i01_entrees 2026 boulonnais", 10, "territoires"], // AMI 2 22 − Audomarois 12 − Montreuillois 0
      ["i03 2025-02 62", 3, "mois"], // 2025 38 − janvier 20 − mars 15
      ["i13 2025-10 62", 7, "périodes chevauchantes"], // 2025 53 − convention 96 + January 50 (the convention's October is not in 2025)
      ["i13 2025-11 62", 6, "mois"], // convention 96 − December 40 − January 50
      ["x03_jeunes 2026 62", 6, "ratio"], // 15 % × 40
      ["x03_jeunes_18_25 2025 62", 8, "ratio"], // 20 % × 40
    ]);
  });

  it("ne retrouve rien après le secret, qui masque le moins possible", async () => {
    expect((await attaquerParDifferences(connection)).recuperees).toEqual([]);
    const masquees = await query<{ k: string }>(connection, "SELECT indicateur || ' ' || periode || ' ' || territoire AS k FROM mart_indicateurs_publics WHERE secret");
    expect(masquees.map((m) => m.k).sort()).toEqual([
      "i01 2025 artois", // the union of Artois' months: January alone, masked below, would be the year
      "i01 2025 lens_henin", // primary (3)
      "i01 2025-01 artois", // smallest positive beside Lens-Hénin in AMI 1's January (27 < 30)
      "i01 2025-01 lens_henin", // primary (3)
      "i01_entrees 2026 artois", // primary (5)
      "i01_entrees 2026 audomarois", // smallest positive beside Boulonnais in AMI 2 (12 < 22)
      "i01_entrees 2026 boulonnais", // primary (10)
      "i01_entrees 2026 lens_henin", // smallest positive beside Artois in AMI 1 (25 < 30)
      "i03 2025-02 62", // primary (3)
      "i03 2025-03 62", // smallest positive of the year beside February (15 < 20 < 38)
      "i13 2025-10 62", // primary (7)
      "i13 2025-11 62", // primary (6)
      "i13 2025-12 62", // smallest positive of the convention period beside November (40 < 50 < 96)
      "i13 2026-01 62", // 2025 − convention = October − January: smallest positive beside October (50 < 53 < 96)
      "i13 2026 62", // its one month, January, is masked
      "x03_jeunes 2026 62", // primary (6)
      "x03_jeunes_18_25 2025 62", // primary (8)
      "x03_part_jeunes 2026 62", // its numerator is masked
      "x03_part_jeunes_18_25 2025 62", // its numerator is masked
    ].sort());
    // The share whose own terms are published stays, although another count of its cell is masked.
    const [part] = await query<{ valeur: number }>(connection, "SELECT valeur FROM mart_indicateurs_publics WHERE indicateur = 'x03_part_jeunes' AND periode = '2025'");
    expect(part!.valeur).toBe(50);
  });

  it("retrouve un mois par la réunion des mois quand seul le secret des sommes est appliqué", async () => {
    // The secret's output with Artois' 2025 published again, as a secret that ignored unions would leave it.
    await connection.run(`
      CREATE TABLE sans_reunion AS SELECT * FROM mart_indicateurs_publics;
      UPDATE sans_reunion SET secret = false, valeur = 27 WHERE indicateur = 'i01' AND periode = '2025' AND territoire = 'artois'`);
    expect(await trouvees(connection, "sans_reunion")).toEqual([
      ["i01 2025 lens_henin", 3, "mois (réunion)"],
      ["i01 2025-01 artois", 27, "mois (réunion)"], // its year, February being 0
      ["i01 2025-01 lens_henin", 3, "territoires"], // then AMI 1 30 − Artois 27
    ]);
  });

  it("retrouve un mois par deux périodes qui se chevauchent quand le secret ignore leur écart", async () => {
    // The secret's output with January 2026 (and so 2026) published again, as a secret that linked each period to its
    // months only would leave them: 2025 − convention period = October − January gives October.
    await connection.run(`
      CREATE TABLE sans_chevauchement AS SELECT * FROM mart_indicateurs_publics;
      UPDATE sans_chevauchement SET secret = false, valeur = 50 WHERE indicateur = 'i13' AND periode IN ('2026-01', '2026')`);
    expect((await trouvees(connection, "sans_chevauchement")).filter(([k]) => String(k).startsWith("i13"))).toEqual([["i13 2025-10 62", 7, "périodes chevauchantes"]]);
  });
});

describe("attaque par différences sur la base de démonstration", () => {
  let connection: DuckDBConnection;

  beforeAll(async () => {
    const base = databaseOfBuild();
    if (!existsSync(base)) throw new Error(`Base introuvable (${base}) : lancez d'abord npm run pipeline.`);
    connection = await openDatabase(base, { readOnly: true });
  }, 60_000);

  afterAll(() => connection && closeDatabase(connection));

  it("ne retrouve aucune case masquée, même en supposant tout effectif additif", async () => {
    const [{ masquees }] = (await query<{ masquees: number }>(connection, "SELECT count(*) AS masquees FROM mart_indicateurs_publics WHERE secret")) as [{ masquees: number }];
    expect(masquees).toBeGreaterThan(1000);
    for (const toutAdditif of [false, true]) {
      const attaque = await attaquerParDifferences(connection, { toutAdditif });
      expect(attaque.relations).toBeGreaterThan(100_000);
      expect(attaque.recuperees.slice(0, 5), `toutAdditif = ${toutAdditif}`).toEqual([]);
    }
  }, 120_000);
});
