// Records the spec keeps (issue 14 points 1-2): a row whose conditional column the spec only warns about, or whose
// descriptive cell is unreadable, loads and counts; the warning is the fiche's alert or a « valeur ignorée ».
// Fixtures in test/fixtures/lignes-gardees/, snapshot 2026-12; every expected value is computed by hand below from
// ../shared/spec/fiches.md (2.1 §2-§3, 2.2 §3 i01-i02, 2.4 financing, §0.5.6 mois-mesures).
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "../pipelines/db/duckdb.ts";
import { suiviFichiers } from "../pipelines/site/ingestion.ts";
import { runFicheFixture, type FicheFixture } from "./helpers/fiche-fixture.ts";

const DIR = "test/fixtures/lignes-gardees";

// 2.1, operator OP-K (convention CK1, 2026):
//   K1 10/03/2026 telephone, no motif, user 62041 (Arras: arrageois)
//   K2 11/03/2026 telephone, motif litige, user 62041
//   K3 12/03/2026 permanence without id_lieu, user 62041
describe("2.1: a telephone consultation without motif, an on-site one without place", () => {
  let f: FicheFixture;
  beforeAll(async () => {
    f = await runFicheFixture("f2_1_information", `${DIR}/f2_1`, ["mart_f2_1_indicateurs", "mart_f2_1_alertes"]);
  });

  it("loads all three consultations, none rejected", () => {
    const c = f.report.fichiers.find((r) => r.table === "info_consultations")!;
    expect([c.lues, c.chargees, c.rejetees]).toEqual([3, 3, 0]);
  });

  it("counts the call without motif under « non renseigné » (i02, i04), the consultation without place in i01", async () => {
    // i02 phone calls: K1, K2 = 2 ; i04 by motif: litige K2 = 1, non_renseigne K1 = 1
    expect(await f.valeur("i02", "2026")).toBe(2);
    expect(await f.valeur("i04", "2026", "62", "motif", "non_renseigne")).toBe(1);
    expect(await f.valeur("i04", "2026", "62", "motif", "litige")).toBe(1);
    // i01 people received in person: K3 = 1 (placed by its user's commune, arrageois, for want of a place)
    expect(await f.valeur("i01", "2026")).toBe(1);
    expect(await f.valeur("i01", "2026", "arrageois")).toBe(1);
  });

  it("raises r04 for K1 and r03 for K3, as warnings", async () => {
    const alertes = await query<{ id_enregistrement: string; regle: string; severite: string }>(
      f.connection,
      "SELECT id_enregistrement, regle, severite FROM mart_f2_1_alertes WHERE regle IN ('r03', 'r04') ORDER BY regle",
    );
    expect(alertes).toEqual([
      { id_enregistrement: "K3", regle: "r03", severite: "avertissement" },
      { id_enregistrement: "K1", regle: "r04", severite: "avertissement" },
    ]);
  });
});

// 2.2, operator OP-M (convention CM1, 2026), permanence PM1 10/02/2026 in 62498 (Lens: lens_lievin):
//   M1 10/02/2026 permanence PM1, neither commune nor territory → placed by PM1's place: lens_lievin
//   M2 11/02/2026 appel_numero_vert, neither commune, territory nor permanence → no territory (non attribué)
//   M3 12/02/2026 permanence without id_permanence, commune 62041 (arrageois) → arrageois, and r03
describe("2.2: a consultation with neither commune nor territory, placed by its permanence", () => {
  let f: FicheFixture;
  beforeAll(async () => {
    f = await runFicheFixture("f2_2_numero_vert", `${DIR}/f2_2`, ["mart_f2_2_indicateurs", "mart_f2_2_alertes"]);
  });

  it("loads the three consultations", () => {
    const c = f.report.fichiers.find((r) => r.table === "nv_consultations")!;
    expect([c.lues, c.chargees, c.rejetees]).toEqual([3, 3, 0]);
  });

  it("counts each consultation once, M1 in the territory of its permanence's place", async () => {
    // i01 consultations 2026: M1, M2, M3 = 3 ; lens_lievin: M1 = 1 ; arrageois: M3 = 1
    expect(await f.valeur("i01", "2026")).toBe(3);
    expect(await f.valeur("i01", "2026", "lens_lievin")).toBe(1);
    expect(await f.valeur("i01", "2026", "arrageois")).toBe(1);
  });

  it("raises r03 for the permanence consultation without its permanence", async () => {
    const alertes = await query<{ id_enregistrement: string }>(f.connection, "SELECT id_enregistrement FROM mart_f2_2_alertes WHERE regle = 'r03'");
    expect(alertes).toEqual([{ id_enregistrement: "M3" }]);
  });
});

// Logement d'abord, operator OP-C (convention CX1: f2_4_adsl, lens_henin, adsl, 2026, 10 000 €, advance 60 %):
//   X1 ADSL lens_henin, F, 40, from 15/01/2026 to 14/07/2026, rehoused 01/03/2026 with housing type « HLM » (not a
//   code: parc_social was meant) and partner categories « sante|ccas_maison » (« ccas_maison » not a code).
//   Mois-mesures (§0.5.6): months starting 15/01, 15/02, 15/03, 15/04, 15/05, 15/06 ≤ 14/07; 15/07 > 14/07 → 6.
//   Service fait (ADSL 2026: 5 000 € per 12 mois-mesures): 6 × 5 000 / 12 = 2 500,00 € ≤ 10 000 € → retenu 2 500,00 €.
describe("Logement d'abord: a measure with an unreadable housing type keeps its person, mois-mesures and financing", () => {
  let f: FicheFixture;
  beforeAll(async () => {
    f = await runFicheFixture("f2_4_adsl", `${DIR}/lda`, ["mart_lda_indicateurs", "mart_lda_financement"]);
  });

  it("loads the measure and reports both unreadable values as ignored", async () => {
    const m = f.report.fichiers.find((r) => r.table === "lda_mesures")!;
    expect([m.lues, m.chargees, m.rejetees, m.valeurs_ignorees]).toEqual([1, 1, 0, 2]);
    const ignorees = await query<{ ligne: number; colonne: string; valeur_brute: string; motif: string }>(
      f.connection,
      "SELECT ligne, colonne, valeur_brute, motif FROM raw.valeurs_ignorees ORDER BY colonne",
    );
    expect(ignorees.map((i) => [i.ligne, i.colonne, i.valeur_brute])).toEqual([
      [2, "partenaires_mobilises", "sante|ccas_maison"],
      [2, "type_logement_relogement", "HLM"],
    ]);
    expect(ignorees[1]!.motif).toContain("valeur ignorée");
    expect(ignorees[1]!.motif).toContain("parc_social");
    expect(await query(f.connection, "SELECT count(*) AS n FROM raw.quarantaine")).toEqual([{ n: 0 }]);
  });

  it("shows the ignored values on the « Fichiers reçus » page, one line per file, column and reason, none in quarantine", async () => {
    const { problemes, valeursIgnorees } = await suiviFichiers(f.connection);
    expect(problemes).toEqual([]);
    expect(valeursIgnorees.map((v) => [v.nom_fichier, v.colonne, Number(v.lignes), v.numeros])).toEqual([
      ["lda_mesures__OP-C__2026-12.csv", "partenaires_mobilises", 1, "2"],
      ["lda_mesures__OP-C__2026-12.csv", "type_logement_relogement", 1, "2"],
    ]);
  });

  it("counts the person (i01) and the rehousing (i02), and its 6 mois-mesures", async () => {
    const valeur = async (indicateur: string) =>
      (await query<{ valeur: number }>(
        f.connection,
        "SELECT valeur FROM mart_lda_indicateurs WHERE fiche = 'f2_4_adsl' AND indicateur = $1 AND periode = '2026' AND territoire = '62' AND ventilation = 'ensemble' AND modalite = 'ensemble'",
        [indicateur],
      ))[0]?.valeur;
    expect(await valeur("i01")).toBe(1);
    expect(await valeur("i02")).toBe(1);
    expect(await query(f.connection, "SELECT count(*) AS n FROM int_lda_mois_mesures WHERE id_mesure = 'X1'")).toEqual([{ n: 6 }]);
  });

  it("pays its 6 mois-mesures: 2 500,00 € of service fait, retained in full", async () => {
    const [c] = await query<{ mois_mesures: number; du_service_fait: number; du_retenu: number }>(
      f.connection,
      "SELECT mois_mesures, CAST(du_service_fait AS DOUBLE) AS du_service_fait, CAST(du_retenu AS DOUBLE) AS du_retenu FROM mart_lda_financement WHERE id_convention = 'CX1'",
    );
    expect(c).toEqual({ mois_mesures: 6, du_service_fait: 2500, du_retenu: 2500 });
  });
});
