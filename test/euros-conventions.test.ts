// Issue 14 points 7, 10, 13 and 14 on one hand-made fixture (test/fixtures/euros/, every operator file of snapshot
// 2026-12, so the run's reference date is the next day, 01/01/2027: sql/macros/periodes_conventions.sql). Every
// expected value is computed by hand from ../shared/spec/fiches.md (§0.5, 2.1, 2.11, 2.12), written beside it.
//
// Conventions (conventions__CD62__2026.csv):
//   I25 2.1 OP-I 01/01/2025-31/12/2025, I26 2.1 OP-I 01/01/2026-31/12/2026: 100 000 € each, single payment (taux 1)
//   S25 2.11 OP-S lot1 01/06/2025-31/05/2026 2 000 € taux 0,70 session=1000   → closed (31/05/2026 < 01/01/2027)
//   S26 2.11 OP-S lot1 01/06/2026-31/05/2027 3 000 € taux 0,70 session=1000   → running
//   S27 2.11 OP-S lot1 01/06/2027-31/05/2028 3 000 € taux 0,70 session=1000   → to come (starts after 01/01/2027)
//   T26 2.11 OP-T lot2 01/06/2026-31/05/2027 5 000 € taux 0,70 session=1000   → running
//   U26 2.11 OP-U lot2 01/06/2026-31/05/2027 12 000 € taux 0,70 session=13000 ; V26 OP-V lot1 same dates 8 000 €
//       session=9000: with S26 and T26 they are due more than the 2.11 envelope of 20 000 € for 2026
//   PA  2.12 OP-PA lot1 both projects 01/06/2026-31/05/2027 250 000 € taux 0,70 action=100000
//   PB  2.12 OP-PB lot2 projet_2       01/06/2026-31/05/2027 150 000 € taux 0,70 action=62440
// 2.1 bilan BI25 (OP-I, bilan_final_action, objet convention, id_objet « RAPPORT-ANNUEL »: no such convention)
//   remitted 15/02/2026: the convention whose end is nearest is I25 (31/12/2025: 46 days; I26 31/12/2026: 319 days).
// 2.11 sessions (declared present / present rows on the attendance sheet):
//   SA OP-S lot1 10/03/2026 9 / 9 ; SB OP-S lot1 15/09/2026 9 / 7 (2 absent rows) ; SC OP-S lot1 15/10/2026 7 / 8
//   TA OP-T lot2 20/05/2026 9 / 9 (before T26 starts) ; TB OP-T lot2 05/11/2026 8 / 8
//   UA OP-U lot2 10/09/2026 8 / 8 ; VA OP-V lot1 10/09/2026 8 / 8
// 2.11 envelope for 2026: S26 1 000 + T26 1 000 + U26 min(13 000, lot 2 cap 12 000, 12 000) = 12 000 + V26 min(9 000,
//   lot 1 cap 8 000, 8 000) = 8 000 → 22 000 > 20 000: each × 20 000 / 22 000 → 1 000 → 909,0909… = 909,09 ;
//   12 000 → 10 909,0909… = 10 909,09 ; 8 000 → 7 272,7272… = 7 272,73 (S25, of 2025, is alone in its exercice)
// 2.12: household H1 (OP-PA, lot1) validated by the SLISL 20/06/2026; acts D1 diagnostic social 10/06/2026 (before
//   the validation) 120 €, D2 the same diagnostic redone 25/06/2026 120 €; projet 2 actions XA1, XA2 (OP-PA, 10
//   participants each), XB1, XB2 (OP-PB, 8 participants each).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

let connection: DuckDBConnection;

beforeAll(async () => {
  // sens_emargements has personal columns (empty here): a key is given as for any such file.
  // The fixture's « today »: its files are drawn up at the end of December 2026, the day the balances are read.
  connection = await loadFixture("test/fixtures/euros", { pseudonymKey: "cle-de-test-euros-non-secrete", dateReference: "2026-12-31" });
}, 240_000);

afterAll(() => connection?.closeSync());

const financement = async (id: string) =>
  (await query<Record<string, unknown>>(
    connection,
    "SELECT statut_periode, du_service_fait, du_retenu, avance, solde, trop_percu FROM mart_financement WHERE id_convention = $1",
    [id],
  ))[0];

describe("balances exist only for closed periods (point 14)", () => {
  it("a closed 2.11 convention has its solde and trop-perçu", async () => {
    // S25: funded sessions in its period on lot1: SA (9 present ≥ 8) = 1 × 1 000 = 1 000 ; retenu min(1 000, 8 000, 2 000)
    // = 1 000 ; avance 0,70 × 2 000 = 1 400 ; solde 1 000 − 1 400 = −400 → trop-perçu 400
    expect(await financement("S25")).toEqual({ statut_periode: "close", du_service_fait: 1000, du_retenu: 1000, avance: 1400, solde: -400, trop_percu: 400 });
  });

  it("a running convention shows its advance and what is due so far, no solde", async () => {
    // S26: SB not funded (7 present), SC funded (8 present) → 1 000, retained 909,09 within the envelope ; avance 0,70 ×
    // 3 000 = 2 100 ; running: no solde (the old rule read a trop-perçu on a convention with five months to run)
    expect(await financement("S26")).toEqual({ statut_periode: "en_cours", du_service_fait: 1000, du_retenu: 909.09, avance: 2100, solde: null, trop_percu: null });
  });

  it("a convention not started yet shows its advance only", async () => {
    // S27 starts 01/06/2027 > 01/01/2027: nothing due yet ; avance 0,70 × 3 000 = 2 100 ; no solde, no trop-perçu
    expect(await financement("S27")).toEqual({ statut_periode: "a_venir", du_service_fait: 0, du_retenu: 0, avance: 2100, solde: null, trop_percu: null });
  });

  it("single-payment conventions: solde 0 once closed", async () => {
    // I25 and I26 both ended before 01/01/2027: du_retenu = avance = min(100 000, 100 000) = 100 000, solde 0
    expect(await financement("I25")).toEqual({ statut_periode: "close", du_service_fait: 100000, du_retenu: 100000, avance: 100000, solde: 0, trop_percu: 0 });
    expect(await financement("I26")).toEqual({ statut_periode: "close", du_service_fait: 100000, du_retenu: 100000, avance: 100000, solde: 0, trop_percu: 0 });
  });
});

describe("2.11: funded inside the convention period, 8 present on the attendance sheet (point 13)", () => {
  it("a session before its convention is not funded, present rows decide the threshold", async () => {
    const rows = await query<{ id_session: string; participants_retenus: number; financee: boolean; id_convention: string | null }>(
      connection,
      "SELECT id_session, participants_retenus, financee, id_convention FROM int_f2_11_sessions ORDER BY id_session",
    );
    expect(rows).toEqual([
      { id_session: "SA", participants_retenus: 9, financee: true, id_convention: "S25" },
      // 9 declared but 7 present on the sheet: 7 < 8
      { id_session: "SB", participants_retenus: 7, financee: false, id_convention: "S26" },
      // 7 declared but 8 present on the sheet: 8 ≥ 8 (the smaller of the two, 7, refused it before)
      { id_session: "SC", participants_retenus: 8, financee: true, id_convention: "S26" },
      // 20/05/2026, before T26 (01/06/2026) and OP-T has no other convention: nothing pays it
      { id_session: "TA", participants_retenus: 9, financee: false, id_convention: null },
      { id_session: "TB", participants_retenus: 8, financee: true, id_convention: "T26" },
      { id_session: "UA", participants_retenus: 8, financee: true, id_convention: "U26" },
      { id_session: "VA", participants_retenus: 8, financee: true, id_convention: "V26" },
    ]);
    // T26: TB only → 1 × 1 000 = 1 000, retained 909,09 within the envelope ; avance 0,70 × 5 000 = 3 500 ; running
    expect(await financement("T26")).toEqual({ statut_periode: "en_cours", du_service_fait: 1000, du_retenu: 909.09, avance: 3500, solde: null, trop_percu: null });
  });

  it("publishes as funded only the sessions a convention pays", async () => {
    const valeur = publishedValue(() => connection, "f2_11_sensibilisation_pe");
    // 2026, lot1: SA, SC, VA = 3 ; lot2: TB, UA = 2 (TA, before its convention, is held but not funded) ;
    // held: lot2 TA, TB, UA = 3
    expect(await valeur("i01_sessions_financees", "2026", "lot1")).toBe(3);
    expect(await valeur("i01_sessions_financees", "2026", "lot2")).toBe(2);
    expect(await valeur("i01", "2026", "lot2")).toBe(3);
  });

  it("the 20 000 € envelope of 2.11 is shared in proportion", async () => {
    const rows = await query<Record<string, unknown>>(
      connection,
      "SELECT id_convention, exercice, du_convention, du_exercice, du_retenu FROM mart_f2_11_financement ORDER BY 1",
    );
    expect(rows).toEqual([
      { id_convention: "S25", exercice: "2025", du_convention: 1000, du_exercice: 1000, du_retenu: 1000 },
      { id_convention: "S26", exercice: "2026", du_convention: 1000, du_exercice: 22000, du_retenu: 909.09 },
      { id_convention: "S27", exercice: "2027", du_convention: 0, du_exercice: 0, du_retenu: 0 },
      { id_convention: "T26", exercice: "2026", du_convention: 1000, du_exercice: 22000, du_retenu: 909.09 },
      { id_convention: "U26", exercice: "2026", du_convention: 12000, du_exercice: 22000, du_retenu: 10909.09 },
      { id_convention: "V26", exercice: "2026", du_convention: 8000, du_exercice: 22000, du_retenu: 7272.73 },
    ]);
    const r04 = await query<{ id_enregistrement: string }>(
      connection,
      "SELECT id_enregistrement FROM mart_alertes WHERE fiche = 'f2_11_sensibilisation_pe' AND regle = 'r04' AND detail LIKE 'conventions 2.11%' ORDER BY 1",
    );
    expect(r04.map((r) => r.id_enregistrement)).toEqual(["S26", "T26", "U26", "V26"]);
  });

  it("r01 names both reasons", async () => {
    const rows = await query<{ id_enregistrement: string; detail: string }>(
      connection,
      "SELECT id_enregistrement, detail FROM mart_alertes WHERE fiche = 'f2_11_sensibilisation_pe' AND regle = 'r01' ORDER BY 1",
    );
    expect(rows).toEqual([
      { id_enregistrement: "SB", detail: "session du 15/09/2026 : 7 présent(s) à l'émargement (9 déclaré(s)), moins de 8 : session non financée" },
      { id_enregistrement: "TA", detail: "session du 20/05/2026 hors de toute convention 2.11 de l'opérateur sur le lot2 : session non financée" },
    ]);
  });
});

describe("2.12: the 260 000 € envelope and the once-only allowance (point 10)", () => {
  it("an act refused before the SLISL validation does not use up the allowance", async () => {
    const rows = await query<{ id_prestation: string; finance: boolean; motif_non_finance: string | null; montant_retenu: number }>(
      connection,
      "SELECT id_prestation, finance, motif_non_finance, montant_retenu FROM int_f2_12_prestations ORDER BY 1",
    );
    expect(rows).toEqual([
      { id_prestation: "D1", finance: false, motif_non_finance: "avant_validation_slisl", montant_retenu: 0 },
      // redone after the validation: the household's first fundable diagnostic social, min(120, cap 120) = 120
      { id_prestation: "D2", finance: true, motif_non_finance: null, montant_retenu: 120 },
    ]);
  });

  it("two operators due more than the envelope share it in proportion", async () => {
    const rows = await query<Record<string, unknown>>(
      connection,
      "SELECT id_convention, du_projet_1, du_projet_2, du_service_fait, du_convention, du_exercice, du_retenu, avance, solde FROM mart_f2_12_financement ORDER BY 1",
    );
    // PA: projet 1 D2 120 + projet 2 XA1, XA2 (10 ≥ 6) 2 × 100 000 = 200 120 ≤ 250 000 → du_convention 200 120
    // PB: projet 2 XB1, XB2 (8 ≥ 6) 2 × 62 440 = 124 880 ≤ 150 000 → du_convention 124 880
    // exercice 2026: 200 120 + 124 880 = 325 000 > 260 000 → each × 260 000 / 325 000 = × 0,8:
    //   PA 200 120 × 0,8 = 160 096 ; PB 124 880 × 0,8 = 99 904 ; together 260 000
    // avances 0,70 × 250 000 = 175 000 and 0,70 × 150 000 = 105 000 ; both running: no solde
    expect(rows).toEqual([
      { id_convention: "PA", du_projet_1: 120, du_projet_2: 200000, du_service_fait: 200120, du_convention: 200120, du_exercice: 325000, du_retenu: 160096, avance: 175000, solde: null },
      { id_convention: "PB", du_projet_1: 0, du_projet_2: 124880, du_service_fait: 124880, du_convention: 124880, du_exercice: 325000, du_retenu: 99904, avance: 105000, solde: null },
    ]);
    const r11 = await query<{ id_enregistrement: string; detail: string }>(
      connection,
      "SELECT id_enregistrement, detail FROM mart_alertes WHERE fiche = 'f2_12_prevention_pe' AND regle = 'r11' ORDER BY 1",
    );
    expect(r11).toEqual([
      { id_enregistrement: "PA", detail: "conventions 2.12 2026 : 325 000,00 € dus au total pour une enveloppe de 260 000,00 € ; montant retenu réduit en proportion (160 096,00 € sur 200 120,00 €)" },
      { id_enregistrement: "PB", detail: "conventions 2.12 2026 : 325 000,00 € dus au total pour une enveloppe de 260 000,00 € ; montant retenu réduit en proportion (99 904,00 € sur 124 880,00 €)" },
    ]);
  });
});

describe("final reports matched to their convention (point 7)", () => {
  it("last year's final report does not satisfy this year's convention", async () => {
    const [b] = await query<{ id_convention: string; rapprochement: string }>(
      connection,
      "SELECT id_convention, rapprochement FROM int_bilans_conventions WHERE id_document = 'BI25'",
    );
    // id_objet names no convention → the end nearest to 15/02/2026: I25 (46 days) rather than I26 (319 days)
    expect(b).toEqual({ id_convention: "I25", rapprochement: "fin_la_plus_proche" });
    const r05 = await query<{ id_enregistrement: string }>(
      connection,
      "SELECT id_enregistrement FROM mart_alertes WHERE fiche = 'f2_1_information' AND regle = 'r05' ORDER BY 1",
    );
    // I26 has ended (31/12/2026 < 01/01/2027) without its own final report; I25 has BI25
    expect(r05.map((r) => r.id_enregistrement)).toEqual(["I26"]);
  });
});
