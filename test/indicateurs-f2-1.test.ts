// Fiche 2.1 « Missions d'information sur le logement »: indicators, financing and rule checks on a hand-made fixture
// (test/fixtures/f2_1/, operator OP-I, snapshot 2026-12). Every expected value was computed by hand from the
// definitions of ../shared/spec/fiches.md 2.1 §2-§3 (and sources/reference/indicateurs.csv); the computation is
// written next to it. Fixture, consultation by consultation (territory = the place's for in-person modes, else the
// user's):
//   C1 10/03/2026 permanence L-ARRAS(62041 arrageois) U1 user 62498, locataire_parc_prive, F, 36_50, rapports_locatifs,
//      2nd theme impayes_expulsion, domains juridique|financier
//   C2 10/03/2026 permanence L-ARRAS U2 62041, proprietaire_occupant, M, 51_65, amelioration_renovation, technique, habitat indigne
//   C3 15/03/2026 telephone U1 62498 (lens_lievin), locataire_parc_prive, F, motif litige, rapports_locatifs, juridique, permis de louer
//   C4 02/04/2026 telephone, professionnel_social, territory calaisis, locataire_parc_social, motif information_generale,
//      impayes_expulsion, 2nd themes rapports_locatifs|fiscalite, habitat indigne AND permis de louer
//   C5 07/04/2026 rdv_bureau L-LENS(62498) U3, heberge, accession_propriete, financier
//   C6 20/04/2026 courriel, no place nor user territory, non_renseigne, autre (the 2026-11 file had it as a phone call
//      on « voisinage »: the 2026-12 file is the latest, so C6 counts once, as a courriel)
//   C7 24/03/2026 permanence L-ARRAS U2 62041, proprietaire_occupant, M, copropriete, juridique
//   C8 20/12/2025 telephone, user 62160 (boulonnais), motif autre — before the convention
//   C9 05/05/2026 accueil_sans_rdv L-BOUL (no permanence there) U4 user 62160 (boulonnais), accedant, F, 26_35,
//      financement_pret, financier
//   Permanences P1 10/03 L-ARRAS, P2 24/03 L-ARRAS (lieu_permanence, 62041), P3 07/04 L-LENS (bureau_permanent, 62498).
//   Actions A1 15/05 salon 62193 (calaisis) 250 people, A2 01/06 article_presse boulonnais 1 000, A3 10/06 salon, nothing known.
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "../pipelines/db/duckdb.ts";
import { runFicheFixture, type FicheFixture } from "./helpers/fiche-fixture.ts";

let f: FicheFixture;

beforeAll(async () => {
  f = await runFicheFixture("f2_1_information", "test/fixtures/f2_1", ["mart_f2_1_indicateurs", "mart_f2_1_financement", "mart_f2_1_alertes"], {
    dateReference: "2026-12-31",
  });
  expect(f.report.fichiers.every((r) => r.rejetees === 0)).toBe(true);
});

describe("fiche 2.1 indicators, year 2026, département", () => {
  it("i01 personnes reçues: in-person consultations, by mode, place and territory of the place", async () => {
    // in person in 2026: C1, C2, C7 (permanence), C5 (rdv_bureau), C9 (accueil_sans_rdv) = 5
    expect(await f.valeur("i01", "2026")).toBe(5);
    expect(await f.valeur("i01", "2026", "62", "mode_consultation", "permanence")).toBe(3); // C1, C2, C7
    expect(await f.valeur("i01", "2026", "62", "lieu", "L-ARRAS")).toBe(3); // C1, C2, C7
    // arrageois (L-ARRAS): C1, C2, C7 = 3 even though C1's user lives in Lens ; lens_lievin (L-LENS): C5 = 1 ;
    // boulonnais: C9, whose place L-BOUL has no permanence, falls back on the user's commune 62160 = 1
    expect(await f.valeur("i01", "2026", "arrageois")).toBe(3);
    expect(await f.valeur("i01", "2026", "lens_lievin")).toBe(1);
    expect(await f.valeur("i01", "2026", "boulonnais")).toBe(1);
    // distinct users among them: U1 (C1), U2 (C2, C7), U3 (C5), U4 (C9) = 4 ; in arrageois U1, U2 = 2
    expect(await f.valeur("i01_usagers", "2026")).toBe(4);
    expect(await f.valeur("i01_usagers", "2026", "arrageois")).toBe(2);
    // March 2026: C1, C2, C7 = 3 ; April: C5 = 1
    expect(await f.valeur("i01", "2026-03")).toBe(3);
    expect(await f.valeur("i01", "2026-04")).toBe(1);
  });

  it("i02 phone calls by the caller's territory, i04 their motives", async () => {
    // 2026: C3 (lens_lievin), C4 (calaisis) = 2 ; C6 is a courriel in its latest version ; C8 is in 2025
    expect(await f.valeur("i02", "2026")).toBe(2);
    expect(await f.valeur("i02", "2026", "lens_lievin")).toBe(1);
    expect(await f.valeur("i02", "2026", "calaisis")).toBe(1);
    expect(await f.valeur("i02", "2025")).toBe(1); // C8
    expect(await f.valeur("i02", "2025", "boulonnais")).toBe(1); // C8, user 62160
    // nothing in boulonnais in 2026: published as 0
    expect(await f.valeur("i02", "2026", "boulonnais")).toBe(0);
    expect(await f.valeur("i04", "2026")).toBe(2); // C3, C4
    expect(await f.valeur("i04", "2026", "62", "motif", "litige")).toBe(1); // C3
    expect(await f.valeur("i04", "2026", "62", "motif", "information_generale")).toBe(1); // C4
  });

  it("i03 permanences, by type of place, and distinct places", async () => {
    expect(await f.valeur("i03", "2026")).toBe(3); // P1, P2, P3
    expect(await f.valeur("i03", "2026", "arrageois")).toBe(2); // P1, P2 at 62041
    expect(await f.valeur("i03", "2026", "62", "type_lieu", "bureau_permanent")).toBe(1); // P3
    expect(await f.valeur("i03_lieux", "2026")).toBe(2); // L-ARRAS, L-LENS
    expect(await f.valeur("i03", "2026-05")).toBe(0); // none in May: 0, not left out
  });

  it("i05 themes, secondary themes and domains", async () => {
    // all 2026 consultations: C1-C7, C9 = 8
    expect(await f.valeur("i05", "2026")).toBe(8);
    expect(await f.valeur("i05", "2026", "62", "theme_principal", "rapports_locatifs")).toBe(2); // C1, C3
    expect(await f.valeur("i05", "2026", "62", "theme_principal", "autre")).toBe(1); // C6 (latest version, not « voisinage »)
    expect(await f.valeur("i05", "2026", "62", "theme_principal", "voisinage")).toBeUndefined();
    expect(await f.valeur("i05", "2026", "62", "domaine", "financier")).toBe(3); // C1, C5, C9
    expect(await f.valeur("i05", "2026", "62", "domaine", "juridique")).toBe(3); // C1, C3, C7
    expect(await f.valeur("i05_secondaires", "2026")).toBe(2); // C1, C4
    expect(await f.valeur("i05_secondaires", "2026", "62", "theme_secondaire", "fiscalite")).toBe(1); // C4
    // territories add up: arrageois C1 C2 C7 = 3, lens_lievin C3 C5 = 2, calaisis C4 = 1, boulonnais C9 = 1, non_attribue C6 = 1
    expect(await f.valeur("i05", "2026", "arrageois")).toBe(3);
    expect(await f.valeur("i05", "2026", "lens_lievin")).toBe(2);
    expect(await f.valeur("i05", "2026", "non_attribue")).toBe(1);
  });

  it("i06 habitat indigne and permis de louer, by commune", async () => {
    expect(await f.valeur("i06", "2026")).toBe(3); // either: C2, C3, C4
    expect(await f.valeur("i06_habitat_indigne", "2026")).toBe(2); // C2, C4
    expect(await f.valeur("i06_permis_de_louer", "2026")).toBe(2); // C3, C4
    expect(await f.valeur("i06", "2026", "62", "commune", "62041")).toBe(1); // C2 at L-ARRAS
    expect(await f.valeur("i06", "2026", "62", "commune", "62498")).toBe(1); // C3, user in Lens
    expect(await f.valeur("i06", "2026", "62", "commune", "non_renseigne")).toBe(1); // C4, no commune
  });

  it("i07 modes used and other information actions", async () => {
    expect(await f.valeur("i07", "2026")).toBe(8);
    expect(await f.valeur("i07", "2026", "62", "mode_consultation", "telephone")).toBe(2); // C3, C4
    expect(await f.valeur("i07", "2026", "62", "mode_consultation", "courriel")).toBe(1); // C6
    expect(await f.valeur("i07", "2026", "62", "mode_consultation", "visio")).toBeUndefined(); // not used
    expect(await f.valeur("i07_actions", "2026")).toBe(3); // A1, A2, A3
    expect(await f.valeur("i07_actions", "2026", "62", "type_action", "salon")).toBe(2); // A1, A3
    expect(await f.valeur("i07_actions", "2026", "non_attribue")).toBe(1); // A3: no commune, no territory
    expect(await f.valeur("i07_personnes_touchees", "2026")).toBe(1250); // 250 + 1 000 + 0 (A3 unknown)
  });

  it("i08 consultant profile and i09 owner / tenant status", async () => {
    expect(await f.valeur("i08", "2026", "62", "sexe", "F")).toBe(3); // C1, C3, C9
    expect(await f.valeur("i08", "2026", "62", "sexe", "non_renseigne")).toBe(3); // C4, C5, C6
    expect(await f.valeur("i08", "2026", "62", "type_consultant", "professionnel_social")).toBe(1); // C4
    expect(await f.valeur("i08", "2026", "62", "territoire_residence", "lens_lievin")).toBe(2); // C1, C3 (62498)
    expect(await f.valeur("i08", "2026", "62", "territoire_residence", "non_renseigne")).toBe(2); // C5, C6
    // proprietaire: C2, C7 (proprietaire_occupant), C9 (accedant) = 3 ; locataire: C1, C3, C4 = 3 ; other: C5 heberge, C6 = 2
    expect(await f.valeur("i09", "2026", "62", "statut", "proprietaire")).toBe(3);
    expect(await f.valeur("i09", "2026", "62", "statut", "locataire")).toBe(3);
    expect(await f.valeur("i09", "2026", "62", "statut", "autre_non_renseigne")).toBe(2);
    expect(await f.valeur("i09", "2026", "62", "statut_occupation", "locataire_parc_prive")).toBe(2); // C1, C3
  });

  it("publishes only indicators of the catalogue", async () => {
    const absents = await query(
      f.connection,
      "SELECT DISTINCT m.indicateur FROM mart_f2_1_indicateurs AS m LEFT JOIN ref.indicateurs AS i ON i.fiche = m.fiche AND i.indicateur = m.indicateur WHERE i.indicateur IS NULL",
    );
    expect(absents).toEqual([]);
  });
});

describe("fiche 2.1 financing: a single payment at signature", () => {
  it("pays the participation at signature; a convention that departs from it shows in its balance", async () => {
    const rows = await query<Record<string, unknown>>(
      f.connection,
      "SELECT id_convention, du_service_fait, du_retenu, avance, solde, trop_percu, versements_recus, nb_versements, statut_periode FROM mart_f2_1_financement ORDER BY 1",
    );
    expect(rows).toEqual([
      // CI1: 100 000 € agreed = participation 100 000 € → du_retenu 100 000; avance = 1 × 100 000 at signature; solde
      // 100 000 − 100 000 = 0. Paid V1 100 000 + V2 5 000 = 105 000 in 2 payments (V2, a « solde », is r01's).
      { id_convention: "CI1", du_service_fait: 100000, du_retenu: 100000, avance: 100000, solde: 0, trop_percu: 0, versements_recus: 105000, nb_versements: 2, statut_periode: "close" },
      // CI2: 20 000 € agreed (min with 100 000 = 20 000) « avance_et_solde » at 0,60, against the fiche (r01):
      // avance = 0,60 × 20 000 = 12 000, solde = 20 000 − 12 000 = 8 000; nothing paid; ended 31/12/2026 = snapshot date → close
      { id_convention: "CI2", du_service_fait: 20000, du_retenu: 20000, avance: 12000, solde: 8000, trop_percu: 0, versements_recus: 0, nb_versements: 0, statut_periode: "close" },
    ]);
  });
});

describe("fiche 2.1 rule checks", () => {
  it("raises r01, r02, r03 and r05 where the fixture breaks them, and nothing else", async () => {
    const rows = await query<{ regle: string; severite: string; id_enregistrement: string }>(
      f.connection,
      "SELECT regle, severite, id_enregistrement FROM mart_f2_1_alertes ORDER BY regle, id_enregistrement, severite",
    );
    expect(rows).toEqual([
      // r01: Σ conventions 2026 = 100 000 + 20 000 = 120 000 > 100 000 → on CI1 and CI2 ; CI2 is « avance_et_solde » at 0,6
      { regle: "r01", severite: "erreur", id_enregistrement: "CI1" },
      { regle: "r01", severite: "erreur", id_enregistrement: "CI2" },
      { regle: "r01", severite: "erreur", id_enregistrement: "CI2" },
      // r01: V2 is a « solde » payment
      { regle: "r01", severite: "erreur", id_enregistrement: "V2" },
      // r02: C8 dated 20/12/2025, before CI1 (01/01/2026 – 31/12/2026)
      { regle: "r02", severite: "erreur", id_enregistrement: "C8" },
      // r03: C9 at L-BOUL, where OP-I declared no permanence
      { regle: "r03", severite: "avertissement", id_enregistrement: "C9" },
      // r05: CI1 ended 31/12/2026 without bilan_final_action (CI2 has BJ1)
      { regle: "r05", severite: "avertissement", id_enregistrement: "CI1" },
    ]);
  });

  it("writes the details in French", async () => {
    const [r02] = await query<{ detail: string }>(f.connection, "SELECT detail FROM mart_f2_1_alertes WHERE regle = 'r02'");
    expect(r02!.detail).toBe("consultation du 20/12/2025 hors de la période de convention (du 01/01/2026 au 31/12/2026)");
    const [v2] = await query<{ detail: string }>(f.connection, "SELECT detail FROM mart_f2_1_alertes WHERE id_enregistrement = 'V2'");
    expect(v2!.detail).toBe("versement de type solde du 01/06/2026 (5 000,00 €) : la fiche prévoit un versement unique à la signature");
  });
});
