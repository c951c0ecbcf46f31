// Fiche 2.12 (prévention et accompagnement de la précarité énergétique): indicators, financing and alerts on a
// hand-made fixture (test/fixtures/f2_12/, snapshot 2026-12-31). Every expected value was computed by hand from the
// definitions of ../shared/spec/fiches.md (2.12 §1-§3) and sources/reference/indicateurs.csv, written beside it.
//
// Households (OP-P, lot1):
//   M1 Calais (calaisis) 34 y. F personne_seule rsa 900 € endettement, locataire_parc_prive, slisl_mds, not spotted,
//      validated 10/06, 4 months, 15/06/2026 → 14/10/2026, fin_prevue_objectifs_atteints, partiellement_resolues, fragile,
//      frein isolation_insuffisante, satisfait
//   M2 Boulogne (boulonnais) born 1960 M couple_sans_enfant 1 500 € fragile, proprietaire_occupant, operateur_lui_meme,
//      spotted, validated 01/07, 6 months, from 05/07/2026, running
//   M3 Calais 45 y. F famille_monoparentale no resources given, deficitaire, locataire_parc_social, ccas, validated 01/09,
//      3 months, 05/09/2026 → 04/12/2026, porte_close, inchangees, deficitaire, non_repondu
// Energy: M1 départ électricité debt 600 (no monthly payment, no plan, inadapte) / fin debt 200 (monthly payment, plan,
//      adapte); M2 départ gaz debt 0 monthly payment; M3 départ eau debt 300 plan adapte
// Acts (caps 120 / 250 / 150 / 150 / 40 / 25): see the financing test. Visits: M1 08/07, 22/07, 10/08, 02/10, 09/10
//      successful; M3 05/11 and 15/11 unsuccessful. Referrals: M1 fsl aboutie 05/08, M1 france_renov_anah en_cours 01/09,
//      M3 fsl sans_suite 10/10. Projet 2: X1 17/09 Arras collectif atelier 9 participants (eco_gestes, lecture_factures),
//      X2 05/10 Calais individuel 4 participants. Convention PE1 lot1 01/06/2026-31/05/2027 2 000 € taux 0,70 action=300,
//      advance paid 1 500 €.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";
import { runModels } from "../pipelines/models/run.ts";

const FICHE = "f2_12_prevention_pe";
let connection: DuckDBConnection;

beforeAll(async () => {
  // pe_menages carries personal columns (name, address): pseudonymised at ingest with this key.
  connection = await loadFixture("test/fixtures/f2_12", { pseudonymKey: "cle-de-test-f2-12-non-secrete", dateReference: "2026-12-31" });
}, 240_000);

const valeur = publishedValue(() => connection, FICHE);

describe("2.12 personal data", () => {
  it("keeps no name or address in clear, and none in the staging model", async () => {
    const raw = await query<{ n: number }>(connection, "SELECT count(*) AS n FROM raw.pe_menages WHERE nom_menage IN ('Dupont', 'Durand') OR adresse_logement LIKE '%rue%'");
    expect(raw[0]!.n).toBe(0);
    const columns = await query<{ column_name: string }>(connection, "SELECT column_name FROM (DESCRIBE staging_pe_menages)");
    expect(columns.map((c) => c.column_name)).not.toContain("nom_menage");
    expect(columns.map((c) => c.column_name)).not.toContain("adresse_logement");
  });
});

describe("2.12 individual bilan indicators i01-i07 (households accompanied)", () => {
  it("i01 profile", async () => {
    // accompanied in 2026: M1, M2 (running to 31/12), M3 = 3
    expect(await valeur("i01", "2026")).toBe(3);
    // age bands: M1 34 → 26_35 ; M2 2026 − 1960 = 66 → plus_65 ; M3 45 → 36_50
    expect(await valeur("i01", "2026", "62", "tranche_age", "plus_65")).toBe(1);
    expect(await valeur("i01", "2026", "62", "tranche_age", "26_35")).toBe(1);
    // sex F: M1, M3 = 2 ; budget endettement: M1 = 1
    expect(await valeur("i01", "2026", "62", "sexe", "F")).toBe(2);
    expect(await valeur("i01", "2026", "62", "situation_budgetaire_depart", "endettement")).toBe(1);
    // median of the resources given: 900, 1 500 → 1 200
    expect(await valeur("i01_ressources_mediane", "2026")).toBe(1200);
    // June 2026: only M1 (M2 starts 05/07, M3 05/09) = 1
    expect(await valeur("i01", "2026-06")).toBe(1);
    // territories: calaisis M1, M3 = 2 ; boulonnais M2 = 1 ; lot1 = 3 ; lot2 = 0 (zero-filled)
    expect(await valeur("i01", "2026", "calaisis")).toBe(2);
    expect(await valeur("i01", "2026", "boulonnais")).toBe(1);
    expect(await valeur("i01", "2026", "lot1")).toBe(3);
    expect(await valeur("i01", "2026", "lot2")).toBe(0);
  });

  it("i02 occupancy, i03 referring organisation", async () => {
    // statut: locataire M1, M3 = 2, proprietaire M2 = 1 ; parc privé M1, M2 = 2, social M3 = 1
    expect(await valeur("i02", "2026", "62", "statut", "locataire")).toBe(2);
    expect(await valeur("i02", "2026", "62", "statut", "proprietaire")).toBe(1);
    expect(await valeur("i02", "2026", "62", "parc", "prive")).toBe(2);
    expect(await valeur("i02", "2026", "62", "parc", "social")).toBe(1);
    expect(await valeur("i02", "2026", "62", "statut_occupation", "locataire_parc_social")).toBe(1);
    // origin ccas M3 = 1 ; spotted by the operator: M2 → 1 / 3 × 100 = 33.3 %
    expect(await valeur("i03", "2026", "62", "structure_origine_type", "ccas")).toBe(1);
    expect(await valeur("i03", "2026", "62", "repere_par_operateur", "oui")).toBe(1);
    expect(await valeur("i03_part_reperes", "2026")).toBe(33.3);
  });

  it("i04-i06 reasons and difficulties, each household under each code", async () => {
    // motifs: M1 impayes_energie + inconfort_thermique, M2 factures_elevees, M3 impayes_eau ; total 3 households
    expect(await valeur("i04", "2026")).toBe(3);
    expect(await valeur("i04", "2026", "62", "motif_demande", "inconfort_thermique")).toBe(1);
    expect(await valeur("i05", "2026", "62", "difficulte", "dette_eau")).toBe(1);
    // connexes: only M1 budget_endettement ; total = all 3 households accompanied
    expect(await valeur("i06", "2026")).toBe(3);
    expect(await valeur("i06", "2026", "62", "difficulte_connexe", "budget_endettement")).toBe(1);
  });

  it("i07 starting energy situation", async () => {
    // départ rows: M1 électricité, M2 gaz, M3 eau = 3 households
    expect(await valeur("i07", "2026")).toBe(3);
    // debt > 0: M1 600, M3 300 = 2 ; M2 debt 0 → sans_dette 1
    expect(await valeur("i07", "2026", "62", "dette", "avec_dette")).toBe(2);
    expect(await valeur("i07", "2026", "62", "dette", "sans_dette")).toBe(1);
    // monthly payment: M2 = 1 ; meter readings not given: M3 = 1
    expect(await valeur("i07", "2026", "62", "mensualisation", "oui")).toBe(1);
    expect(await valeur("i07", "2026", "62", "releve_compteurs", "non_renseigne")).toBe(1);
    // Σ starting debts 600 + 0 + 300 = 900
    expect(await valeur("i07_dette", "2026")).toBe(900);
    // median starting debt of the households with a debt: M1 600, M3 300 (M2 0 left out) → (300 + 600) / 2 = 450
    expect(await valeur("i07_dette_mediane", "2026")).toBe(450);
  });
});

describe("2.12 households sortis: i08, i09, i11, i12", () => {
  it("i08 length of support", async () => {
    // M1 15/06 → 14/10 = 15 + 31 + 31 + 30 + 14 = 121 days = 3.975 months ; M3 05/09 → 04/12 = 25 + 31 + 30 + 4 = 90 days
    // = 2.957 months ; mean (3.975 + 2.957) / 2 = 3.466 → 3.5 ; median of two values = their mean → 3.5
    expect(await valeur("i08", "2026")).toBe(3.5);
    expect(await valeur("i08_mediane", "2026")).toBe(3.5);
    // billed accompaniment months: M1 2026-07, 2026-08, 2026-10 = 3 ; M3 0 → mean 1.5 ; set by the SLISL (4 + 3) / 2 = 3.5
    expect(await valeur("i08_mois_factures", "2026")).toBe(1.5);
    expect(await valeur("i08_duree_fixee", "2026")).toBe(3.5);
    // October 2026: M1 only → 121 / 30.4375 = 3.975 → 4.0
    expect(await valeur("i08", "2026-10")).toBe(4);
  });

  it("i09 change in the situation", async () => {
    // sortis 2026: M1, M3 = 2 ; partiellement_resolues M1, inchangees M3 ; transitions endettement>fragile, deficitaire>deficitaire
    expect(await valeur("i09", "2026")).toBe(2);
    expect(await valeur("i09", "2026", "62", "evolution_difficultes", "inchangees")).toBe(1);
    expect(await valeur("i09", "2026", "62", "transition_budgetaire", "endettement>fragile")).toBe(1);
    expect(await valeur("i09", "2026", "62", "frein_non_leve", "isolation_insuffisante")).toBe(1);
    // energy: debt at start M1, M3 = 2 ; at the end M1 (200) = 1 ; plan at start M3, at the end M1 ; monthly payment at the end M1
    expect(await valeur("i09_energie", "2026")).toBe(2);
    expect(await valeur("i09_energie", "2026", "62", "situation", "dette_depart")).toBe(2);
    expect(await valeur("i09_energie", "2026", "62", "situation", "dette_fin")).toBe(1);
    expect(await valeur("i09_energie", "2026", "62", "situation", "plan_apurement_depart")).toBe(1);
    expect(await valeur("i09_energie", "2026", "62", "situation", "mensualisation_fin")).toBe(1);
    // Σ debts of the households sortis: at start 600 + 300 = 900, at the end 200
    expect(await valeur("i09_dette_depart", "2026")).toBe(900);
    expect(await valeur("i09_dette_fin", "2026")).toBe(200);
  });

  it("i11 reason for stopping, i12 household's assessment", async () => {
    expect(await valeur("i11", "2026")).toBe(2);
    expect(await valeur("i11", "2026", "62", "motif_arret", "porte_close")).toBe(1);
    expect(await valeur("i12", "2026", "62", "evaluation_plus_value", "non_repondu")).toBe(1);
    expect(await valeur("i12", "2026", "62", "evaluation_plus_value", "satisfait")).toBe(1);
  });
});

describe("2.12 referrals i10, i16", () => {
  it("counts referrals by vers and suite, and households by partner", async () => {
    // O1, O2, O3 = 3 ; fsl O1, O3 = 2 ; fsl|aboutie O1 = 1
    expect(await valeur("i10", "2026")).toBe(3);
    expect(await valeur("i10", "2026", "62", "vers", "fsl")).toBe(2);
    expect(await valeur("i10", "2026", "62", "vers_suite", "fsl|aboutie")).toBe(1);
    expect(await valeur("i10", "2026", "62", "suite", "en_cours")).toBe(1);
    // households referred: M1, M3 = 2 ; to fsl M1, M3 = 2 ; to france_renov_anah M1 = 1
    expect(await valeur("i16", "2026")).toBe(2);
    expect(await valeur("i16", "2026", "62", "vers", "france_renov_anah")).toBe(1);
  });
});

describe("2.12 global evaluation i13-i18", () => {
  it("i13 quantitative dimension", async () => {
    // acts A1-A16 = 16 ; funded A1, A2, A3, A4, A7, A10, A12, A14, A16 = 9, not funded 7 ; diagnostic_technique A2, A10, A13 = 3
    expect(await valeur("i13", "2026")).toBe(16);
    expect(await valeur("i13", "2026", "62", "finance", "oui")).toBe(9);
    expect(await valeur("i13", "2026", "62", "finance", "non")).toBe(7);
    expect(await valeur("i13", "2026", "62", "type_prestation", "diagnostic_technique")).toBe(3);
    // households with a diagnostic social: M1 (A1), M2 (A9), M3 (A16) = 3
    expect(await valeur("i13_menages_diagnostiques", "2026")).toBe(3);
    // an accompaniment month in 2026: M1 = 1 ; August (A6): M1 = 1 ; September: none → 0
    expect(await valeur("i13_menages_accompagnes", "2026")).toBe(1);
    expect(await valeur("i13_menages_accompagnes", "2026-08")).toBe(1);
    expect(await valeur("i13_menages_accompagnes", "2026-09")).toBe(0);
    // projet 2: X1, X2 = 2 actions, funded X1 (9 ≥ 6) = 1 ; participants 9 + 4 = 13 ; by MDS territory arrageois X1 = 1
    expect(await valeur("i13_actions_projet_2", "2026")).toBe(2);
    expect(await valeur("i13_actions_projet_2", "2026", "62", "finance", "oui")).toBe(1);
    expect(await valeur("i13_participants_projet_2", "2026")).toBe(13);
    expect(await valeur("i13_actions_projet_2", "2026", "arrageois")).toBe(1);
    // projet 2 is not allotted: no lot figure
    expect(await valeur("i13_actions_projet_2", "2026", "lot1")).toBeUndefined();
  });

  it("i14, i15, i18 bilans remitted; i17 amount retained", async () => {
    // bilans intermédiaire/final of PE1: BP5 (30/11/2026) = 1, on lot1
    expect(await valeur("i14", "2026")).toBe(1);
    expect(await valeur("i15", "2026", "lot1")).toBe(1);
    expect(await valeur("i18", "2026")).toBe(1);
    // i17 = projet 1 1 255 (see financing) + projet 2 X1 300 = 1 555 ; diagnostics techniques A2 250 + A10 250 = 500
    expect(await valeur("i17", "2026")).toBe(1555);
    expect(await valeur("i17", "2026", "62", "projet", "projet_2")).toBe(300);
    expect(await valeur("i17", "2026", "62", "type_prestation", "diagnostic_technique")).toBe(500);
    // July 2026 funded acts: A3 150 (02/07) + A4 150 (31/07) + A10 250 (10/07) + A12 25 (05/07) = 575
    expect(await valeur("i17", "2026-07")).toBe(575);
  });
});

describe("2.12 financing", () => {
  it("PE1: projet 1 within the caps, projet 2 from 6 participants, advance 70 %", async () => {
    const [c] = await query<Record<string, unknown>>(connection, "SELECT * EXCLUDE (perimetre, projets, date_debut, date_fin) FROM mart_f2_12_financement WHERE id_convention = 'PE1'");
    // funded acts and amounts retained:
    //   A1 diag social 130 € → min(130, 120) = 120 ; A2 diag technique (locataire parc privé) 250 ; A3 restitution after A2,
    //   private landlord 150 ; A4 accompaniment July, 2 successful visits 150 ; A7 accompaniment October, 2 visits 150 ;
    //   A10 diag technique (propriétaire occupant) 250 ; A12 bonus (spotted, after validation) 25 ; A14 porte close after
    //   2 unsuccessful visits 40 ; A16 diag social 120
    //   = 120 + 250 + 150 + 150 + 150 + 250 + 25 + 40 + 120 = 1 255
    // not funded: A5 second accompaniment of July, A6 August 1 visit, A8 bonus not spotted, A9 before validation,
    //   A11 restitution for an owner, A13 diag technique parc social, A15 second porte close
    // invoiced: 130 + 250 + 150 × 5 + 25 + 120 + 250 + 150 + 25 + 250 + 40 + 40 + 120 = 2 150
    expect(c).toMatchObject({ nb_actes: 16, nb_actes_finances: 9, montant_facture_projet_1: 2150, du_projet_1: 1255 });
    // projet 2: X1 9 participants × agreed 300 € (action=300), X2 4 < 6 not funded → 300
    expect(c).toMatchObject({ nb_actions: 2, nb_actions_financees: 1, du_projet_2: 300 });
    // du = 1 255 + 300 = 1 555 ≤ 2 000 → retenu 1 555 (alone under the 260 000 € envelope) ; avance 0,70 × 2 000 = 1 400 ;
    // running at the reference date 01/01/2027: no solde, no trop-perçu yet
    expect(c).toMatchObject({ du_service_fait: 1555, du_convention: 1555, du_exercice: 1555, du_retenu: 1555, avance: 1400, solde: null, trop_percu: null, statut_periode: "en_cours" });
    const union = await query<{ du_retenu: number }>(connection, "SELECT du_retenu FROM mart_financement WHERE fiche = $1", [FICHE]);
    expect(union).toEqual([{ du_retenu: 1555 }]);
  });
});

describe("2.12 alerts", () => {
  it("raises exactly the expected rule breaks", async () => {
    const rows = await query<{ id_enregistrement: string; regle: string; severite: string; detail: string }>(
      connection,
      "SELECT id_enregistrement, regle, severite, detail FROM mart_alertes WHERE fiche = $1 ORDER BY regle, id_enregistrement, detail",
      [FICHE],
    );
    expect(rows.map((r) => [r.regle, r.id_enregistrement, r.severite])).toEqual([
      ["r01", "A9", "erreur"], // A9 28/06 before M2's validation 01/07
      ["r03", "A6", "erreur"], // August: 1 successful visit (10/08) < 2
      ["r03", "M1|2026-09", "avertissement"], // between M1's billed months 07 and 10, September: 0 visits, nothing billed
      ["r04", "A15", "erreur"], // second porte close of M3
      ["r05", "A11", "erreur"], // restitution for an owner (no private landlord)
      ["r05", "A13", "erreur"], // diagnostic technique in the social stock
      ["r06", "A8", "erreur"], // bonus for M1, not spotted by the operator
      ["r07", "A1", "erreur"], // 130 € > cap 120 €
      ["r07", "A5", "erreur"], // second accompaniment for July
      ["r08", "M1|2026-08", "avertissement"], // point d'étape of August not signed (BP2)
      ["r08", "M1|2026-10", "avertissement"], // no point d'étape for October (July has BP1 signed)
      ["r09", "M3", "avertissement"], // M3 ended 04/12 without a signed end bilan (M1 has BP3)
      ["r10", "X2", "erreur"], // 4 participants < 6
      // lot1 = calaisis (M1, M3), boulonnais (M2), montreuillois, audomarois: two territories without a household;
      // the convention runs → info
      ["r12", "PE1", "info"],
      ["r12", "PE1", "info"],
      ["r15", "PE1", "erreur"], // advance paid 1 500 > 0,70 × 2 000 = 1 400
    ]);
    // no r13: comité de suivi BP4 on 15/10/2026, inside 01/10/2026 – 01/12/2026
    expect(rows.filter((r) => r.regle === "r12").map((r) => r.detail)).toEqual([
      "aucun ménage accompagné sur le territoire audomarois du lot1",
      "aucun ménage accompagné sur le territoire montreuillois du lot1",
    ]);
    expect(rows.find((r) => r.regle === "r15")!.detail).toBe("avance versée 1 500,00 € : 1 400,00 € au plus (70 % de 2 000,00 €)");
  });
});

describe("2.12 financing with a 2027 parameter row", () => {
  // The same fixture, then ref.parametres gets 2027 rows that would change every 2026 figure if they applied:
  // diagnostic social 100 € (instead of 120), 3 successful visits a month (instead of 2), 10 participants for a
  // projet 2 action (instead of 6). Every act of PE1 is dated 2026, so the 2026 parameters stay in force for them.
  let c2027: DuckDBConnection;
  beforeAll(async () => {
    c2027 = await loadFixture("test/fixtures/f2_12", { pseudonymKey: "cle-de-test-f2-12-non-secrete", dateReference: "2026-12-31" });
    await c2027.run(`
      INSERT INTO ref.parametres (fiche, exercice, parametre, valeur) VALUES
        ('${FICHE}', '2027', 'tarif_diagnostic_social_habitudes_vie', 100),
        ('${FICHE}', '2027', 'visites_min_mois', 3),
        ('${FICHE}', '2027', 'participants_min_action_projet_2', 10)`);
    await runModels(c2027);
  }, 240_000);

  it("pays the 2026 acts at the 2026 rates", async () => {
    const [c] = await query<Record<string, unknown>>(
      c2027,
      "SELECT nb_actes_finances, du_projet_1, nb_actions_financees, du_projet_2, du_service_fait, du_retenu, solde FROM mart_f2_12_financement WHERE id_convention = 'PE1'",
    );
    // As above: projet 1 = 1 255 (A1 and A16 capped at 120, A4 and A7 with 2 visits funded), projet 2 = X1 (9 ≥ 6) 300,
    // du = 1 555; running, so no solde. Had the 2027 row applied: A1, A16 at 100 (−40), A4, A7 unfunded
    // (−300), X1 unfunded (−300): 915.
    expect(c).toEqual({ nb_actes_finances: 9, du_projet_1: 1255, nb_actions_financees: 1, du_projet_2: 300, du_service_fait: 1555, du_retenu: 1555, solde: null });
  });

  it("puts the 2027 value in force from 1 January 2027, the earliest before the catalogue", async () => {
    const enVigueur = async (jour: string) =>
      (await query<{ valeur: number }>(
        c2027,
        `SELECT valeur FROM int_parametres_en_vigueur WHERE fiche = $1 AND parametre = 'tarif_diagnostic_social_habitudes_vie' AND CAST($2 AS DATE) BETWEEN du AND au`,
        [FICHE, jour],
      )).map((r) => r.valeur);
    expect(await enVigueur("2026-12-31")).toEqual([120]);
    expect(await enVigueur("2027-01-01")).toEqual([100]);
    expect(await enVigueur("2020-05-01")).toEqual([120]);
  });
});
