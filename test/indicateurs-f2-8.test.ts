// Fiche 2.8 « Groupes d'échange de pratiques santé mentale » (GEP): indicators, financing and rule checks on a
// hand-made fixture (test/fixtures/f2_8/, snapshot 2026-12-31). Every expected value was computed by hand from the
// definitions (spec 2.8 §1-§3, sources/reference/indicateurs.csv); the computation is written next to it.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

const FICHE = "f2_8_gep";
let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await loadFixture("test/fixtures/f2_8", { dateReference: "2026-12-31" });
});

const valeur = publishedValue(() => connection, FICHE);

// Meetings dated 2026: GEP-A artois R2 (ge, 14/01, présentiel 16), R3 (ti, 11/02, 12), R4 (ge, 11/03, distanciel 18),
// R5 (ge, 10/06, 10), R6 (ge, 08/07, 8), R7 (ge, 09/09, 9), R8 (ti, 14/10, 14), R9 (formation, 18/11, 11),
// R10 (ge, 09/12, 10); GEP-B lens_henin L1 (ge, 05/11, présentiel 15), L2 (ge, 03/12, distanciel 7). R1 (10/12/2025) is 2025.
describe("i01 frequency of meetings, 2026", () => {
  it("counts groupe_echange meetings per group, AMI and département, 0 where nothing happened", async () => {
    // artois R2, R4, R5, R6, R7, R10 = 6 ; lens_henin L1, L2 = 2 ; 62 = 8 ; ami1 (artois + lens_henin) = 8
    expect(await valeur("i01", "2026", "artois")).toBe(6);
    expect(await valeur("i01", "2026", "lens_henin")).toBe(2);
    expect(await valeur("i01", "2026")).toBe(8);
    expect(await valeur("i01", "2026", "ami1")).toBe(8);
    // no meeting in the boulonnais: published as 0
    expect(await valeur("i01", "2026", "boulonnais")).toBe(0);
    // distanciel: R4, L2 = 2 ; présentiel 8 − 2 = 6
    expect(await valeur("i01", "2026", "62", "modalite_rencontre", "distanciel")).toBe(2);
    expect(await valeur("i01", "2026", "62", "modalite_rencontre", "presentiel")).toBe(6);
  });

  it("counts temps d'information and formations apart, by month too", async () => {
    // temps d'information R3, R8 = 2 ; formation R9 = 1
    expect(await valeur("i01_temps_information", "2026")).toBe(2);
    expect(await valeur("i01_formations", "2026")).toBe(1);
    // February 2026: only R3, a temps d'information → i01 = 0, i01_temps_information = 1
    expect(await valeur("i01", "2026-02")).toBe(0);
    expect(await valeur("i01_temps_information", "2026-02", "artois")).toBe(1);
    // March 2026: R4 = 1
    expect(await valeur("i01", "2026-03", "artois")).toBe(1);
  });

  it("months with a meeting (July-August left out) and mean interval", async () => {
    // artois: January (R2), March (R4), June (R5), September (R7), December (R10) = 5, R6 in July not counted ;
    // lens_henin November, December = 2 ; 62 = 5 + 2 = 7 (group-months)
    expect(await valeur("i01_mois_avec_rencontre", "2026", "artois")).toBe(5);
    expect(await valeur("i01_mois_avec_rencontre", "2026")).toBe(7);
    // artois intervals of the 2026 groupe_echange meetings since the previous one:
    // R2 14/01 − R1 10/12/2025 = 21 + 14 = 35 ; R4 11/03 − 14/01 = 17 + 28 + 11 = 56 ; R5 10/06 − 11/03 = 20 + 30 + 31 + 10 = 91 ;
    // R6 08/07 − 10/06 = 28 ; R7 09/09 − 08/07 = 23 + 31 + 9 = 63 ; R10 09/12 − 09/09 = 21 + 31 + 30 + 9 = 91
    // mean = (35 + 56 + 91 + 28 + 63 + 91) / 6 = 364 / 6 = 60,67
    expect(await valeur("i01_intervalle_moyen", "2026", "artois")).toBe(60.67);
    // lens_henin: L2 03/12 − L1 05/11 = 25 + 3 = 28 ; 62: (364 + 28) / 7 = 56
    expect(await valeur("i01_intervalle_moyen", "2026", "lens_henin")).toBe(28);
    expect(await valeur("i01_intervalle_moyen", "2026")).toBe(56);
  });
});

describe("i02 participants and i03 professional origin, 2026", () => {
  it("sums nb_participants by meeting type and modality, and the mean per meeting", async () => {
    // artois 16 + 12 + 18 + 10 + 8 + 9 + 14 + 11 + 10 = 108 ; lens_henin 15 + 7 = 22 ; 62 = 130
    expect(await valeur("i02", "2026", "artois")).toBe(108);
    expect(await valeur("i02", "2026", "lens_henin")).toBe(22);
    expect(await valeur("i02", "2026")).toBe(130);
    // temps d'information 12 + 14 = 26 ; formation 11 ; groupe_echange 130 − 26 − 11 = 93
    expect(await valeur("i02", "2026", "62", "type_rencontre", "temps_information")).toBe(26);
    expect(await valeur("i02", "2026", "62", "type_rencontre", "groupe_echange")).toBe(93);
    // distanciel R4 18 + L2 7 = 25
    expect(await valeur("i02", "2026", "62", "modalite_rencontre", "distanciel")).toBe(25);
    // mean: 130 / 11 meetings = 11,82 ; temps d'information 26 / 2 = 13
    expect(await valeur("i02_moyenne", "2026")).toBe(11.82);
    expect(await valeur("i02_moyenne", "2026", "62", "type_rencontre", "temps_information")).toBe(13);
  });

  it("counts distinct tracked participants and sums nb by provenance", async () => {
    // participation rows of 2026 meetings with an identifier: R2 P1, P2 ; R4 P1 → GEP-A/P1, GEP-A/P2 = 2
    // (X9 is not a transmitted meeting: not counted)
    expect(await valeur("i02_participants", "2026")).toBe(2);
    // R2: P1 (1) + P2 (1) + ccas 14 = 16 ; R4: P1 (1) + bailleur_social 5 = 6 ; total 22
    expect(await valeur("i03", "2026")).toBe(22);
    expect(await valeur("i03", "2026", "62", "provenance_professionnelle", "travailleur_social_lda")).toBe(2);
    expect(await valeur("i03", "2026", "62", "provenance_professionnelle", "bailleur_social")).toBe(6);
    expect(await valeur("i03", "2026", "62", "provenance_professionnelle", "ccas")).toBe(14);
  });
});

describe("financing « en fonction du service fait »", () => {
  it("sums realised expenses, caps the café at 300 € and the group at 20 000 €, deducts the advance", async () => {
    const rows = await query<Record<string, number | string>>(
      connection,
      `SELECT m.id_convention, m.du_service_fait, m.du_retenu, m.avance, m.solde, m.trop_percu, m.statut_periode, d.accueil_cafe_retenu
       FROM mart_financement AS m JOIN mart_f2_8_financement AS d USING (fiche, id_convention) ORDER BY 1`,
    );
    expect(rows).toEqual([
      // G1: personnel 15 000 + salle 2 500 = 17 500 + café 420 capped at 300 = 17 800 ; min(17 800, 20 000 × 1 group,
      // 20 000 conventionné) = 17 800 ; advance 0,60 × 20 000 = 12 000 ; balance 5 800 ; ended 30/11/2026 ≤ 31/12/2026: close
      { id_convention: "G1", du_service_fait: 17800, du_retenu: 17800, avance: 12000, solde: 5800, trop_percu: 0, statut_periode: "close", accueil_cafe_retenu: 300 },
      // G2: personnel 3 000 ; advance at the convention's rate 0,50 × 18 000 = 9 000 ; runs to 31/10/2027: en_cours, so
      // no solde and no trop-perçu yet (the old reading, −6 000 / 6 000, claimed its advance back a year early)
      { id_convention: "G2", du_service_fait: 3000, du_retenu: 3000, avance: 9000, solde: null, trop_percu: null, statut_periode: "en_cours", accueil_cafe_retenu: 0 },
    ]);
  });
});

describe("rule checks", () => {
  it("raise exactly the alerts the fixture breaks", async () => {
    const alerts = await query<{ a: string }>(
      connection,
      `SELECT id_enregistrement || ' ' || regle || ' ' || severite AS a FROM mart_alertes WHERE fiche = '${FICHE}' ORDER BY 1`,
    );
    expect(alerts.map((r) => r.a)).toEqual([
      "B2 r07 erreur", // bilan final 15/06/2027 > 30/11/2026 + 6 months = 30/05/2027
      // G1 elapsed months 12/2025 … 11/2026 without July-August = 10; with a groupe_echange: 12, 01, 03, 06, 09 = 5;
      // April-May uncovered in a row → irrégulier
      "G1 r02 avertissement",
      "G1 r03 avertissement", // quarter 01/03-31/05/2026: no temps d'information (R3 is in Dec-Feb, R8 in Sep-Nov)
      "G1 r03 avertissement", // quarter 01/06-31/08/2026: none either
      "G1 r05 erreur", // café on meetings R3 150 + R8 200 + R9 20 = 370 > 300
      "G1 r05 erreur", // budget line accueil_cafe 420 > 300
      "G2 r02 info", // November and December 2026 both with a meeting: mensuel
      "G2 r11 erreur", // advance rate 0,50 ≠ 0,60
      "G2 r11 erreur", // advance paid 9 000 ≠ 0,60 × 18 000 = 10 800
      // R10 (09/12/2026) is after G1 ended (30/11/2026): outside any convention, so its 3 months since R7 are not a
      // gap « within the convention » (no r02)
      "R10 r09 avertissement",
      "R2 r04 avertissement", // 16 > 15 in présentiel, G1 is a 2025 convention
      "R4 r10 avertissement", // list 1 + 5 = 6 ≠ 18 declared
      "R5 r02 avertissement", // March → June = 3 months > 2
      "R6 r01 erreur", // groupe_echange on 08/07/2026
      // R7: July → September = 2 months − August = 1: no alert
      "R9 r05 erreur", // 20 € café on a formation_thematique
      "X9 r10 avertissement", // participants of a meeting never transmitted
    ]);
    // Caps are sums of money like the amounts they bound (montant_fr), not integers.
    const cafe = await query<{ detail: string }>(
      connection,
      `SELECT detail FROM mart_alertes WHERE fiche = '${FICHE}' AND regle = 'r05' AND id_enregistrement = 'G1' ORDER BY 1`,
    );
    // G1 runs one group, on artois: its cap is 300 € (fixture README).
    expect(cafe.map((r) => r.detail)).toEqual([
      "groupe artois : accueils café déclarés sur les rencontres 370,00 € > 300,00 €",
      "poste accueil café du compte rendu financier 420,00 € > 300,00 € (1 groupe(s))",
    ]);
  });
});
