// Fiche 2.13 « Animation du schéma départemental d'accueil et d'habitat des gens du voyage »: indicators, financing
// and rule checks on a hand-made fixture (test/fixtures/f2_13/, snapshot 2026-12-31). Every expected value was computed
// by hand from the definitions (spec 2.13 §1-§3, sources/reference/indicateurs.csv); the computation is beside it.
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../pipelines/db/duckdb.ts";
import { loadFixture, publishedValue } from "./helpers/published.ts";

const FICHE = "f2_13_gens_du_voyage";
let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await loadFixture("test/fixtures/f2_13", { dateReference: "2026-12-31" });
});

const valeur = publishedValue(() => connection, FICHE);

describe("schéma: i01 meetings and i02 adapted housing, 2026", () => {
  it("i01 counts meetings by theme, instance and scale; working groups with outputs", async () => {
    // 2026: RE1 (groupe_travail, habitat_adapte, départementale), RE2 (comite_pilotage, accueil, départementale),
    // RE3 (groupe_travail, aires_accueil_permanentes, territoriale, arrageois) = 3 ; RE4 is dated 15/12/2025
    expect(await valeur("i01", "2026")).toBe(3);
    expect(await valeur("i01", "2026", "62", "thematique", "habitat_adapte")).toBe(1);
    expect(await valeur("i01", "2026", "62", "instance", "groupe_travail")).toBe(2);
    expect(await valeur("i01", "2026", "62", "echelle", "departementale")).toBe(2);
    // territory: RE3 arrageois = 1 ; RE1, RE2 without territory → non_attribue = 2 ; calaisis 0 in 2026 (RE4 is 2025)
    expect(await valeur("i01", "2026", "arrageois")).toBe(1);
    expect(await valeur("i01", "2026", "non_attribue")).toBe(2);
    expect(await valeur("i01", "2026", "calaisis")).toBe(0);
    expect(await valeur("i01", "2025", "calaisis")).toBe(1);
    // working groups with outputs described: RE1 only (RE3 has none) = 1
    expect(await valeur("i01_productions", "2026")).toBe(1);
  });

  it("i02 actions, accompaniments (yes), studies by partner, households, by commune and EPCI", async () => {
    // HA1 (accompagnement_menage, Lens), HA2 (etude_opportunite, EPCI Hénin-Carvin), HA3 (accompagnement_bailleur, Arras) = 3
    expect(await valeur("i02", "2026")).toBe(3);
    expect(await valeur("i02", "2026", "62", "type_action", "etude_opportunite")).toBe(1);
    // accompaniments HA1 + HA3 = 2 > 0: « oui »
    expect(await valeur("i02_accompagnements", "2026")).toBe(2);
    // studies done: HA2 (bailleur|menage), HA3 (bailleur) = 2 ; with a bailleur 2, with a ménage 1
    expect(await valeur("i02_etudes", "2026")).toBe(2);
    expect(await valeur("i02_etudes", "2026", "62", "avec", "bailleur")).toBe(2);
    expect(await valeur("i02_etudes", "2026", "62", "avec", "menage")).toBe(1);
    // households: HA1 2 + HA2 4 (HA3 none given) = 6
    expect(await valeur("i02_menages", "2026")).toBe(6);
    // HA2 has only its EPCI: EPCI 246200299 = 1 and MDS henin_carvin = 1 ; HA1 at commune 62498 = 1
    expect(await valeur("i02", "2026", "246200299")).toBe(1);
    expect(await valeur("i02", "2026", "henin_carvin")).toBe(1);
    expect(await valeur("i02", "2026", "62498")).toBe(1);
  });
});

describe("grands passages i03, family requests i04, collectivités i05", () => {
  it("i03 caravans and persons against the planning", async () => {
    // realised, arrived in 2026: GP1 140 (planned, Saint-Omer), GP3 80 (not planned, Arras, site non inscrit),
    // GP4 90 (planned, Lens) = 310 ; planned 140 + 90 = 230 ; outside the planning 80
    expect(await valeur("i03", "2026")).toBe(310);
    expect(await valeur("i03", "2026", "62", "planning", "prevu")).toBe(230);
    expect(await valeur("i03", "2026", "62", "planning", "hors_planning")).toBe(80);
    expect(await valeur("i03", "2026", "62", "type_site", "site_non_inscrit")).toBe(80);
    // persons: GP1 400 + GP4 250 (GP3 not estimated) = 650
    expect(await valeur("i03_personnes", "2026")).toBe(650);
    // passages realised 3, one irregular (GP3)
    expect(await valeur("i03_passages", "2026")).toBe(3);
    expect(await valeur("i03_passages", "2026", "62", "installation", "irreguliere")).toBe(1);
    // planning: GP1 (07/06, 150), GP2 (05/07, 200, not realised), GP4 (02/08, 100) = 3 passages, 450 caravans
    expect(await valeur("i03_prevus", "2026")).toBe(3);
    expect(await valeur("i03_prevus", "2026", "62", "realisation", "non_realise")).toBe(1);
    expect(await valeur("i03_caravanes_prevues", "2026")).toBe(450);
    // by month: July 2026 realised GP3 80 (GP2 planned 05/07 did not come) ; planned in July: GP2 = 1
    expect(await valeur("i03", "2026-07")).toBe(80);
    expect(await valeur("i03_prevus", "2026-07")).toBe(1);
    // August: GP4 arrived 03/08 = 90 ; by commune Saint-Omer 140, EPCI CA Pays de Saint-Omer 140, MDS audomarois 140
    expect(await valeur("i03", "2026-08")).toBe(90);
    expect(await valeur("i03", "2026", "62765")).toBe(140);
    expect(await valeur("i03", "2026", "200069037")).toBe(140);
    expect(await valeur("i03", "2026", "audomarois")).toBe(140);
  });

  it("i04 family requests by nature, the five seed natures published even at 0", async () => {
    // S1 stationnement_illicite, S2 scolarisation, S3 scolarisation, S4 autre = 4
    expect(await valeur("i04", "2026")).toBe(4);
    expect(await valeur("i04", "2026", "62", "nature", "scolarisation")).toBe(2);
    expect(await valeur("i04", "2026", "62", "nature", "stationnement_illicite")).toBe(1);
    expect(await valeur("i04", "2026", "62", "nature", "pv_stationnement_illicite")).toBe(0);
    expect(await valeur("i04", "2026", "62", "nature", "autre")).toBe(1);
    // S3 has no commune → non_attribue 1 ; February: S1, S2 = 2
    expect(await valeur("i04", "2026", "non_attribue")).toBe(1);
    expect(await valeur("i04", "2026-02")).toBe(2);
  });

  it("i05 requests per commune and per EPCI", async () => {
    // C1, C2 (commune Lens), C3 (EPCI CA du Boulonnais) = 3 ; communes 2, EPCI 1
    expect(await valeur("i05", "2026")).toBe(3);
    expect(await valeur("i05", "2026", "62", "type_collectivite", "commune")).toBe(2);
    expect(await valeur("i05", "2026", "62", "objet", "stationnement_illicite")).toBe(2);
    // per commune: Lens 2 ; per EPCI: Lens-Liévin (Lens's EPCI, C2's wrong SIREN not used for a commune) 2, Boulonnais 1
    expect(await valeur("i05", "2026", "62498")).toBe(2);
    expect(await valeur("i05", "2026", "246200364")).toBe(2);
    expect(await valeur("i05", "2026", "246200729")).toBe(1);
    expect(await valeur("i05", "2026", "boulonnais")).toBe(1);
  });
});

describe("financing: single payment at signature", () => {
  it("caps the Département's share at 37 635 € and shows the trop-perçu", async () => {
    const rows = await query<Record<string, number | string>>(
      connection,
      `SELECT m.id_convention, m.du_service_fait, m.du_retenu, m.avance, m.solde, m.trop_percu, m.statut_periode, d.part_etat, d.versements_recus
       FROM mart_financement AS m JOIN mart_f2_13_financement AS d USING (fiche, id_convention) ORDER BY 1`,
    );
    expect(rows).toEqual([
      // D1: 40 000 conventioned ; retained min(40 000, 37 635) = 37 635 ; paid at signature 1 × 40 000 = 40 000 ;
      // balance 37 635 − 40 000 = −2 365 → trop-perçu 2 365 ; State's equal share 37 635 (total 75 270) ;
      // payments received W1 40 000 ; ended 31/12/2026 ≤ snapshot 31/12/2026: close
      { id_convention: "D1", du_service_fait: 40000, du_retenu: 37635, avance: 40000, solde: -2365, trop_percu: 2365, statut_periode: "close", part_etat: 37635, versements_recus: 40000 },
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
      "BG1 r02 avertissement", // bilan to prefet|copil: the comité technique FSL is missing
      "C2 r05 erreur", // Lens (62498) belongs to EPCI 246200364, not 246200299
      "D1 r01 erreur", // 40 000 € > 37 635 €
      "RE4 r06 erreur", // meeting of 15/12/2025, before the convention (01/01/2026 → 31/12/2026)
      "S4 r04 info", // nature « autre »
      // GP3 (hors planning, site non inscrit) has mediation_realisee = Oui: no r03 ; W1 is a single versement_unique
    ]);
  });
});
