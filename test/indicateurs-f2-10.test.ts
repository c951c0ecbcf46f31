// Fiche 2.10 (équipes mobiles de prévention des expulsions): indicators, financing and alerts on a hand-made fixture
// (test/fixtures/f2_10/, snapshot 2026-01-31). Every expected value was computed by hand from the definitions of
// ../shared/spec/fiches.md (2.10 §1-§3) and sources/reference/indicateurs.csv; the computation is written beside it.
//
// Fixture (operator OP-A):
//   E1 H1 lens_henin signalé 10/03/2025 commandement, privé, dette 2 000, éligible; flash 15/03, approfondi 25/03,
//      accompagnement 01/04→20/05 7 semaines; terminée 20/05/2025 maintien_plan_apurement
//   E2 H2 artois 20/03/2025 assignation, privé, dette 5 000, éligible; flash 02/04, accompagnement 10/04, 10 semaines; en cours
//   E3 H3 lens_henin 05/04/2025 commandement, social, dette 800, NON éligible (parc_social); flash 08/04; terminée 08/04 orientation_services_sociaux
//   E4 H1 lens_henin 02/11/2025 commandement, social, dette vide, éligible; no act; en cours
//   E5 H5 boulonnais 01/06/2025 commandement, privé, dette 1 500, éligible; flash 03/06; en cours
//   contacts K1 (E1, B1 personne_physique, 20/03, téléphone, plan_apurement), K2 (E1, B1, 15/04, courrier, accord_amiable),
//            K3 (E2, B2 sci, 12/04, rencontre, refus), K4 (E5, B3 agence, 10/06, téléphone, no result),
//            K5 (E9 — an intervention never sent —, B4 autre, 01/07, courriel, sans_reponse)
//   conventions C10 2025 lens_henin|artois 3 000 € taux 0,60; C11 2026 lens_henin|artois 1 000 € taux 0,50
//   versement V1 avance C10 1 500 €
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

const FICHE = "f2_10_equipes_mobiles";
let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await loadFixture("test/fixtures/f2_10", { pseudonymKey: "cle-de-test-f2-10-non-secrete", dateReference: "2026-01-31" });
}, 240_000);

const valeur = publishedValue(() => connection, FICHE);

describe("2.10 i01 ménages éligibles", () => {
  it("counts distinct eligible households signalés in the period", async () => {
    // 2025: eligible E1 (H1), E2 (H2), E4 (H1 again), E5 (H5) → {H1, H2, H5} = 3
    expect(await valeur("i01", "2025")).toBe(3);
    // stade: commandement_de_payer H1 (E1, E4), H5 = 2 ; assignation H2 = 1
    expect(await valeur("i01", "2025", "62", "stade_procedure", "commandement_de_payer")).toBe(2);
    expect(await valeur("i01", "2025", "62", "stade_procedure", "assignation")).toBe(1);
    // debt bands: 1500_4000 H1 (2 000), H5 (1 500, bound included) = 2 ; plus_4000 H2 = 1 ; non_renseigne H1 (E4) = 1
    expect(await valeur("i01", "2025", "62", "tranche_dette", "1500_4000")).toBe(2);
    expect(await valeur("i01", "2025", "62", "tranche_dette", "plus_4000")).toBe(1);
    expect(await valeur("i01", "2025", "62", "tranche_dette", "non_renseigne")).toBe(1);
    // parc: privé H1 (E1), H2, H5 = 3 ; social H1 (E4) = 1
    expect(await valeur("i01", "2025", "62", "parc", "prive")).toBe(3);
    expect(await valeur("i01", "2025", "62", "parc", "social")).toBe(1);
  });

  it("recounts by territory and AMI, by month, and zero-fills", async () => {
    // lens_henin H1 = 1 ; artois H2 = 1 ; boulonnais H5 = 1 ; ami1 {H1, H2} = 2 ; ami2 {H5} = 1 ; audomarois 0 (zero-filled)
    expect(await valeur("i01", "2025", "lens_henin")).toBe(1);
    expect(await valeur("i01", "2025", "artois")).toBe(1);
    expect(await valeur("i01", "2025", "boulonnais")).toBe(1);
    expect(await valeur("i01", "2025", "ami1")).toBe(2);
    expect(await valeur("i01", "2025", "ami2")).toBe(1);
    expect(await valeur("i01", "2025", "audomarois")).toBe(0);
    // March 2025: E1 (10/03) H1, E2 (20/03) H2 = 2 ; April: only E3, not eligible → 0
    expect(await valeur("i01", "2025-03")).toBe(2);
    expect(await valeur("i01", "2025-04")).toBe(0);
  });

  it("gives the non-eligible households by motive", async () => {
    // 2025: E3 H3, parc_social = 1
    expect(await valeur("i01_non_eligibles", "2025")).toBe(1);
    expect(await valeur("i01_non_eligibles", "2025", "62", "motif_non_eligibilite", "parc_social")).toBe(1);
  });
});

describe("2.10 i02 interventions en cours et terminées", () => {
  it("year 2025: every intervention signalé, 2 ended and 3 in progress", async () => {
    // signalées ≤ 31/12/2025, none ended before 01/01/2025: E1-E5 = 5
    expect(await valeur("i02", "2025")).toBe(5);
    // terminées in 2025: E1 (20/05), E3 (08/04) = 2 ; en cours at 31/12/2025: E2, E4, E5 = 3
    expect(await valeur("i02", "2025", "62", "statut", "terminee")).toBe(2);
    expect(await valeur("i02", "2025", "62", "statut", "en_cours")).toBe(3);
    expect(await valeur("i02", "2025", "62", "issue", "maintien_plan_apurement")).toBe(1);
    expect(await valeur("i02", "2025", "62", "issue", "orientation_services_sociaux")).toBe(1);
  });

  it("months: a stock at the end of the month plus the month's endings", async () => {
    // April 2025: signalées ≤ 30/04: E1, E2, E3; E3 ended 08/04 (terminée), E1 ends 20/05 (en cours), E2 en cours = 3
    expect(await valeur("i02", "2025-04")).toBe(3);
    expect(await valeur("i02", "2025-04", "62", "statut", "terminee")).toBe(1);
    // May 2025: E1 (ended 20/05: terminée), E2 (en cours); E3 ended in April → out = 2
    expect(await valeur("i02", "2025-05")).toBe(2);
    expect(await valeur("i02", "2025-05", "62", "statut", "terminee")).toBe(1);
    // January 2026: E1 and E3 ended in 2025 → E2, E4, E5 en cours = 3
    expect(await valeur("i02", "2026-01")).toBe(3);
    expect(await valeur("i02", "2026-01", "62", "statut", "en_cours")).toBe(3);
  });

  it("i02_actes: acts in the period by type", async () => {
    // 2025: flash E1, E2, E3, E5 = 4 ; approfondi E1 = 1 ; accompagnement E1, E2 = 2 ; total 7
    expect(await valeur("i02_actes", "2025")).toBe(7);
    expect(await valeur("i02_actes", "2025", "62", "type_acte", "diagnostic_flash")).toBe(4);
    expect(await valeur("i02_actes", "2025", "62", "type_acte", "diagnostic_approfondi")).toBe(1);
    expect(await valeur("i02_actes", "2025", "62", "type_acte", "accompagnement")).toBe(2);
    // April 2025: flash E2 (02/04), E3 (08/04) + accompaniments E1 (01/04), E2 (10/04) = 4
    expect(await valeur("i02_actes", "2025-04")).toBe(4);
  });
});

describe("2.10 i03 bailleurs contactés", () => {
  it("counts distinct landlords, by type and result", async () => {
    // 2025: B1 (K1, K2), B2, B3, B4 = 4
    expect(await valeur("i03", "2025")).toBe(4);
    expect(await valeur("i03", "2025", "62", "type_bailleur", "autre")).toBe(1);
    expect(await valeur("i03", "2025", "62", "resultat", "sans_reponse")).toBe(1);
    expect(await valeur("i03", "2025", "62", "type_bailleur", "personne_physique")).toBe(1);
    expect(await valeur("i03", "2025", "62", "type_bailleur", "sci")).toBe(1);
    // results: B1 under plan_apurement and accord_amiable (1 each), B2 refus, B3 non_renseigne
    expect(await valeur("i03", "2025", "62", "resultat", "plan_apurement")).toBe(1);
    expect(await valeur("i03", "2025", "62", "resultat", "accord_amiable")).toBe(1);
    expect(await valeur("i03", "2025", "62", "resultat", "refus")).toBe(1);
    expect(await valeur("i03", "2025", "62", "resultat", "non_renseigne")).toBe(1);
    // territory of the intervention: lens_henin B1, artois B2, boulonnais B3 → 1 each; ami1 = 2 ; B4 (unknown
    // intervention E9) has no territory and counts for the département only
    expect(await valeur("i03", "2025", "lens_henin")).toBe(1);
    expect(await valeur("i03", "2025", "ami1")).toBe(2);
    // April 2025: K2 (B1), K3 (B2) = 2
    expect(await valeur("i03", "2025-04")).toBe(2);
    // contacts 2025: K1-K5 = 5 ; téléphone K1, K4 = 2 ; ami2 K4 = 1
    expect(await valeur("i03_contacts", "2025")).toBe(5);
    expect(await valeur("i03_contacts", "2025", "ami2")).toBe(1);
    expect(await valeur("i03_contacts", "2025", "62", "mode", "telephone")).toBe(2);
  });
});

describe("2.10 financing (2025 DDETS tariffs)", () => {
  it("C10: service fait at 150 / 370 / 55 € with accompaniment capped at 8 weeks, advance 60 %, trop-perçu", async () => {
    const [c] = await query<Record<string, number | string>>(connection, "SELECT * EXCLUDE (perimetre, date_debut, date_fin) FROM mart_f2_10_financement WHERE id_convention = 'C10'");
    // eligible households of OP-A on lens_henin|artois: E1, E2, E4 (E3 not eligible, E5 boulonnais out of the perimetre)
    // flash dated 2025: E1, E2 = 2 ; approfondi: E1 = 1 ; accompaniments started in 2025: E1 7 weeks, E2 10 → min(10, 8) = 8
    expect(c).toMatchObject({ nb_diagnostics_flash: 2, nb_diagnostics_approfondis: 1, nb_accompagnements: 2, semaines_declarees: 17, semaines_retenues: 15 });
    // du = 2 × 150 + 1 × 370 + 15 × 55 = 300 + 370 + 825 = 1 495 € ; ≤ 3 000 € → retenu 1 495
    expect(c!.du_service_fait).toBe(1495);
    expect(c!.du_retenu).toBe(1495);
    // avance = 0,60 × 3 000 = 1 800 ; solde = 1 495 − 1 800 = −305 → trop-perçu 305 ; convention ended before 31/01/2026: close
    expect(c).toMatchObject({ avance: 1800, solde: -305, trop_percu: 305, statut_periode: "close", statut_calcul: "calcule" });
  });

  it("C11 (2026): DDETS tariffs not in the parameters → not computed, absent from mart_financement", async () => {
    const [c] = await query<Record<string, number | string | null>>(connection, "SELECT statut_calcul, du_service_fait, du_retenu, avance FROM mart_f2_10_financement WHERE id_convention = 'C11'");
    // avance = 0,50 × 1 000 = 500 (the convention's rate, flagged by r09)
    expect(c).toEqual({ statut_calcul: "tarif_ddets_non_renseigne", du_service_fait: null, du_retenu: null, avance: 500 });
    const union = await query<{ id_convention: string }>(connection, "SELECT id_convention FROM mart_financement WHERE fiche = $1", [FICHE]);
    expect(union.map((r) => r.id_convention)).toEqual(["C10"]);
  });
});

describe("2.10 alerts", () => {
  it("raises exactly the expected rule breaks", async () => {
    const rows = await query<{ id_enregistrement: string; regle: string; severite: string; detail: string }>(
      connection,
      "SELECT id_enregistrement, regle, severite, detail FROM mart_alertes WHERE fiche = $1 ORDER BY regle, id_enregistrement",
      [FICHE],
    );
    expect(rows.map((r) => [r.regle, r.id_enregistrement, r.severite])).toEqual([
      // r02: E4 eligible and parc social
      ["r02", "E4", "erreur"],
      // r03: E2 signalé at the assignation stage (eligible)
      ["r03", "E2", "avertissement"],
      // r04: E2 10 weeks > 8, the 2025 cap is a 2025 parameter → erreur
      ["r04", "E2", "erreur"],
      // r05: E5 flash 03/06/2025 on boulonnais, not in any OP-A 2.10 convention perimetre
      ["r05", "E5", "erreur"],
      // r06: E3 not eligible but a diagnostic flash
      ["r06", "E3", "erreur"],
      // r07: eligible debts outside [1 500 ; 4 000]: E2 5 000 (E1 2 000 and E5 1 500 inside, E4 unknown)
      ["r07", "E2", "info"],
      // r08: C11 2026 without DDETS tariffs
      ["r08", "C11", "info"],
      // r09: C10 advance paid 1 500 instead of 0,60 × 3 000 = 1 800 ; C11 rate 0,50 instead of 0,60
      ["r09", "C10", "erreur"],
      ["r09", "C11", "erreur"],
      // r10: C10 ended 31/12/2025 < snapshot 31/01/2026, no bilan_final_action
      ["r10", "C10", "info"],
      // r11: K5 for intervention E9, absent from em_interventions
      ["r11", "K5", "avertissement"],
    ]);
    expect(rows.find((r) => r.regle === "r09" && r.id_enregistrement === "C10")!.detail).toBe("avance versée 1 500,00 € au lieu de 1 800,00 € (60 % de 3 000,00 €)");
    expect(rows.find((r) => r.regle === "r04")!.detail).toBe("10 semaines d'accompagnement : 8 au plus ; seules 8 sont financées");
    // Money in a detail is spelt as every fiche's, bounds included (montant_fr).
    expect(rows.find((r) => r.regle === "r07")!.detail).toBe("dette de 5 000,00 € hors de la fourchette du renfort AMI 1 (1 500,00 à 4 000,00 €)");
  });
});

describe("2.10 parameters", () => {
  it("has the five 2025 parameters of seed 004 (their quotes: test/provenance.test.ts)", () => {
    const csv = readFileSync("sources/reference/ref_parametres.csv", "utf8").split("\n").filter((l) => l.startsWith(`${FICHE},2025,`));
    // tarif_diagnostic_flash, tarif_diagnostic_approfondi, tarif_semaine_accompagnement, max_semaines_accompagnement, taux_avance
    expect(csv).toHaveLength(5);
    for (const l of csv) expect(l).toMatch(/,004,\d+$/);
  });
});
