// Fiche 2.11 (sensibilisation des professionnels à la précarité énergétique): indicators, financing and alerts on a
// hand-made fixture (test/fixtures/f2_11/, snapshot 2026-12-31). Every expected value was computed by hand from the
// definitions of ../shared/spec/fiches.md (2.11 §1-§3) and sources/reference/indicateurs.csv, written beside it.
//
// Fixture:
//   SE1 OP-S lot1 niveau_1 15/09/2026 Calais (calaisis)        9 declared present; validated 01/09; support remis
//   SE2 OP-S lot1 niveau_1 10/10/2026 Boulogne (boulonnais)    7 declared present; validated 12/10 (late); no support
//   SE3 OP-S lot1 niveau_1 05/11/2026 Lens (lens_lievin: lot 2!) 8 declared present; not validated
//   TE1 OP-T lot2 niveau_2 20/10/2026 Arras (arrageois)        10 declared present; validated 01/10; no attendance sheet
//   TE2 OP-T lot2 niveau_1 12/11/2026 Lens (lens_lievin)       8 declared present; validated 01/11; support remis
//   émargements: SE1 P1-P5 (ccas), P6-P8 (travailleur_social_departement), « Martin Claire » (MDS Calais, encadrant)
//                present, P10 absent; SE2 P1 (ccas), P11 (travailleur_social_fsl, encadrant blank) present;
//                SE3 P1-P5, P6-P7, « MARTIN  claire » (same name and structure → same pseudonym) present;
//                TE2 (OP-T) Q1-Q8 (bailleur_social, not encadrant) present
// A session is funded with ≥ 8 present on the attendance sheet (spec ambiguity 21) inside its convention period:
//   SE1 9 yes ; SE2 2 no ; SE3 8 yes ; TE1 0 (no sheet) no ; TE2 8 yes (all inside S1 / S2)
//   questionnaires: SE1 EV1 tres_satisfait/satisfait/oui, EV2 satisfait/-/-, EV3 peu_satisfait/peu_satisfait/non;
//                   SE3 EV4 satisfait/satisfait/oui; TE1 EV5 tres_satisfait/tres_satisfait/oui
//   conventions S1 OP-S lot1 01/06/2026-31/05/2027 3 000 € taux 0,70 session=1000;
//               S2 OP-T lot2 same dates 12 000 € taux 0,80 session=13000
//   bilan B1 OP-S bilan_intermediaire_action of S1 remitted 15/10/2026
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

const FICHE = "f2_11_sensibilisation_pe";
let connection: DuckDBConnection;

beforeAll(async () => {
  // sens_emargements has personal columns (name, contact): they are pseudonymised at ingest with this key.
  connection = await loadFixture("test/fixtures/f2_11", { pseudonymKey: "cle-de-test-f2-11-non-secrete", dateReference: "2026-12-31" });
}, 240_000);

const valeur = publishedValue(() => connection, FICHE);

describe("2.11 personal data", () => {
  it("stores no name or contact in clear", async () => {
    const rows = await query<{ n: number }>(
      connection,
      "SELECT count(*) AS n FROM raw.sens_emargements WHERE nom_participant ILIKE '%martin%' OR coordonnees_participant ILIKE '%@%' OR id_participant ILIKE '%martin%'",
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe("2.11 i01 sessions and professionals", () => {
  it("sessions held and funded", async () => {
    // 2026: SE1, SE2, SE3, TE1, TE2 = 5 ; niveau_1 SE1-SE3, TE2 = 4, niveau_2 TE1 = 1
    expect(await valeur("i01", "2026")).toBe(5);
    expect(await valeur("i01", "2026", "62", "programme", "niveau_1_decouverte")).toBe(4);
    // funded: SE1, SE3, TE2 = 3 (SE2 2 on the sheet, TE1 no sheet)
    expect(await valeur("i01_sessions_financees", "2026")).toBe(3);
    // lots: lot1 SE1-SE3 = 3, lot2 TE1, TE2 = 2 ; funded in lot1: SE1, SE3 = 2 ; in lot2: TE2 = 1
    expect(await valeur("i01", "2026", "lot1")).toBe(3);
    expect(await valeur("i01", "2026", "lot2")).toBe(2);
    expect(await valeur("i01_sessions_financees", "2026", "lot1")).toBe(2);
    expect(await valeur("i01_sessions_financees", "2026", "lot2")).toBe(1);
    // MDS territory of the commune: calaisis SE1 = 1, lens_lievin SE3 + TE2 = 2, arrageois TE1 = 1 ; ternois 0 (zero-filled)
    expect(await valeur("i01", "2026", "calaisis")).toBe(1);
    expect(await valeur("i01", "2026", "lens_lievin")).toBe(2);
    expect(await valeur("i01", "2026", "arrageois")).toBe(1);
    expect(await valeur("i01", "2026", "ternois")).toBe(0);
    // October 2026: SE2, TE1 = 2 ; July 2026: none → 0
    expect(await valeur("i01", "2026-10")).toBe(2);
    expect(await valeur("i01", "2026-07")).toBe(0);
  });

  it("presences and distinct professionals, the unnamed participant counted once", async () => {
    // presences: SE1 9 (P1-P8 + Martin; P10 absent) + SE2 2 + SE3 8 + TE2 8 = 27
    expect(await valeur("i01_presences", "2026")).toBe(27);
    // ccas presences: SE1 P1-P5 5 + SE2 P1 1 + SE3 P1-P5 5 = 11
    expect(await valeur("i01_presences", "2026", "62", "type_structure", "ccas")).toBe(11);
    // distinct: OP-S P1-P8, Martin (one pseudonym for both spellings), P11 = 10 ; OP-T Q1-Q8 = 8 ; total 18
    expect(await valeur("i01_professionnels", "2026")).toBe(18);
    expect(await valeur("i01_professionnels", "2026", "62", "categorie_professionnelle", "bailleur_social")).toBe(8);
    // by category: ccas P1-P5 = 5 ; travailleur_social_departement P6-P8 + Martin = 4 ; travailleur_social_fsl P11 = 1
    expect(await valeur("i01_professionnels", "2026", "62", "categorie_professionnelle", "ccas")).toBe(5);
    expect(await valeur("i01_professionnels", "2026", "62", "categorie_professionnelle", "travailleur_social_departement")).toBe(4);
    expect(await valeur("i01_professionnels", "2026", "62", "categorie_professionnelle", "travailleur_social_fsl")).toBe(1);
    // encadrant: Martin = 1 ; blank (P11) = non_renseigne 1 ; others P1-P8 + Q1-Q8 = 16
    expect(await valeur("i01_professionnels", "2026", "62", "encadrant", "oui")).toBe(1);
    expect(await valeur("i01_professionnels", "2026", "62", "encadrant", "non")).toBe(16);
    // lens_lievin: SE3 P1-P7 + Martin (OP-S) and TE2 Q1-Q8 (OP-T) = 16 ; lot2: TE2 Q1-Q8 = 8 (TE1 has no sheet)
    expect(await valeur("i01_professionnels", "2026", "lens_lievin")).toBe(16);
    expect(await valeur("i01_professionnels", "2026", "lot2")).toBe(8);
  });

  it("mean participants present per session (declared)", async () => {
    // (9 + 7 + 8 + 10 + 8) / 5 = 42 / 5 = 8.4 ; lot1 (9 + 7 + 8) / 3 = 8
    expect(await valeur("i01_moyenne_presents", "2026")).toBe(8.4);
    expect(await valeur("i01_moyenne_presents", "2026", "lot1")).toBe(8);
    // no session in July: no mean published
    expect(await valeur("i01_moyenne_presents", "2026-07")).toBeUndefined();
  });
});

describe("2.11 i02 participants' evaluation", () => {
  it("questionnaires by answer and response rate", async () => {
    // EV1-EV5 = 5 ; tres_satisfait EV1, EV5 = 2 ; satisfait EV2, EV4 = 2 ; peu_satisfait EV3 = 1
    expect(await valeur("i02_evaluations", "2026")).toBe(5);
    expect(await valeur("i02_evaluations", "2026", "62", "satisfaction_globale", "tres_satisfait")).toBe(2);
    expect(await valeur("i02_evaluations", "2026", "62", "satisfaction_globale", "peu_satisfait")).toBe(1);
    // utilité blank (EV2) = non_renseigne 1 ; recommanderait oui EV1, EV4, EV5 = 3
    expect(await valeur("i02_evaluations", "2026", "62", "utilite_pratique", "non_renseigne")).toBe(1);
    expect(await valeur("i02_evaluations", "2026", "62", "recommanderait", "oui")).toBe(3);
    // rate: 5 / 27 × 100 = 18.518… → 18.5 ; lot1: 4 / 19 × 100 = 21.05… → 21.1
    expect(await valeur("i02_taux_reponse", "2026")).toBe(18.5);
    expect(await valeur("i02_taux_reponse", "2026", "lot1")).toBe(21.1);
    // September: SE1 3 questionnaires / 9 presences × 100 = 33.3
    expect(await valeur("i02_taux_reponse", "2026-09")).toBe(33.3);
  });
});

describe("2.11 i03-i06 global evaluation", () => {
  it("i03 professionals since the start of the convention", async () => {
    // S1 from 01/06/2026: to 30/09 SE1 → 9 ; to 31/10 SE1 + SE2 (P11 new) → 10 (S2 to 31/10: TE1 has no sheet → 0)
    // year 2026: S1 10 + S2 TE2 Q1-Q8 8 = 18 ; lot1 10 ; lot2 8
    expect(await valeur("i03", "2026-09")).toBe(9);
    expect(await valeur("i03", "2026-10")).toBe(10);
    expect(await valeur("i03", "2026")).toBe(18);
    expect(await valeur("i03", "2026", "lot1")).toBe(10);
    expect(await valeur("i03", "2026", "lot2")).toBe(8);
    // periods start with the first 2.11 convention (01/06/2026): May 2026 is not published, July is 0
    expect(await valeur("i03", "2026-07")).toBe(0);
    expect(await valeur("i03", "2026-05")).toBeUndefined();
  });

  it("i04 / i05 bilans remitted, i06 amount due for the period's sessions", async () => {
    // B1 interim bilan of S1 (lot1) remitted 15/10/2026
    expect(await valeur("i04", "2026")).toBe(1);
    expect(await valeur("i05", "2026", "lot1")).toBe(1);
    expect(await valeur("i04", "2026", "lot2")).toBe(0);
    // funded sessions × unit cost: SE1 1 000 + SE3 1 000 (S1) + TE2 13 000 (S2) = 15 000 ; lot1 2 000 ; September 1 000
    expect(await valeur("i06", "2026")).toBe(15000);
    expect(await valeur("i06", "2026", "lot1")).toBe(2000);
    expect(await valeur("i06", "2026-09")).toBe(1000);
  });
});

describe("2.11 financing", () => {
  it("S1: 2 funded sessions × 1 000 €, advance 70 % → trop-perçu", async () => {
    const [c] = await query<Record<string, unknown>>(connection, "SELECT * EXCLUDE (perimetre, date_debut, date_fin) FROM mart_f2_11_financement WHERE id_convention = 'S1'");
    // sessions SE1, SE2, SE3 (lot1, in the period) = 3 ; funded SE1 (9), SE3 (8) = 2 ; professionals 10 vs minimum 60
    expect(c).toMatchObject({ nb_sessions: 3, nb_sessions_financees: 2, nb_professionnels: 10, professionnels_min: 60, plafond_lots: 8000 });
    // du = 2 × 1 000 = 2 000 ; retenu min(2 000, 8 000, 3 000) = 2 000 ; avance 0,70 × 3 000 = 2 100 ; running at the
    // reference date 01/01/2027 (day after the snapshot): no solde, no trop-perçu yet
    expect(c).toMatchObject({ du_service_fait: 2000, du_retenu: 2000, avance: 2100, solde: null, trop_percu: null, statut_periode: "en_cours" });
  });

  it("S2: lot 2 cap of 12 000 €", async () => {
    const [c] = await query<Record<string, unknown>>(connection, "SELECT * EXCLUDE (perimetre, date_debut, date_fin) FROM mart_f2_11_financement WHERE id_convention = 'S2'");
    // sessions TE1, TE2 = 2 ; funded TE2 only (TE1 has no sheet) → 1 × 13 000 = 13 000 ; retenu min(13 000, 12 000, 12 000)
    // = 12 000 ; avance 0,80 × 12 000 = 9 600 ; running: no solde ; professionals Q1-Q8 = 8 vs 90
    expect(c).toMatchObject({ nb_sessions: 2, nb_sessions_financees: 1, nb_professionnels: 8, professionnels_min: 90 });
    expect(c).toMatchObject({ du_service_fait: 13000, du_retenu: 12000, avance: 9600, solde: null, trop_percu: null });
    const union = await query<{ id_convention: string }>(connection, "SELECT id_convention FROM mart_financement WHERE fiche = $1 ORDER BY 1", [FICHE]);
    expect(union.map((r) => r.id_convention)).toEqual(["S1", "S2"]);
  });
});

describe("2.11 alerts", () => {
  it("raises exactly the expected rule breaks", async () => {
    const rows = await query<{ code_operateur: string; id_enregistrement: string; regle: string; severite: string; detail: string }>(
      connection,
      "SELECT code_operateur, id_enregistrement, regle, severite, detail FROM mart_alertes WHERE fiche = $1 ORDER BY regle, id_enregistrement, detail",
      [FICHE],
    );
    expect(rows.map((r) => [r.regle, r.id_enregistrement, r.severite])).toEqual([
      // r01: SE2 2 present < 8 ; TE1 0 present < 8
      ["r01", "SE2", "erreur"],
      ["r01", "TE1", "erreur"],
      // r02: SE2 validated 12/10 after the 10/10 session ; SE3 not validated
      ["r02", "SE2", "avertissement"],
      ["r02", "SE3", "avertissement"],
      // r03 (conventions running at 31/12/2026 → info): S1 10 < 60, S2 8 < 90, total 18 < 150
      ["r03", "S1", "info"],
      ["r03", "S2", "info"],
      ["r03", "ensemble", "info"],
      // r04: S2 due 13 000 > lot 2 cap 12 000 (Σ retained 2 000 + 12 000 = 14 000 ≤ 20 000: no envelope alert)
      ["r04", "S2", "erreur"],
      // r05 (running → info): S1 has no niveau_2 session (S2 has both: TE1 niveau_2, TE2 niveau_1)
      ["r05", "S1", "info"],
      // r06: SE2 support not remitted
      ["r06", "SE2", "avertissement"],
      // r07: SE2 2 present rows vs 7 declared ; TE1 no attendance sheet (SE1 9 = 9, SE3 8 = 8, TE2 8 = 8)
      ["r07", "SE2", "avertissement"],
      ["r07", "TE1", "avertissement"],
      // r08: S2 no interim bilan between 01/10/2026 and 01/12/2026, snapshot 31/12/2026 past it (S1's B1 15/10 is inside)
      ["r08", "S2", "avertissement"],
      // r09: SE3 in Lens (lens_lievin, lot 2) declared lot1
      ["r09", "SE3", "erreur"],
      // r11: S2 advance rate 80 % > 70 %
      ["r11", "S2", "erreur"],
    ]);
    expect(rows.find((r) => r.regle === "r04")!.detail).toBe("dû au service fait 13 000,00 € au-delà du plafond du lot (12 000,00 €) : retenu 12 000,00 €");
    expect(rows.find((r) => r.regle === "r03" && r.id_enregistrement === "ensemble")!.code_operateur).toBe("tous");
    expect(rows.find((r) => r.regle === "r01" && r.id_enregistrement === "TE1")!.detail).toBe(
      "session du 20/10/2026 : 0 présent(s) à l'émargement (10 déclaré(s)), moins de 8 : session non financée",
    );
  });
});
