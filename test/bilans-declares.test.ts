// Declared bilans (issue « indicators », item 7) on a hand-made fixture (test/fixtures/declares/README.md): where
// records exist the computed figure stands and a difference is an alert; where only a declaration exists it is
// published, marked « declare ». Expected values worked out by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "../pipelines/db/duckdb.ts";
import { type FicheFixture, runFicheFixture } from "./helpers/fiche-fixture.ts";

let f: FicheFixture;

beforeAll(async () => {
  f = await runFicheFixture("f2_1_information", "test/fixtures/declares", ["mart_indicateurs", "mart_bilans_declares_alertes"]);
});

async function published(fiche: string, indicateur: string, territoire: string) {
  return query<{ valeur: number; origine: string; niveau_territoire: string }>(
    f.connection,
    "SELECT valeur, origine, niveau_territoire FROM mart_indicateurs WHERE fiche = $1 AND indicateur = $2 AND periode = '2026' AND territoire = $3 AND ventilation = 'ensemble' AND modalite = 'ensemble'",
    [fiche, indicateur, territoire],
  );
}

describe("declared bilans", () => {
  it("refuse at ingest an indicator the catalogue does not know, with a suggestion-free French reason", () => {
    const nv = f.report.fichiers.find((x) => x.operateur === "NV-X")!;
    // 4 rows read: x99 rejected, 3 loaded (the unknown territory is the models' to report: it needs the fiche's levels).
    expect([nv.lues, nv.chargees, nv.rejetees]).toEqual([4, 3, 1]);
  });

  it("keep the computed figure where the same operator sent records", async () => {
    // i02 calls: C1, C2, C3 = 3 (declared 5); i01 received in person: C4, C5 = 2 (declared 2)
    expect(await published("f2_1_information", "i02", "62")).toEqual([{ valeur: 3, origine: "calcule", niveau_territoire: "departement" }]);
    expect(await published("f2_1_information", "i01", "62")).toEqual([{ valeur: 2, origine: "calcule", niveau_territoire: "departement" }]);
  });

  it("publish a declared figure where no record exists, at the territory level the grid names", async () => {
    expect(await published("f2_2_numero_vert", "i01", "62")).toEqual([{ valeur: 40, origine: "declare", niveau_territoire: "departement" }]);
    // « artois » is an MDS territory for fiche 2.2 (a Logement d'abord one only for 2.4-2.7).
    expect(await published("f2_2_numero_vert", "i01", "artois")).toEqual([{ valeur: 15, origine: "declare", niveau_territoire: "territoire_mds" }]);
    expect(await published("f2_2_numero_vert", "i01", "atlantide")).toEqual([]);
  });

  it("alert on a declared figure that differs from the records, and on an unknown territory", async () => {
    const alerts = await query<{ code_operateur: string; regle: string; detail: string }>(
      f.connection,
      "SELECT code_operateur, regle, detail FROM mart_bilans_declares_alertes ORDER BY ALL",
    );
    expect(alerts.map((a) => [a.code_operateur, a.regle])).toEqual([
      ["ADIL-X", "declare_ecart"], // i02: 5 declared, 3 computed
      ["NV-X", "declare_inconnu"], // atlantide
    ]);
    expect(alerts[0]!.detail).toContain("valeur déclarée 5 ; calculée à partir des fiches transmises 3 (écart +2)");
    expect(alerts[1]!.detail).toContain("territoire « atlantide » inconnu");
  });
});
