// Fiche 2.9 « Observatoire des besoins des jeunes »: indicators (deliverables, meetings, youth cohort, SIAO/115
// requests with the 18-25 slice), financing and rule checks on a hand-made fixture (test/fixtures/f2_9/, snapshot
// 2027-01-31). Every expected value was computed by hand from the definitions (spec 2.9 §1-§3, §5,
// sources/reference/indicateurs.csv); the computation is written next to it.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

const FICHE = "f2_9_observatoire_jeunes";
let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await loadFixture("test/fixtures/f2_9", { dateReference: "2027-01-31" });
});

const valeur = publishedValue(() => connection, FICHE);

describe("deliverables i00-i04", () => {
  it("counts deliverables by format, placed in the territories of their perimetre", async () => {
    // 2026: L1 cartographie (calaisis|boulonnais), L2 fiche_thematique (departement), L3 fiche_synthese (none),
    // L4 rapport_complet (artois), LB1 autre (OBS-B) = 5 ; L5 livrable_final is dated 15/01/2027
    expect(await valeur("i00", "2026")).toBe(5);
    expect(await valeur("i00", "2026", "62", "type_livrable", "autre")).toBe(1);
    expect(await valeur("i00", "2027", "62", "type_livrable", "livrable_final")).toBe(1);
    expect(await valeur("i01", "2026")).toBe(1);
    // L1 counts in each territory of its perimetre: calaisis 1, boulonnais 1 ; arrageois 0 (published, zero-filled)
    expect(await valeur("i01", "2026", "calaisis")).toBe(1);
    expect(await valeur("i01", "2026", "boulonnais")).toBe(1);
    expect(await valeur("i01", "2026", "arrageois")).toBe(0);
    expect(await valeur("i02", "2026")).toBe(1);
    expect(await valeur("i03", "2026")).toBe(1);
    // rapport complet: present (1), remitted in November 2026, perimetre artois
    expect(await valeur("i04", "2026")).toBe(1);
    expect(await valeur("i04", "2026-11", "artois")).toBe(1);
    // L2 (departmental) is at the département only: no MDS territory gets it
    expect(await valeur("i02", "2026", "artois")).toBe(0);
  });
});

describe("x01 meetings and x02 cohort, 2026", () => {
  it("x01 meetings, professionals and young people", async () => {
    // OR1 journée d'étude (arrageois, 25 pros, 0 jeune), OR2 recherche participative (no territory, 12, 6), OR3 atelier (calaisis, 8, 0)
    expect(await valeur("x01", "2026")).toBe(3);
    expect(await valeur("x01", "2026", "62", "avec_jeunes", "oui")).toBe(1);
    expect(await valeur("x01", "2026", "62", "categories_participants", "travailleur_social_lda")).toBe(1);
    expect(await valeur("x01", "2026", "non_attribue")).toBe(1);
    expect(await valeur("x01_professionnels", "2026")).toBe(45); // 25 + 12 + 8
    expect(await valeur("x01_jeunes", "2026")).toBe(6);
  });

  it("x02 young people observed, followed, follow-up rate, rehoused", async () => {
    // observations dated 2026: J1 v2, J2 v1, J3 v2, J4 v1 → 4 young people
    expect(await valeur("x02", "2026")).toBe(4);
    expect(await valeur("x02", "2026", "62", "sexe", "F")).toBe(2); // J1, J4
    // ages 2026 − birth year: J1 23, J2 25, J3 22 → 18_25 = 3 ; J4 27 → 26_35
    expect(await valeur("x02", "2026", "62", "tranche_age", "18_25")).toBe(3);
    expect(await valeur("x02", "2026", "62", "jeunes", "moins_25")).toBe(2); // J1, J3
    expect(await valeur("x02", "2026", "62", "jeunes", "jeune_18_25")).toBe(3); // J1, J2, J3
    // followed (not lost): J1, J2, J4 = 3 (J3 lost at wave 2)
    expect(await valeur("x02_suivis", "2026")).toBe(3);
    expect(await valeur("x02_suivis", "2026", "62", "situation_logement", "logement_adapte")).toBe(1); // J1
    expect(await valeur("x02_suivis", "2026", "62", "accompagnements_en_cours", "mission_locale_cej")).toBe(1); // J1
    // follow-up rate, waves ≥ 2 dated 2026: J1 v2 followed, J3 v2 lost → 100 × 1 / 2 = 50
    expect(await valeur("x02_taux_suivi", "2026")).toBe(50);
    expect(await valeur("x02_taux_suivi", "2026", "62", "vague", "2")).toBe(50);
    expect(await valeur("x02_releges", "2026")).toBe(1); // J1 rehoused since wave 1
    // territories: J1 boulonnais ; J3 without territory → non_attribue
    expect(await valeur("x02", "2026", "boulonnais")).toBe(1);
    expect(await valeur("x02", "2026", "non_attribue")).toBe(1);
  });
});

describe("x03 SIAO / 115 requests and the youth slice, 2026", () => {
  it("counts requests and persons, the youth shares", async () => {
    // D1 … D6 = 6 requests of 5 persons (P1 asked twice)
    expect(await valeur("x03", "2026")).toBe(6);
    expect(await valeur("x03_personnes", "2026")).toBe(5);
    // ages: D1 19, D2 19, D3 2026 − 2002 = 24, D4 45, D5 25, D6 17 ; band 18_25: D1, D2, D3, D5 = 4 ; moins_18: D6
    expect(await valeur("x03", "2026", "62", "tranche_age", "18_25")).toBe(4);
    expect(await valeur("x03", "2026", "62", "tranche_age", "moins_18")).toBe(1);
    // under 25: D1, D2, D3, D6 = 4 / 6 = 66,67 % ; 18-25: D1, D2, D3, D5 = 4 / 6 = 66,67 %
    expect(await valeur("x03_part_jeunes", "2026")).toBe(66.67);
    expect(await valeur("x03_part_jeunes_18_25", "2026")).toBe(66.67);
    expect(await valeur("x03_jeunes_18_25", "2026")).toBe(4);
    // February: D2, D3 = 2
    expect(await valeur("x03", "2026-02")).toBe(2);
  });

  it("breaks the young people's requests down as §5 asks", async () => {
    expect(await valeur("x03_jeunes", "2026")).toBe(4); // D1, D2, D3, D6
    expect(await valeur("x03_jeunes", "2026", "62", "sexe", "M")).toBe(3); // D1, D2, D6
    expect(await valeur("x03_jeunes", "2026", "62", "sexe_tranche_age", "M|18_25")).toBe(2); // D1, D2
    expect(await valeur("x03_jeunes", "2026", "62", "canal", "appel_115")).toBe(2); // D1, D2
    expect(await valeur("x03_jeunes", "2026", "62", "reponse", "orientation")).toBe(2); // D3, D6
    expect(await valeur("x03_jeunes", "2026", "62", "sortie_institution", "ase")).toBe(3); // D1, D2, D6
    expect(await valeur("x03_jeunes_personnes", "2026")).toBe(3); // P1, P2, P5
    // by the SIAO antenna: calaisis D1, D2, D5 = 3 (young: D1, D2 = 2) ; by where the person is: Calais 3, its EPCI 3
    expect(await valeur("x03", "2026", "calaisis")).toBe(3);
    expect(await valeur("x03_jeunes", "2026", "calaisis")).toBe(2);
    expect(await valeur("x03", "2026", "62193")).toBe(3);
    expect(await valeur("x03", "2026", "200090751")).toBe(3);
  });

  it("places a request at its SIAO antenna and at the person's commune independently", async () => {
    // D7 (20/01/2027): antenna arrageois, person in Calais (62193, MDS calaisis, CA du Calaisis 200090751):
    // the antenna's territory counts it, the commune's MDS territory does not (0, published), commune and EPCI do
    expect(await valeur("x03", "2027", "arrageois")).toBe(1);
    expect(await valeur("x03", "2027", "calaisis")).toBe(0);
    expect(await valeur("x03", "2027", "62193")).toBe(1);
    expect(await valeur("x03", "2027", "200090751")).toBe(1);
    expect(await valeur("x03", "2027")).toBe(1);
  });
});

describe("§5 youth slice of the Logement d'abord measures (y01), 2026", () => {
  it("counts young persons accompanied and their share", async () => {
    // measures active in 2026 (lda_mesures__LDA-X, snapshot 31/12/2026): M1 LDA-X/P1 ADSL lens_henin, 22 at entry ;
    // M2 LDA-X/P2 ADSL artois, 2026 − 1990 = 36 ; M3 LDA-X/P3 ENVAUL lens_henin, 25 (from 01/07/2026)
    // under 25: P1 = 1 (ADSL) ; 18-25: P1, P3 = 2 ; share 100 × 1 / 3 = 33,33
    expect(await valeur("y01", "2026")).toBe(1);
    expect(await valeur("y01", "2026", "62", "fiche", "f2_4_adsl")).toBe(1);
    expect(await valeur("y01_18_25", "2026")).toBe(2);
    expect(await valeur("y01_18_25", "2026", "62", "fiche", "f2_6_envaul")).toBe(1);
    expect(await valeur("y01_part", "2026")).toBe(33.33);
    // by LDA territory: lens_henin P1 = 1 ; artois 0 (published) ; share in artois 0 / 1 = 0
    expect(await valeur("y01", "2026", "lens_henin")).toBe(1);
    expect(await valeur("y01", "2026", "artois")).toBe(0);
    expect(await valeur("y01_part", "2026", "artois")).toBe(0);
    // June 2026: P1, P2 active (M3 starts in July) → 18-25: P1 only = 1 ; share 1 / 2 = 50
    expect(await valeur("y01_18_25", "2026-06")).toBe(1);
    expect(await valeur("y01_part", "2026-06")).toBe(50);
  });
});

describe("§5 youth slice of another fiche: numéro vert consultations (y02), 2026", () => {
  it("counts consultations of the under-25s among those whose age is known", async () => {
    // NV1 22 → young ; NV2 2026 − 2002 = 24 → young ; NV3 40 ; NV4 age unknown: left out → 2 young out of 3 known
    expect(await valeur("y02", "2026")).toBe(2);
    expect(await valeur("y02_part", "2026")).toBe(66.67); // 100 × 2 / 3
    // March: NV2 (young), NV3 → 1 ; share 50
    expect(await valeur("y02", "2026-03")).toBe(1);
    expect(await valeur("y02_part", "2026-03")).toBe(50);
    // April: only NV4, age unknown → nothing published
    expect(await valeur("y02", "2026-04")).toBeUndefined();
  });
});

describe("financing: single payment at signature", () => {
  it("pays the conventioned amount within the 20 000 € cap", async () => {
    const rows = await query<Record<string, number | string>>(
      connection,
      `SELECT m.id_convention, m.du_service_fait, m.du_retenu, m.avance, m.solde, m.trop_percu, m.statut_periode, d.versements_recus
       FROM mart_financement AS m JOIN mart_f2_9_financement AS d USING (fiche, id_convention) ORDER BY 1`,
    );
    expect(rows).toEqual([
      // O1: 20 000 ≤ 20 000 ; paid at signature 1 × 20 000 ; balance 0 ; ended 31/12/2026 ≤ 31/01/2027: close ; X1 20 000
      { id_convention: "O1", du_service_fait: 20000, du_retenu: 20000, avance: 20000, solde: 0, trop_percu: 0, statut_periode: "close", versements_recus: 20000 },
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
      "J2 vague 1 r06 avertissement", // 2026 − 2001 = 25 at the first wave: « moins de 25 ans » vs « 18-25 ans »
      "J4 vague 1 r06 erreur", // 2026 − 1999 = 27 > 25
      "L5 r03 avertissement", // livrable final 15/01/2027, 15 days after the end (31/12/2026)
      "obs_livrables r01 erreur", // OBS-B sends deliverables without a 2.9 convention: one operator only
      // r04: bilan final 10/03/2027 ≤ 30/06/2027 ; r05: OR2 has 6 young people ; r02: 20 000 €, one payment
    ]);
  });
});
