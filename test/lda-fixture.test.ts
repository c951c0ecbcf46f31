// Logement d'abord indicators, financing and alerts on a hand-made fixture (test/fixtures/lda/, snapshot at
// 2026-12-31). Every expected value below was computed by hand from the definitions in ../shared/spec/fiches.md
// (2.4 §3, §0.5); the computation is written next to it.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;
/** The fixture's « today »: its snapshot, for the deadline rules and the balances. */
const REFERENCE = "2026-12-31";

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await loadReference(connection, undefined, REFERENCE);
  const report = await ingestDirectory(connection, "test/fixtures/lda", { dateReference: REFERENCE });
  expect(report.fichiers.every((f) => f.rejetees === 0)).toBe(true);
  await runModels(connection);
});

async function valeur(fiche: string, indicateur: string, periode: string, territoire = "62", ventilation = "ensemble", modalite = "ensemble") {
  const rows = await query<{ valeur: number }>(
    connection,
    `SELECT valeur FROM mart_indicateurs WHERE fiche = $1 AND indicateur = $2 AND periode = $3 AND territoire = $4 AND ventilation = $5 AND modalite = $6`,
    [fiche, indicateur, periode, territoire, ventilation, modalite],
  );
  return rows.length === 1 ? rows[0]!.valeur : rows.length === 0 ? undefined : Number.NaN;
}

describe("mois-mesures (spec §0.5.6)", () => {
  it("counts 12 for a measure from 15 January to 31 December and clips the 31st to the month's end", async () => {
    const rows = await query<{ id_mesure: string; n: number; dernier: string }>(
      connection,
      "SELECT id_mesure, count(*) AS n, max(debut_mois_mesure)::VARCHAR AS dernier FROM int_lda_mois_mesures GROUP BY ALL ORDER BY 1",
    );
    const of = (id: string) => rows.find((r) => r.id_mesure === id);
    // M1 2026-01-15 → 2026-12-31: months start 15/01 … 15/12 (15/12 ≤ 31/12) = 12
    expect(of("M1")).toEqual({ id_mesure: "M1", n: 12, dernier: "2026-12-15" });
    // M2 2026-01-31, running at 2026-12-31: 31/01, 28/02 (clipped), 31/03 … 31/12 = 12
    expect(of("M2")).toEqual({ id_mesure: "M2", n: 12, dernier: "2026-12-31" });
    // M5 2025-12-20 → 2026-02-19: 20/12, 20/01 (20/02 > 19/02) = 2
    expect(of("M5")?.n).toBe(2);
    // M7 2024-01-01 → 2026-06-30: 30 months
    expect(of("M7")?.n).toBe(30);
  });
});

describe("indicators, fiche 2.4 ADSL, year 2026, département", () => {
  it("i01 persons accompanied: 4, by sex and age band", async () => {
    // active in 2026: OP-A/P1 (M1), OP-A/P2 (M2), OP-B/P1 (M6: another operator's pseudonym), OP-A/P7 (M7 until 30/06) = 4
    expect(await valeur("f2_4_adsl", "i01", "2026")).toBe(4);
    // F: OP-A/P1, OP-B/P1 = 2 ; M: P2, P7 = 2
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe", "F")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe", "M")).toBe(2);
    // ages 34 → 26_35 ; 2026 − 1990 = 36 → 36_50 ; 60 → 51_65 ; 40 → 36_50
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "tranche_age", "36_50")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe_tranche_age", "M|36_50")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "tranche_age", "51_65")).toBe(1);
    // new entries in 2026: M1, M2, M6 (M7 began in 2024) = 3
    expect(await valeur("f2_4_adsl", "i01_entrees", "2026")).toBe(3);
  });

  it("i01 at territory and AMI level recounts distinct persons", async () => {
    // lens_henin: OP-A/P1, OP-B/P1 = 2 ; artois: P2, P7 = 2 ; ami1 = 4
    expect(await valeur("f2_4_adsl", "i01", "2026", "lens_henin")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "artois")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "ami1")).toBe(4);
  });

  it("i02 rehoused, i03 sub-leases, i06 training (0), i07 jobs by contract", async () => {
    // relogements dated 2026: M1 10/03 parc_social, M2 15/02 sous-location = 2
    expect(await valeur("f2_4_adsl", "i02", "2026")).toBe(2);
    expect(await valeur("f2_4_adsl", "i02", "2026", "62", "type_logement_relogement", "parc_social")).toBe(1);
    // sub-lease started 15/02/2026 (M2) = 1; lease slid 01/11/2026 = 1
    expect(await valeur("f2_4_adsl", "i03", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i03_glissements", "2026")).toBe(1);
    // nobody entered training: published as 0, not left out
    expect(await valeur("f2_4_adsl", "i06", "2026")).toBe(0);
    // M2 job on 01/06/2026, CDD = 1
    expect(await valeur("f2_4_adsl", "i07", "2026", "62", "type_contrat_emploi", "cdd")).toBe(1);
  });

  it("i04 partners, i05 collective actions, i08/i09 follow-ups, i10 budget goals", async () => {
    // pairs: M1 {sante, ccas} + M2 {bailleur_social} = 3 ; over 4 active measures → 0,75
    expect(await valeur("f2_4_adsl", "i04", "2026")).toBe(3);
    expect(await valeur("f2_4_adsl", "i04", "2026", "62", "categorie_partenaire", "ccas")).toBe(1);
    expect(await valeur("f2_4_adsl", "i04_moyenne", "2026")).toBe(0.75);
    // AC1 (mixte, counts for 2.4 via M1 and for 2.6 via M3) + AC2 (adsl, artois) = 2 actions ; participations 3 + 2 = 5
    expect(await valeur("f2_4_adsl", "i05", "2026")).toBe(2);
    expect(await valeur("f2_4_adsl", "i05_participations", "2026")).toBe(5);
    // participants: OP-A/P1 listed at AC1 (held M1) + OP-B/P1 (no participation table: fallback nb_actions_collectives = 1) = 2
    expect(await valeur("f2_4_adsl", "i05_participants", "2026")).toBe(2);
    // health follow-ups: M1 2 ; mental health: M2 1
    expect(await valeur("f2_4_adsl", "i08", "2026")).toBe(2);
    expect(await valeur("f2_4_adsl", "i08_mesures", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i09", "2026")).toBe(1);
    // M1 budget goals reached, evaluated 20/12/2026 = 1
    expect(await valeur("f2_4_adsl", "i10", "2026")).toBe(1);
  });

  it("x01 mois-mesures by year and by month", async () => {
    // 2026: M1 12 + M2 12 + M6 2 (01/03, 01/04) + M7 6 (01/01 … 01/06) = 32
    expect(await valeur("f2_4_adsl", "x01", "2026")).toBe(32);
    // February 2026: M1 15/02, M2 28/02, M7 01/02 = 3
    expect(await valeur("f2_4_adsl", "x01", "2026-02")).toBe(3);
    // additive across territories: lens_henin M1 12 + M6 2 = 14 ; artois M2 12 + M7 6 = 18
    expect(await valeur("f2_4_adsl", "x01", "2026", "lens_henin")).toBe(14);
    expect(await valeur("f2_4_adsl", "x01", "2026", "artois")).toBe(18);
  });
});

describe("indicators of the other fiches", () => {
  it("2.6 ENVAUL: the young person, by single year of age, training, housekeeping goals", async () => {
    // M3 (25 years old, from 01/07/2026)
    expect(await valeur("f2_6_envaul", "i01", "2026")).toBe(1);
    expect(await valeur("f2_6_envaul", "i01", "2026", "62", "age", "25")).toBe(1);
    expect(await valeur("f2_6_envaul", "i06", "2026")).toBe(1); // training 01/09/2026
    expect(await valeur("f2_6_envaul", "i11", "2026")).toBe(1); // entretien du logement: atteint, 15/12/2026
    expect(await valeur("f2_6_envaul", "i10", "2026")).toBe(0); // budget only partly reached…
    expect(await valeur("f2_6_envaul", "i10_partiel", "2026")).toBe(1); // …shown apart
    expect(await valeur("f2_6_envaul", "x01", "2026")).toBe(6); // 01/07 … 01/12
    expect(await valeur("f2_6_envaul", "i05_participants", "2026")).toBe(1); // P3 at AC1
  });

  it("2.5 VIAL and 2.7 extension", async () => {
    // M4, VIAL from 10/11/2026: 10/11, 10/12 = 2 mois-mesures; same pseudonym as M1 but another fiche
    expect(await valeur("f2_5_vial", "i01", "2026")).toBe(1);
    expect(await valeur("f2_5_vial", "x01", "2026")).toBe(2);
    // M5 on the Calaisis: 2.7 ; one mois-mesure in 2025 (20/12) and one in 2026 (20/01)
    expect(await valeur("f2_7_lda_extension", "x01", "2025")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "x01", "2026", "calaisis")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "i01", "2026", "extension_2024")).toBe(1);
  });
});

describe("financing « en fonction du service fait »", () => {
  it("prorates tariffs by mois-mesures, caps by the convention, deducts the 60 % advance", async () => {
    const rows = await query<Record<string, number | string>>(
      connection,
      "SELECT id_convention, mois_mesures, du_service_fait, du_retenu, avance, solde, trop_percu FROM mart_lda_financement ORDER BY 1",
    );
    expect(rows).toEqual([
      // C1 OP-A ADSL 2026: M1 12 + M2 12 + M7 6 = 30 × 5 000 / 12 = 12 500 ; capped at 8 000 ; advance 60 % × 8 000 = 4 800 ; balance 3 200
      { id_convention: "C1", mois_mesures: 30, du_service_fait: 12500, du_retenu: 8000, avance: 4800, solde: 3200, trop_percu: 0 },
      // C2 OP-A ENVAUL: 6 × 5 000 / 12 = 2 500 + justified subsides 4 500 capped at 5 000 × 6 / 12 = 2 500 → 5 000 ;
      // advance 12 000 → balance −7 000, trop-perçu 7 000 (the 300 € without receipt is not funded)
      { id_convention: "C2", mois_mesures: 6, du_service_fait: 5000, du_retenu: 5000, avance: 12000, solde: -7000, trop_percu: 7000 },
      // C3 OP-B ADSL: 2 × 5 000 / 12 = 833,33 ; advance 6 000 → trop-perçu 5 166,67
      { id_convention: "C3", mois_mesures: 2, du_service_fait: 833.33, du_retenu: 833.33, avance: 6000, solde: -5166.67, trop_percu: 5166.67 },
      // C4 OP-A 2.7 (01/11/2025 → 31/10/2026): M5 20/12/2025 + 20/01/2026 = 2 × 5 000 / 12 = 833,33 ; advance 3 000
      { id_convention: "C4", mois_mesures: 2, du_service_fait: 833.33, du_retenu: 833.33, avance: 3000, solde: -2166.67, trop_percu: 2166.67 },
    ]);
  });
});

describe("rule checks", () => {
  it("raise exactly the alerts the fixture breaks", async () => {
    const alerts = await query<{ a: string }>(
      connection,
      "SELECT id_enregistrement || ' ' || regle || ' ' || severite AS a FROM mart_lda_alertes ORDER BY 1",
    );
    expect(alerts.map((r) => r.a)).toEqual([
      "B2 r05 avertissement", // M7's bilan_6m without the intervention frequency
      "M1 r06 info", // ended 31/12/2026, exit reported 05/01/2027: 5 days later
      "M1 r11 info", // started 15/01/2026 before the rehousing 10/03/2026: 2 mois-mesures before (15/01, 15/02), 10 of 12 left
      "M2 r02 avertissement", // contract never sent to the coordinator
      "M2 r02 erreur", // signed 02/02 after the start 31/01
      "M2 r05 avertissement", // ran 6 months (31/07 ≤ 01/01/2027), no bilan_6m
      "M2 r11 info", // started 31/01/2026 before the rehousing 15/02/2026: 1 mois-mesure before, 11 of 12 left
      "M3 r05 avertissement", // ran 6 months (01/01/2027 ≤ 01/01/2027), no bilan_6m
      "M3 r13 avertissement", // ENVAUL at 25: « moins de 25 ans » vs « 18 à 25 ans »
      "M3 r14 avertissement", // subsides 4 800 € > 5 000 × 6 / 12 = 2 500 € to date; running: the surplus may be paid later
      "M5 r06 avertissement", // ended (rupture) without signalling the exit
      "M6 r06 info", // ended 30/04/2026, reported 02/05/2026: 2 days later
      "M6 r07 avertissement", // OP-B counted 1 month, the dates give 2
      "M7 r03 erreur", // 30 months > 12 + 12 of renewal
      "M7 r05 avertissement", // ran 12 months, no bilan_12m
      "M7 r06 info", // ended 30/06/2026, reported 01/07/2026: 1 day later
    ]);
  });
});

describe("model runner", () => {
  it("names the model and shows the failing rows when a data test fails", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "obs-sql-"));
    mkdirSync(join(dir, "tests"));
    writeFileSync(join(dir, "staging_deux.sql"), "-- test: unique(x)\nSELECT 1 AS x UNION ALL SELECT 1");
    await expect(runModels(connection, { dir })).rejects.toThrow(/staging_deux : unique\(x\)[\s\S]*"occurrences":2/);
  });
});

describe("records sent twice", () => {
  it("are counted once and listed for follow-up", async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "obs-doublons-"));
    cpSync("test/fixtures/lda", dir, { recursive: true });
    // The same subsidy S1 again, in a file for another period: 2 000 € must not be counted twice.
    writeFileSync(join(dir, "envaul_subsides__OP-A__2026-11.csv"), "code_operateur,id_subside,id_mesure,date,categorie,montant,justificatif\nOP-A,S1,M3,2026-07-10,loyer,2000,Oui\n");
    const twice = await openDatabase(":memory:");
    await loadReference(twice, undefined, REFERENCE);
    await ingestDirectory(twice, dir, { dateReference: REFERENCE });
    await runModels(twice);
    expect(await query(twice, "SELECT table_rapport, identifiant, nb_fichiers FROM mart_qualite_doublons")).toEqual([
      { table_rapport: "envaul_subsides", identifiant: "S1", nb_fichiers: 2 },
    ]);
    // C2 unchanged: subsides still 2 000 + 2 000 + 500 = 4 500, capped at 2 500 → due 5 000
    const [c2] = await query(twice, "SELECT du_service_fait FROM mart_lda_financement WHERE id_convention = 'C2'");
    expect(c2).toEqual({ du_service_fait: 5000 });
  });
});

describe("Logement d'abord euros and rules of issue 14 (test/fixtures/lda-euros/, snapshot 2026-11-30)", () => {
  // OP-E's ENVAUL measure E1 (01/11/2025 → 31/10/2026: mois-mesures 01/11/2025 … 01/10/2026 = 12) spans two
  // conventions, CE1 (2025) and CE2 (01/01 → 31/10/2026); its subsides are front-loaded: 1 500 + 300 in November 2025,
  // then 200 (02/2026) and 400 (05/2026), plus 50 without receipt; E2 (September 2026) spent 600 € in its one month.
  // OP-S's ADSL measure S1 (01/01 → 31/10/2026,
  // 10 mois-mesures, rehoused 15/03/2026) is paid by CS1 (12 000 €), with four sécurisation requests, weekly meetings
  // and a financial report.
  let euros: DuckDBConnection;
  beforeAll(async () => {
    euros = await openDatabase(":memory:");
    await loadReference(euros);
    const report = await ingestDirectory(euros, "test/fixtures/lda-euros");
    expect(report.fichiers.every((f) => f.rejetees === 0)).toBe(true);
    await runModels(euros);
  });

  it("pays front-loaded ENVAUL subsides later as the measure's cap grows, and rounds once", async () => {
    const rows = await query<Record<string, unknown>>(
      euros,
      `SELECT id_convention, mois_mesures, du_accompagnement, du_subsides, du_mesures, du_service_fait, avance, solde, trop_percu
       FROM mart_lda_financement WHERE fiche = 'f2_6_envaul' ORDER BY 1`,
    );
    expect(rows).toEqual([
      // CE1 closes 31/12/2025: E1 has 2 mois-mesures (01/11, 01/12) → cap to date 5 000 × 2 / 12 = 833,333… ;
      // justified subsides so far 1 500 + 300 = 1 800 → owed min(1 800, 833,333…) = 833,333…, nothing paid before.
      // Accompaniment 2 × 5 000 / 12 = 833,333…. Rounded once: 1 666,666… → 1 666,67 (rounding each part first gave
      // 833,33 + 833,33 = 1 666,66: the lost cent). Advance 60 % × 10 000 = 6 000 → trop-perçu 4 333,33.
      { id_convention: "CE1", mois_mesures: 2, du_accompagnement: 833.33, du_subsides: 833.33, du_mesures: 1666.67, du_service_fait: 1666.67, avance: 6000, solde: -4333.33, trop_percu: 4333.33 },
      // CE2 closes 31/10/2026: E1 has 12 mois-mesures → cap 5 000 ; justified subsides 1 800 + 200 + 400 = 2 400 (the
      // 50 € without receipt is not paid) → owed 2 400, minus the 833,333… CE1 paid = 1 566,666… (counting only the 600 €
      // dated in 2026, as before, lost the 966,67 € the cap had held back in 2025). E2 (one month, 01/09 → 30/09/2026)
      // spent 600 € for a cap of 5 000 × 1 / 12 = 416,666… → 416,666…. Accompaniment (10 + 1) × 5 000 / 12 = 4 583,333… ;
      // subsides 1 566,666… + 416,666… = 1 983,333… ; total (55 000 + 18 800 + 5 000) / 12 = 6 566,666… → 6 566,67
      // (the parts rounded apart, 4 583,33 + 1 983,33, would give 6 566,66). Advance at CE2's 70 % (r10 says it is not
      // the fiche's 60 %) × 10 000,05 = 7 000,035 → 7 000,04 (in DOUBLE 7 000,034999… gave 7 000,03) ;
      // balance 6 566,67 − 7 000,04 = −433,37.
      { id_convention: "CE2", mois_mesures: 11, du_accompagnement: 4583.33, du_subsides: 1983.33, du_mesures: 6566.67, du_service_fait: 6566.67, avance: 7000.04, solde: -433.37, trop_percu: 433.37 },
    ]);
  });

  it("rounds a quotient or a rate once, half away from zero, exactly (sql/macros/arrondi_centimes.sql)", async () => {
    const [r] = await query<Record<string, number>>(
      euros,
      `SELECT arrondi_centimes(CAST(0.06 AS DECIMAL(18, 2)), 12) AS demi, arrondi_centimes(CAST(-0.06 AS DECIMAL(18, 2)), 12) AS demi_negatif,
              arrondi_centimes(7 * CAST(5000 AS DECIMAL(18, 2)), 12) AS tiers, montant_au_taux(0.7, 0.05) AS taux_petit,
              montant_au_taux(CAST(0.7 AS DOUBLE), CAST(10000.05 AS DOUBLE)) AS taux_double`,
    );
    // 0,06 / 12 = 0,005 exactly → 0,01 (and −0,01) ; 35 000 / 12 = 2 916,666… → 2 916,67 ;
    // 0,7 × 0,05 = 0,035 → 0,04 ; 0,7 × 10 000,05 = 7 000,035 → 7 000,04 even from DOUBLE arguments
    expect(r).toEqual({ demi: 0.01, demi_negatif: -0.01, tiers: 2916.67, taux_petit: 0.04, taux_double: 7000.04 });
  });

  it("pays the sécurisation on top, capped per request and within the convention's unused part, on its own line", async () => {
    const [cs1] = await query<Record<string, unknown>>(
      euros,
      `SELECT du_mesures, nb_demandes_securisation, securisation_accordee, securisation_plafonnee, du_securisation, du_service_fait, du_retenu, solde
       FROM mart_lda_financement WHERE id_convention = 'CS1'`,
    );
    // S1: 10 × 5 000 / 12 = 4 166,67. Requests accorded with justificatifs: D1 6 000 (capped at 5 000) and D2 3 000
    // (D3 has no justificatifs, D4 was refused) → 9 000 accorded, 5 000 + 3 000 = 8 000 within the per-request cap;
    // unused part 12 000 − 4 166,67 = 7 833,33 < 8 000 → 7 833,33 paid on top; due 4 166,67 + 7 833,33 = 12 000 ;
    // advance 60 % × 12 000 = 7 200 → balance 4 800.
    expect(cs1).toEqual({
      du_mesures: 4166.67, nb_demandes_securisation: 2, securisation_accordee: 9000, securisation_plafonnee: 8000,
      du_securisation: 7833.33, du_service_fait: 12000, du_retenu: 12000, solde: 4800,
    });
    const lignes = await query(euros, "SELECT id_convention, du_service_fait, du_securisation FROM mart_financement WHERE id_convention IN ('CS1', 'CE2') ORDER BY 1");
    // ENVAUL has no sécurisation: no line (NULL), not a zero.
    expect(lignes).toEqual([
      { id_convention: "CE2", du_service_fait: 6566.67, du_securisation: null },
      { id_convention: "CS1", du_service_fait: 12000, du_securisation: 7833.33 },
    ]);
  });

  it("raise r04, r08, r09, r11, r14 and r15 where the fixture breaks them, and only there", async () => {
    const alerts = await query<{ id_enregistrement: string; regle: string; severite: string; detail: string }>(
      euros,
      "SELECT id_enregistrement, regle, severite, detail FROM mart_lda_alertes WHERE regle IN ('r04', 'r08', 'r09', 'r11', 'r14', 'r15') ORDER BY ALL",
    );
    expect(alerts).toEqual([
      // unused part 12 000 − 4 166,67 = 7 833,33 < 8 000 accorded within the per-request cap
      { id_enregistrement: "CS1", regle: "r08", severite: "erreur", detail: "sécurisations accordées de 8 000,00 € (plafonnées par demande) au-delà de la part non utilisée de la convention (12 000,00 € conventionnés − 4 166,67 € dus pour les mesures) : 7 833,33 € financés" },
      // charges 2 000 + 1 100 = 3 100 > 25 % × 12 000 = 3 000 (staff costs 5 000 do not count); CS1 is closed: an error.
      // CE2's 1 000 ≤ 25 % × 6 566,67 = 1 641,67: no alert.
      { id_enregistrement: "CS1", regle: "r09", severite: "erreur", detail: "charges directes et indirectes de 3 100,00 € : plafond de 25 % du montant versé par le Département (12 000,00 €), soit 3 000,00 €" },
      { id_enregistrement: "D1", regle: "r08", severite: "erreur", detail: "sécurisation de 6 000,00 € accordée pour la mesure S1 : plafond de 5 000,00 € par demande (le surplus n'est pas financé)" },
      { id_enregistrement: "D3", regle: "r08", severite: "erreur", detail: "sécurisation accordée pour la mesure S1 sans justificatifs : non financée" },
      // ended 31/10/2026 with parcours_ase but no housekeeping goal
      { id_enregistrement: "E1", regle: "r15", severite: "avertissement", detail: "mesure ENVAUL terminée sans objectif d'entretien du logement" },
      // ended 30/09/2026: 600 € > 5 000 × 1 / 12 = 416,67 € for good, an error (E1's 2 450 € ≤ 5 000 €: none)
      { id_enregistrement: "E2", regle: "r14", severite: "erreur", detail: "subsides de 600,00 € pour 1 mois-mesures : plafond de 416,67 €" },
      // full weeks inside 01/01 → 31/10/2026: W02 (05-11/01) 3 + 1 ok, W03 2 meetings, W04 no home visit; W01
      // (29/12/2025-04/01/2026) starts before the measure and W44 (26/10-01/11/2026) ends after it: not full weeks
      { id_enregistrement: "S1", regle: "r04", severite: "avertissement", detail: "2 semaine(s) pleine(s) sur 3 sous le minimum de 3 rencontres dont 1 au domicile : 2026-W03 (2 rencontre(s), 1 au domicile), 2026-W04 (4 rencontre(s), 0 au domicile)" },
      // 2025 has 52 ISO weeks
      { id_enregistrement: "S1", regle: "r04", severite: "avertissement", detail: "semaine 2025-W53 inexistante (l'année 2025 compte 52 semaines ISO) : corriger la semaine" },
      // rehoused 15/03/2026: 01/01, 01/02, 01/03 before it = 3 ; 12 − 3 = 9 left
      { id_enregistrement: "S1", regle: "r11", severite: "info", detail: "mesure commencée le 01/01/2026 avant le relogement du 15/03/2026 : 3 mois-mesure(s) avant le relogement, 9 restant(s) sur les 12 prévus" },
    ]);
  });
});
