// Fiche 2.2 « Numéro vert prévention des expulsions »: indicators, financing and rule checks on a hand-made fixture
// (test/fixtures/f2_2/, operator OP-N, snapshot 2026-12). Expected values computed by hand from
// ../shared/spec/fiches.md 2.2 §2-§3 and ambiguity 20 (consultations = every exchange; contacts = distinct households,
// described by their first consultation of the period; debt = latest amount of the period). Fixture:
//   N1 03/02/2026 appel, household M1 (first contact), Lens 62498 (lens_lievin), parc prive, F 41, famille_monoparentale,
//      salaire 1 200 €, commandement_de_payer, debt 2 000, origin perte_emploi, suites information_conseil_juridique|orientation_fsl
//   N2 20/02/2026 permanence PERM1, M1 again: resources 1 300, assignation, debt 2 500, origins perte_emploi|separation_deces,
//      suite plan_apurement_negocie
//   N3 05/03/2026 appel, M2 (first contact), Calais 62193 (calaisis), social, M born 1970 (56), personne_seule,
//      indemnites_chomage 900, impaye_sans_procedure, debt 800, baisse_ressources, orientation_services_sociaux
//   N4 10/03/2026 appel, travailleur_social, no household, territory calaisis, non_renseigne, information_conseil_juridique
//   N5 01/04/2026 courriel, M3 (first contact), territory artois, proprietaire_bailleur, prive, M 60, couple_sans_enfant,
//      retraite_minimum_vieillesse 2 000, audience, debt 5 000, litige_bailleur_logement_indecent, mediation_bailleur
//   N6 15/04/2026 permanence PERM9 (undeclared), proche_tiers, no household, Arras 62041 (arrageois), non_renseigne, autre
//   N7 15/12/2025 appel, M2, calaisis, commandement_de_payer, debt 700, orientation_fsl — before the convention
//   Permanences PERM1 20/02 Lens, PERM2 12/05 Arras ; instances I1 17/03 ccapex lens_lievin, I2 02/06 groupe_de_travail
//   (départemental) ; actions S1 06/05 sensibilisation_travailleurs_sociaux calaisis 18 participants, S2 10/09
//   information_collective (no count).
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "../pipelines/db/duckdb.ts";
import { runFicheFixture, type FicheFixture } from "./helpers/fiche-fixture.ts";

let f: FicheFixture;

beforeAll(async () => {
  f = await runFicheFixture("f2_2_numero_vert", "test/fixtures/f2_2", ["mart_f2_2_indicateurs", "mart_f2_2_financement", "mart_f2_2_alertes"], {
    dateReference: "2026-12-31",
  });
  expect(f.report.fichiers.every((r) => r.rejetees === 0)).toBe(true);
});

describe("fiche 2.2 consultations, year 2026", () => {
  it("i01 consultations by mode and territory, first contacts", async () => {
    expect(await f.valeur("i01", "2026")).toBe(6); // N1-N6 (N7 is in 2025)
    expect(await f.valeur("i01", "2025")).toBe(1); // N7
    expect(await f.valeur("i01", "2026", "62", "mode_consultation", "appel_numero_vert")).toBe(3); // N1, N3, N4
    expect(await f.valeur("i01", "2026", "62", "mode_consultation", "permanence")).toBe(2); // N2, N6
    expect(await f.valeur("i01", "2026", "lens_lievin")).toBe(2); // N1, N2
    expect(await f.valeur("i01", "2026", "calaisis")).toBe(2); // N3, N4
    expect(await f.valeur("i01", "2026", "arrageois")).toBe(1); // N6
    expect(await f.valeur("i01_premiers_contacts", "2026")).toBe(3); // N1, N3, N5
  });

  it("i02 modes by month and territory", async () => {
    expect(await f.valeur("i02", "2026-02", "lens_lievin", "mode_consultation", "appel_numero_vert")).toBe(1); // N1
    expect(await f.valeur("i02", "2026-02", "lens_lievin", "mode_consultation", "permanence")).toBe(1); // N2
    expect(await f.valeur("i02", "2026-03")).toBe(2); // N3, N4
    expect(await f.valeur("i02", "2026-05")).toBe(0); // no consultation in May: 0
  });

  it("i08 stage per consultation and i13 follow-ups", async () => {
    expect(await f.valeur("i08_consultations", "2026", "62", "stade_procedure", "non_renseigne")).toBe(2); // N4, N6
    expect(await f.valeur("i08_consultations", "2026", "62", "stade_procedure", "assignation")).toBe(1); // N2
    expect(await f.valeur("i13", "2026")).toBe(6);
    expect(await f.valeur("i13", "2026", "62", "suite_donnee", "information_conseil_juridique")).toBe(2); // N1, N4
    expect(await f.valeur("i13", "2026", "62", "suite_donnee", "orientation_fsl")).toBe(1); // N1 (N7 is in 2025)
  });
});

describe("fiche 2.2 contacts (distinct households), year 2026", () => {
  it("i04 contacts by territory of their first consultation", async () => {
    // M1 (N1, lens_lievin), M2 (N3, calaisis: N7 is in 2025), M3 (N5, artois) ; N4 and N6 have no household = 3
    expect(await f.valeur("i04", "2026")).toBe(3);
    expect(await f.valeur("i04", "2026", "lens_lievin")).toBe(1);
    expect(await f.valeur("i04", "2026", "calaisis")).toBe(1);
    expect(await f.valeur("i04", "2026", "artois")).toBe(1);
    expect(await f.valeur("i04", "2025")).toBe(1); // M2 through N7
  });

  it("i05 profile, i06 resources, i07 family by parc, i08 stage — from the first consultation", async () => {
    expect(await f.valeur("i05", "2026", "62", "type_appelant", "menage_locataire")).toBe(2); // M1, M2
    expect(await f.valeur("i05", "2026", "62", "sexe", "M")).toBe(2); // M2, M3
    // ages: M1 41 → 36_50 ; M2 2026 − 1970 = 56 → 51_65 ; M3 60 → 51_65
    expect(await f.valeur("i05", "2026", "62", "tranche_age", "51_65")).toBe(2);
    expect(await f.valeur("i05", "2026", "62", "tranche_age", "36_50")).toBe(1);
    expect(await f.valeur("i06", "2026", "62", "type_ressources_principal", "salaire")).toBe(1); // M1
    // resources of the first consultation: 1 200 (N1, not N2's 1 300), 900, 2 000 → mean 4 100 / 3 = 1 366,67 ; median 1 200
    expect(await f.valeur("i06_moyenne", "2026")).toBe(1366.67);
    expect(await f.valeur("i06_mediane", "2026")).toBe(1200);
    expect(await f.valeur("i07", "2026", "62", "parc", "prive")).toBe(2); // M1, M3
    expect(await f.valeur("i07", "2026", "62", "parc_composition_familiale", "social|personne_seule")).toBe(1); // M2
    expect(await f.valeur("i07", "2026", "62", "parc_composition_familiale", "prive|famille_monoparentale")).toBe(1); // M1
    // first consultation's stage: M1 commandement_de_payer (N1, not N2's assignation), M2 impaye_sans_procedure, M3 audience
    expect(await f.valeur("i08", "2026", "62", "stade_procedure", "commandement_de_payer")).toBe(1);
    expect(await f.valeur("i08", "2026", "62", "stade_procedure", "assignation")).toBeUndefined();
  });

  it("i11 debt (latest amount of the period) and i12 its origins", async () => {
    // latest debts of 2026: M1 2 500 (N2), M2 800 (N3), M3 5 000 (N5) → 3 contacts, Σ 8 300, mean 2 766,67, median 2 500
    expect(await f.valeur("i11", "2026")).toBe(3);
    expect(await f.valeur("i11_somme", "2026")).toBe(8300);
    expect(await f.valeur("i11_moyenne", "2026")).toBe(2766.67);
    expect(await f.valeur("i11_mediane", "2026")).toBe(2500);
    // bands: 800 < 1 500 ; 1 500 ≤ 2 500 ≤ 4 000 ; 5 000 > 4 000
    expect(await f.valeur("i11", "2026", "62", "tranche_dette", "moins_1500")).toBe(1);
    expect(await f.valeur("i11", "2026", "62", "tranche_dette", "1500_4000")).toBe(1);
    expect(await f.valeur("i11", "2026", "62", "tranche_dette", "plus_4000")).toBe(1);
    expect(await f.valeur("i11_somme", "2026", "62", "parc", "prive")).toBe(7500); // M1 2 500 + M3 5 000
    // February 2026: M1 only, latest of N1 (2 000) and N2 (2 500) = 2 500
    expect(await f.valeur("i11_somme", "2026-02")).toBe(2500);
    // origins cited in 2026: M1 perte_emploi, separation_deces ; M2 baisse_ressources ; M3 litige_bailleur_logement_indecent
    expect(await f.valeur("i12", "2026")).toBe(3);
    expect(await f.valeur("i12", "2026", "62", "origine_dette", "separation_deces")).toBe(1); // cited in N2 only
    expect(await f.valeur("i12", "2025")).toBe(0); // N7 cites none
  });
});

describe("fiche 2.2 permanences, instances, specific actions, year 2026", () => {
  it("i03, i09, i10", async () => {
    expect(await f.valeur("i03", "2026")).toBe(2); // PERM1, PERM2
    expect(await f.valeur("i03", "2026", "lens_lievin")).toBe(1); // PERM1
    expect(await f.valeur("i03", "2026", "arrageois")).toBe(1); // PERM2
    expect(await f.valeur("i09", "2026")).toBe(2); // I1, I2
    expect(await f.valeur("i09", "2026", "62", "type_instance", "ccapex")).toBe(1);
    expect(await f.valeur("i09", "2026", "non_attribue")).toBe(1); // I2, départemental
    expect(await f.valeur("i10", "2026")).toBe(2); // S1, S2
    expect(await f.valeur("i10_participants", "2026")).toBe(18); // 18 + 0
  });

  it("publishes only indicators of the catalogue", async () => {
    const absents = await query(
      f.connection,
      "SELECT DISTINCT m.indicateur FROM mart_f2_2_indicateurs AS m LEFT JOIN ref.indicateurs AS i ON i.fiche = m.fiche AND i.indicateur = m.indicateur WHERE i.indicateur IS NULL",
    );
    expect(absents).toEqual([]);
  });
});

describe("fiche 2.2 financing and rule checks", () => {
  it("pays 18 000 € at signature, no balance", async () => {
    const rows = await query(f.connection, "SELECT id_convention, plafond, du_retenu, avance, solde, trop_percu FROM mart_f2_2_financement");
    // CN1 2026: 18 000 € agreed, parameter 18 000 € (exercice 2026) → all at signature
    expect(rows).toEqual([{ id_convention: "CN1", plafond: 18000, du_retenu: 18000, avance: 18000, solde: 0, trop_percu: 0 }]);
  });

  it("raises r02, r03, r05, r06 where the fixture breaks them", async () => {
    const rows = await query(f.connection, "SELECT regle, severite, id_enregistrement FROM mart_f2_2_alertes ORDER BY regle, id_enregistrement");
    expect(rows).toEqual([
      { regle: "r02", severite: "erreur", id_enregistrement: "N7" }, // 15/12/2025, before CN1 (2026)
      { regle: "r03", severite: "avertissement", id_enregistrement: "N6" }, // PERM9 not declared
      { regle: "r05", severite: "avertissement", id_enregistrement: "N6" }, // proche_tiers without household (N4 is a social worker: allowed)
      { regle: "r06", severite: "avertissement", id_enregistrement: "CN1" }, // BN1 went to the SPSLH, not the comité technique FSL
    ]);
  });
});
