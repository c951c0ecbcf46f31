// Fiche 2.3 ASTRE: indicators, financing « en fonction du service fait » and rule checks on a hand-made fixture
// (test/fixtures/f2_3/, operators OP-A and OP-B, snapshot 2027-10 = 31/10/2027). Expected values computed by hand from
// ../shared/spec/fiches.md 2.3 §1-§3, §0.5 and ambiguities 11-13, with the parameters of ref_parametres.csv (2 640 € per
// 12-month measure = 220 € per mois-mesure, diagnostics ≤ 220 / 440 €, envelope 53 000 €, advance ≤ 80 %).
// Measures and their mois-mesures (month k starts at date_debut + k months, counted while ≤ date_fin or the snapshot):
//   M1 (OP-A, H1, Montreuil 62588 montreuillois, diffus) 01/11/2026 → 31/10/2027: 01/11/2026 … 01/10/2027 = 12 ;
//      F 71, personne_seule, 1 person, 1 000 €, works renovation_energetique 20 000 → 23 000 €, achevés 30/07/2027,
//      photos before and after, very satisfied, ended fin_normale_travaux_acheves, bilans 3m and fin de mesure
//   M2 (OP-A, H2, Arras 62041 arrageois, opah) 15/11/2026 → 14/02/2027: 15/11, 15/12, 15/01 = 3 (15/02 > 14/02) ;
//      M born 1980 (46), couple_avec_enfants, 4 persons, 1 800 €, ended rupture_contact unreported, no contract sent,
//      saisine S2 validated 25/11/2026 after the start
//   M3 (OP-A, H4, Saint-Omer 62765 audomarois, pig) 01/02/2027, running: 01/02 … 01/10/2027 = 9 ; F 30, tenant,
//      rsa 600 €, works started 01/06/2027 without photos, saisine S4 en_attente
//   MB1 (OP-B, HB1, Boulogne 62160 boulonnais, diffus) 10/10/2026, running: 10/10/2026 … 10/10/2027 = 13 ; M 80, 900 €
// Saisines: S1 (H1, identified 05/10/2026, filed 12/10, fsl_fonds_travaux, simple diagnostic 10/11/2026 of 250 €),
//   S2 (H2, 03/11, filed 05/11, departement_mds, complet diagnostic 20/11/2026 of 400 €), S3 (not eligible, filed
//   15/11, refusée), S4 (H4, 05/01/2027, filed 10/01/2027, en_attente), SB1 (OP-B, 20/09/2026, filed 25/09, anah).
// Conventions CA1 (OP-A, 10 000 €, 80 %) and CB1 (OP-B, 2 000 €, 90 %), both 01/11/2026 → 31/10/2027; advances paid
// VA1 8 000 € (CA1), VB1 1 700 € (CB1).
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "../pipelines/db/duckdb.ts";
import { runFicheFixture, type FicheFixture } from "./helpers/fiche-fixture.ts";

let f: FicheFixture;

beforeAll(async () => {
  f = await runFicheFixture("f2_3_astre", "test/fixtures/f2_3", ["mart_f2_3_indicateurs", "mart_f2_3_financement", "mart_f2_3_alertes"], {
    dateReference: "2027-10-31",
  });
  expect(f.report.fichiers.every((r) => r.rejetees === 0)).toBe(true);
});

describe("fiche 2.3 indicators of the saisines", () => {
  it("i01 eligible situations identified, i02 applications filed, i05 difficulties", async () => {
    // identified eligible in 2026: SB1 (20/09), S1 (05/10), S2 (03/11) ; S3 is not eligible = 3 ; 2027: S4 = 1
    expect(await f.valeur("i01", "2026")).toBe(3);
    expect(await f.valeur("i01", "2027")).toBe(1);
    expect(await f.valeur("i01", "2026", "62", "structure_origine_type", "anah")).toBe(1); // SB1
    // filed in 2026: S1, S2, S3, SB1 = 4 (S3 counts: filed, then refused) ; decisions: validee 3 (S1, S2, SB1), refusee 1
    expect(await f.valeur("i02", "2026")).toBe(4);
    expect(await f.valeur("i02", "2026", "62", "decision_spslh", "validee")).toBe(3);
    expect(await f.valeur("i02", "2026", "62", "decision_spslh", "refusee")).toBe(1);
    expect(await f.valeur("i02", "2026", "calaisis")).toBe(1); // S3, Calais
    expect(await f.valeur("i05", "2026")).toBe(4);
    expect(await f.valeur("i05", "2026", "62", "difficulte", "precarite_energetique")).toBe(1); // S1
    expect(await f.valeur("i05", "2027", "62", "difficulte", "numerique")).toBe(1); // S4
  });
});

describe("fiche 2.3 indicators per convention period (spec §A.4: 01/11/2026 → 31/10/2027, two calendar years)", () => {
  const P = "2026-11/2027-10";

  it("is the one convention period of the fiche: CA1 and CB1 share their dates", async () => {
    const periodes = await query<{ periode: string; conventions: string[] }>(f.connection, "SELECT periode, conventions FROM int_periodes_conventions WHERE fiche = 'f2_3_astre'");
    expect(periodes).toEqual([{ periode: P, conventions: ["CA1", "CB1"] }]);
    const [{ n }] = (await query<{ n: number }>(f.connection, `SELECT count(*)::INTEGER AS n FROM mart_f2_3_indicateurs WHERE periode = '${P}' AND type_periode <> 'convention'`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("recounts distinct households over the period, sums additive counts over its months", async () => {
    // Active between 01/11/2026 and 31/10/2027: M1 (H1), M2 (H2), M3 (H4), MB1 (HB1) = 4 distinct households — not
    // 2026's 3 + 2027's 4 = 7 (H1, H2 and HB1 are in both years).
    expect(await f.valeur("i03", P)).toBe(4);
    expect(await f.valeur("i03", P, "62", "operateur", "OP-A")).toBe(3); // H1, H2, H4
    expect(await f.valeur("i03_personnes", P)).toBe(7); // 1 + 4 + 1 + 1
    expect(await f.valeur("i03", P, "montreuillois")).toBe(1); // H1
    expect(await f.valeur("i03", P, "ternois")).toBe(0); // nobody: 0, not left out
    // Measures begun in the period: M1 01/11/2026, M2 15/11/2026, M3 01/02/2027 = 3 (MB1 began 10/10/2026, before);
    // = November 2026 (2) + February 2027 (1), while 2026 (M1, M2, MB1) + 2027 (M3) = 4.
    expect(await f.valeur("i03_nouvelles_mesures", P)).toBe(3);
    // Eligible situations identified in the period: S2 03/11/2026, S4 05/01/2027 = 2 (S1 05/10 and SB1 20/09/2026 before).
    expect(await f.valeur("i01", P)).toBe(2);
    // Applications filed: S2 05/11/2026, S3 15/11/2026, S4 10/01/2027 = 3 (S1 12/10 and SB1 25/09/2026 before).
    expect(await f.valeur("i02", P)).toBe(3);
    // Measures ended in the period: M2 14/02/2027, M1 31/10/2027 = 2.
    expect(await f.valeur("i11", P)).toBe(2);
  });

  it("computes means and medians over the period's measures", async () => {
    // Duration at the end of the period (31/10/2027, also the snapshot) in mois-mesures: M1 12, M2 3 (ended), M3 9,
    // MB1 13 (10/10/2026 … 10/10/2027): mean 37 / 4 = 9.25, median (9 + 12) / 2 = 10.5.
    expect(await f.valeur("i04_moyenne", P)).toBe(9.25);
    expect(await f.valeur("i04_mediane", P)).toBe(10.5);
  });
});

describe("fiche 2.3 indicators of the measures", () => {
  it("i03 households accompanied, their persons, new measures", async () => {
    // active in 2026: M1, M2, MB1 (M3 starts in 2027) = 3 households ; 2027: M1, M2 (until 14/02), M3, MB1 = 4
    expect(await f.valeur("i03", "2026")).toBe(3);
    expect(await f.valeur("i03", "2027")).toBe(4);
    expect(await f.valeur("i03", "2026", "62", "operateur", "OP-A")).toBe(2); // H1, H2
    expect(await f.valeur("i03_personnes", "2026")).toBe(6); // 1 + 4 + 1
    expect(await f.valeur("i03_personnes", "2027")).toBe(7); // 1 + 4 + 1 + 1
    expect(await f.valeur("i03_nouvelles_mesures", "2026")).toBe(3); // M1, M2, MB1
    expect(await f.valeur("i03", "2027-03")).toBe(3); // M1, M3, MB1: M2 ended 14/02/2027
    expect(await f.valeur("i03", "2026", "montreuillois")).toBe(1); // H1
    expect(await f.valeur("i03", "2026", "ternois")).toBe(0); // nobody: 0, not left out
  });

  it("i04 length in mois-mesures at the end of the period", async () => {
    // end of 2026: M1 01/11, 01/12 = 2 ; M2 15/11, 15/12 = 2 ; MB1 10/10, 10/11, 10/12 = 3 → mean 7/3 = 2,33, median 2
    expect(await f.valeur("i04_moyenne", "2026")).toBe(2.33);
    expect(await f.valeur("i04_mediane", "2026")).toBe(2);
    expect(await f.valeur("i04", "2026", "62", "mois_mesures", "2")).toBe(2);
    // end of 2027: M1 12, M2 3, M3 9, MB1 13 → mean 37/4 = 9,25, median (9 + 12)/2 = 10,5
    expect(await f.valeur("i04_moyenne", "2027")).toBe(9.25);
    expect(await f.valeur("i04_mediane", "2027")).toBe(10.5);
  });

  it("i06 profile, i07 location, i08 types of works", async () => {
    // 2026 households: H1 71 plus_65, H2 46 36_50, HB1 80 plus_65 ; personne_seule H1, HB1
    expect(await f.valeur("i06", "2026", "62", "tranche_age", "plus_65")).toBe(2);
    expect(await f.valeur("i06", "2026", "62", "composition_familiale", "personne_seule")).toBe(2);
    expect(await f.valeur("i06_ressources_mediane", "2026")).toBe(1000); // 900, 1 000, 1 800
    expect(await f.valeur("i06_ressources_mediane", "2027")).toBe(950); // 600, 900, 1 000, 1 800 → (900 + 1 000)/2
    expect(await f.valeur("i07", "2027", "62", "perimetre_operation", "diffus")).toBe(2); // M1, MB1
    expect(await f.valeur("i07", "2027", "62", "commune", "62765")).toBe(1); // M3
    expect(await f.valeur("i08", "2026", "62", "travaux_prevus", "renovation_energetique")).toBe(2); // M1, MB1
    expect(await f.valeur("i08", "2027", "62", "travaux_prevus", "habitat_indigne")).toBe(1); // M3
    expect(await f.valeur("i08", "2026", "62", "travaux_realises", "renovation_energetique")).toBe(1); // M1
  });

  it("i09 variation of the projects achieved", async () => {
    // M1 only, works achieved 30/07/2027: 100 × (23 000 − 20 000) / 20 000 = 15 % ; same types → 0 % modified
    expect(await f.valeur("i09_projets", "2027")).toBe(1);
    expect(await f.valeur("i09_moyenne", "2027")).toBe(15);
    expect(await f.valeur("i09_mediane", "2027")).toBe(15);
    expect(await f.valeur("i09_types_modifies", "2027")).toBe(0);
    expect(await f.valeur("i09_projets", "2026")).toBe(0);
  });

  it("i11 satisfaction and i13 reasons of the measures ended, i14 photos", async () => {
    // ended by 31/10/2027: M2 (14/02/2027), M1 (31/10/2027) = 2
    expect(await f.valeur("i11", "2027")).toBe(2);
    expect(await f.valeur("i11", "2027", "62", "satisfaction", "tres_satisfait")).toBe(1); // M1
    expect(await f.valeur("i13", "2027", "62", "motif_arret", "rupture_contact")).toBe(1); // M2
    expect(await f.valeur("i13", "2026")).toBe(0);
    // photos before sent: M1 only ; 2026: 1 of 3 active = 33,33 % ; 2027: 1 of 4 = 25 %
    expect(await f.valeur("i14_photos_avant", "2027")).toBe(1);
    expect(await f.valeur("i14_part_avant", "2026")).toBe(33.33);
    expect(await f.valeur("i14_part_apres", "2027")).toBe(25);
  });
});

describe("fiche 2.3 aids and partnerships", () => {
  it("i10 aids by type × purpose and status, with amounts", async () => {
    // 2026: AI2 caisse_retraite, avance_audit_energetique, 500 €, 05/12/2026
    expect(await f.valeur("i10", "2026")).toBe(1);
    expect(await f.valeur("i10_montant", "2026", "62", "type_aide_objet", "caisse_retraite|avance_audit_energetique")).toBe(500);
    // 2027: AI1 12 000 (20/01/2027) + AI3 3 000 (undated: M3's start 01/02/2027) = 2 aids, 15 000 €
    expect(await f.valeur("i10", "2027")).toBe(2);
    expect(await f.valeur("i10_montant", "2027")).toBe(15000);
    expect(await f.valeur("i10_montant", "2027", "62", "statut", "accordee")).toBe(12000);
    expect(await f.valeur("i10", "2027", "audomarois")).toBe(1); // AI3, M3's territory
  });

  it("i12 partnerships by type and nature", async () => {
    expect(await f.valeur("i12", "2026", "62", "type_partenaire_nature", "mon_accompagnateur_renov|binome_social_technique")).toBe(1); // PA1
    expect(await f.valeur("i12", "2027", "non_attribue")).toBe(1); // PA2, no territory
    expect(await f.valeur("i12", "2026-10")).toBe(0);
  });

  it("publishes only indicators of the catalogue", async () => {
    const absents = await query(
      f.connection,
      "SELECT DISTINCT m.indicateur FROM mart_f2_3_indicateurs AS m LEFT JOIN ref.indicateurs AS i ON i.fiche = m.fiche AND i.indicateur = m.indicateur WHERE i.indicateur IS NULL",
    );
    expect(absents).toEqual([]);
  });
});

describe("fiche 2.3 financing", () => {
  it("pays 220 € per mois-mesure in the period (12 at most per measure) and the diagnostics within their caps", async () => {
    const rows = await query<Record<string, unknown>>(
      f.connection,
      `SELECT id_convention, mois_mesures, du_mesures, du_diagnostics, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode
       FROM mart_f2_3_financement ORDER BY 1`,
    );
    expect(rows).toEqual([
      // CA1 (01/11/2026 – 31/10/2027): M1 12 + M2 3 + M3 9 = 24 mois-mesures × 2 640 / 12 = 5 280 € ;
      // diagnostics S1 simple min(250, 220) = 220 + S2 complet min(400, 440) = 400 → 620 € ; service fait 5 900 € ≤ 10 000 ;
      // Σ of the exercice 5 900 + 2 000 = 7 900 ≤ 53 000 → retained 5 900 ; advance 80 % × 10 000 = 8 000 ;
      // solde 5 900 − 8 000 = −2 100 → trop-perçu 2 100
      { id_convention: "CA1", mois_mesures: 24, du_mesures: 5280, du_diagnostics: 620, du_service_fait: 5900, du_retenu: 5900, avance: 8000, solde: -2100, trop_percu: 2100, statut_periode: "close" },
      // CB1: MB1's months 10/11/2026 … 10/09/2027 (ranks 2 to 12) = 11 ; 10/10/2026 is before the period and 10/10/2027
      // is its 13th → 11 × 220 = 2 420 € > 2 000 agreed → retained 2 000 ; advance min(90 %, 80 %) × 2 000 = 1 600 ;
      // solde 2 000 − 1 600 = 400
      { id_convention: "CB1", mois_mesures: 11, du_mesures: 2420, du_diagnostics: 0, du_service_fait: 2420, du_retenu: 2000, avance: 1600, solde: 400, trop_percu: 0, statut_periode: "close" },
    ]);
  });
});

describe("fiche 2.3 rule checks", () => {
  async function alertes() {
    return query<{ regle: string; severite: string; id_enregistrement: string; n: number }>(
      f.connection,
      "SELECT regle, severite, id_enregistrement, CAST(count(*) AS INTEGER) AS n FROM mart_f2_3_alertes GROUP BY ALL ORDER BY regle, id_enregistrement, severite",
    );
  }

  it("raises every rule the fixture breaks, and only those", async () => {
    expect(await alertes()).toEqual([
      { regle: "r01", severite: "erreur", id_enregistrement: "M2", n: 1 }, // started 15/11/2026, S2 validated 25/11/2026
      { regle: "r01", severite: "erreur", id_enregistrement: "M3", n: 1 }, // S4 en_attente
      { regle: "r02", severite: "avertissement", id_enregistrement: "M2", n: 1 }, // no contract sent, 15/12/2026 passed
      { regle: "r03", severite: "erreur", id_enregistrement: "MB1", n: 1 }, // 13 mois-mesures > 12
      // r04, M1: month 5 (01/03 – 31/03/2027) has K05 « exterieur » only → info ; month 12 (01/10 – 31/10/2027) only a phone call → warning
      { regle: "r04", severite: "avertissement", id_enregistrement: "M1", n: 1 },
      { regle: "r04", severite: "info", id_enregistrement: "M1", n: 1 },
      { regle: "r04", severite: "avertissement", id_enregistrement: "M2", n: 3 }, // its 3 months, no visit
      { regle: "r04", severite: "avertissement", id_enregistrement: "M3", n: 9 }, // 9 months (01/10 – 31/10/2027 is over), K13 is a phone call
      // MB1: months 1-12 are over; the 13th (10/10 – 09/11/2027) is not at 31/10/2027 → 12
      { regle: "r04", severite: "avertissement", id_enregistrement: "MB1", n: 12 },
      { regle: "r05", severite: "avertissement", id_enregistrement: "M2", n: 1 }, // 3 months reached 15/02/2027 ≤ 14/02 + 1 day, no interim bilan
      { regle: "r05", severite: "avertissement", id_enregistrement: "M3", n: 1 }, // 3 months on 01/05/2027
      { regle: "r05", severite: "avertissement", id_enregistrement: "MB1", n: 1 }, // 3 months on 10/01/2027
      { regle: "r06", severite: "erreur", id_enregistrement: "M2", n: 1 }, // ended without bilan_fin_mesure (M1 has BA2)
      { regle: "r07", severite: "avertissement", id_enregistrement: "M2", n: 1 }, // rupture_contact not reported
      { regle: "r08", severite: "erreur", id_enregistrement: "S1", n: 1 }, // simple diagnostic 250 € > 220 €
      { regle: "r09", severite: "erreur", id_enregistrement: "CB1", n: 1 }, // 2 420 € > 2 000 € agreed
      { regle: "r11", severite: "avertissement", id_enregistrement: "M3", n: 1 }, // works en_cours, no photos before
      { regle: "r12", severite: "erreur", id_enregistrement: "M3", n: 1 }, // locataire_parc_prive
      // r13, CB1: rate 90 % > 80 %, and 1 700 € advanced > 80 % × 2 000 = 1 600 €
      { regle: "r13", severite: "erreur", id_enregistrement: "CB1", n: 2 },
    ]);
  });

  it("writes the details in French", async () => {
    const detail = async (regle: string, id: string) =>
      (await query<{ detail: string }>(f.connection, "SELECT detail FROM mart_f2_3_alertes WHERE regle = $1 AND id_enregistrement = $2 ORDER BY 1", [regle, id])).map((r) => r.detail);
    expect(await detail("r09", "CB1")).toEqual(["service fait de 2 420,00 € au-delà du montant conventionné (2 000,00 €) : 2 000,00 € retenus"]);
    expect(await detail("r08", "S1")).toEqual(["diagnostic simple de 250,00 € : 220,00 € au plus"]);
    expect(await detail("r13", "CB1")).toEqual([
      "avance versée 1 700,00 € : 1 600,00 € au plus (80 % de 2 000,00 €)",
      "taux d'avance de la convention 90 % : 80 % au plus",
    ]);
  });
});

describe("fiche 2.3 envelope shared by the operators (test/fixtures/f2_3_enveloppe/)", () => {
  // OP-X: 22 measures and OP-Y: 1 measure, each from 01/11/2026 to 31/10/2027 (12 mois-mesures), conventions
  // CX1 60 000 € and CY1 5 000 € over the same period, advance 80 %.
  let e: FicheFixture;
  beforeAll(async () => {
    e = await runFicheFixture("f2_3_astre", "test/fixtures/f2_3_enveloppe", ["mart_f2_3_financement", "mart_f2_3_alertes"], { dateReference: "2027-10-31" });
    expect(e.report.fichiers.every((r) => r.rejetees === 0)).toBe(true);
  });

  it("reduces each operator's due in proportion when the conventions together exceed 53 000 €", async () => {
    const rows = await query<Record<string, unknown>>(
      e.connection,
      "SELECT id_convention, du_service_fait, du_convention, du_exercice, du_retenu, avance, solde, trop_percu FROM mart_f2_3_financement ORDER BY 1",
    );
    expect(rows).toEqual([
      // CX1: 22 × 12 = 264 mois-mesures × 220 = 58 080 € (≤ 60 000) ; exercice 2026: 58 080 + 2 640 = 60 720 > 53 000
      // → 58 080 × 53 000 / 60 720 = 50 695,652… = 50 695,65 ; advance 0,8 × 60 000 = 48 000 ; solde 2 695,65
      { id_convention: "CX1", du_service_fait: 58080, du_convention: 58080, du_exercice: 60720, du_retenu: 50695.65, avance: 48000, solde: 2695.65, trop_percu: 0 },
      // CY1: 12 × 220 = 2 640 € → 2 640 × 53 000 / 60 720 = 2 304,347… = 2 304,35 ; advance 0,8 × 5 000 = 4 000 ;
      // solde 2 304,35 − 4 000 = −1 695,65 → trop-perçu 1 695,65
      { id_convention: "CY1", du_service_fait: 2640, du_convention: 2640, du_exercice: 60720, du_retenu: 2304.35, avance: 4000, solde: -1695.65, trop_percu: 1695.65 },
    ]);
  });

  it("flags the envelope (r09) and the 20-measure target (r10) on each convention of the exercice", async () => {
    const rows = await query(
      e.connection,
      "SELECT regle, severite, id_enregistrement, detail FROM mart_f2_3_alertes WHERE regle IN ('r09', 'r10') ORDER BY regle, id_enregistrement",
    );
    expect(rows).toEqual([
      { regle: "r09", severite: "erreur", id_enregistrement: "CX1", detail: "conventions ASTRE 2026 : 60 720,00 € dus au total pour une enveloppe de 53 000,00 € ; montant retenu réduit en proportion" },
      { regle: "r09", severite: "erreur", id_enregistrement: "CY1", detail: "conventions ASTRE 2026 : 60 720,00 € dus au total pour une enveloppe de 53 000,00 € ; montant retenu réduit en proportion" },
      // 22 + 1 = 23 measures started between 01/11/2026 and 31/10/2027 > 20
      { regle: "r10", severite: "avertissement", id_enregistrement: "CX1", detail: "23 mesures débutées dans les conventions ASTRE 2026 (tous opérateurs) pour un objectif de 20" },
      { regle: "r10", severite: "avertissement", id_enregistrement: "CY1", detail: "23 mesures débutées dans les conventions ASTRE 2026 (tous opérateurs) pour un objectif de 20" },
    ]);
  });
});
