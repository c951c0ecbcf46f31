// Declared bilans (issue « indicators », item 7) on a hand-made fixture (test/fixtures/declares/README.md): where
// records exist the computed figure stands and a difference is an alert; where only a declaration exists it is
// published, marked « declare ». Expected values worked out by hand.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { runModels } from "../pipelines/models/run.ts";
import { type FicheFixture, runFicheFixture } from "./helpers/fiche-fixture.ts";

let f: FicheFixture;

beforeAll(async () => {
  f = await runFicheFixture("f2_1_information", "test/fixtures/declares", ["mart_indicateurs", "mart_bilans_declares_alertes"], { dateReference: "2026-06-30" });
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
      "SELECT code_operateur, regle, detail FROM mart_bilans_declares_alertes ORDER BY code_operateur, regle, id_enregistrement",
    );
    expect(alerts.map((a) => [a.code_operateur, a.regle])).toEqual([
      ["ADIL-X", "declare_ecart"], // i02: 5 declared, 3 computed
      ["GDV-X", "declare_departement_seul"], // 2.13 i01: 62 only, 2.13 also publishes by MDS territory
      ["GDV-X", "declare_departement_seul"], // 2.2 i05 sexe F: 62 only
      ["GDV-X", "declare_niveau"], // 2.13 i01 at lens_henin, a Logement d'abord territory
      ["NV-X", "declare_inconnu"], // atlantide
    ]);
    expect(alerts[0]!.detail).toContain("valeur déclarée 5 ; calculée à partir des fiches transmises 3 (écart +2)");
    expect(alerts[1]!.detail).toBe(
      "total départemental déclaré (7) sans sa répartition par territoire (territoire_mds), que la fiche publie : publié pour le département seul ; déclarer aussi les territoires de la grille",
    );
    expect(alerts[3]!.detail).toBe(
      "territoire « lens_henin » (territoire_lda) : la fiche f2_13_gens_du_voyage ne publie pas ce niveau (niveaux publiés : commune, departement, epci, territoire_mds) : chiffre non publié ; déclarer sur les territoires de la grille de la fiche",
    );
    expect(alerts[4]!.detail).toContain("territoire « atlantide » inconnu");
  });

  it("quarantine a breakdown or a modality that is not the grid's, naming the accepted values", async () => {
    const gdv = f.report.fichiers.find((x) => x.operateur === "GDV-X")!;
    // 9 rows: 3 grid cells loaded (2.13 i01 at 62 and lens_henin — the level is the models' to judge —, 2.2 i05 sexe F),
    // 6 refused (lines 5 to 10).
    expect([gdv.lues, gdv.chargees, gdv.rejetees]).toEqual([9, 3, 6]);
    const motifs = await query<{ ligne: number; colonne: string; motif: string }>(
      f.connection,
      "SELECT ligne, colonne, motif FROM raw.quarantaine WHERE nom_fichier = 'bilans_quantitatifs__GDV-X__2026.csv' ORDER BY ligne",
    );
    // 2.2 i05 is broken down by sex and age band in the catalogue; 2.2 i01 by neither.
    const i05 = "valeurs admises ensemble, sexe, tranche_age";
    expect(motifs.map((m) => [m.ligne, m.colonne])).toEqual([
      [5, "ventilation"], // operateur: its modalities are operator codes
      [6, "modalite"], // « Jean Dupont » as a sex
      [7, "ventilation"], // a formula as the breakdown
      [8, "modalite"], // a formula as an age band
      [9, "ventilation"], // sexe, for an indicator not broken down by sex
      [10, "modalite"], // F under « ensemble »
    ]);
    expect(motifs[0]!.motif).toContain(`ventilation « operateur » non admise pour l'indicateur i05 de la fiche f2_2_numero_vert : ${i05}`);
    expect(motifs[1]!.motif).toContain("modalité « Jean Dupont » non admise pour la ventilation sexe : valeurs admises F, M, non_renseigne");
    expect(motifs[2]!.motif).toContain(`ventilation « =HYPERLINK("http://x";"clic") » non admise pour l'indicateur i05 de la fiche f2_2_numero_vert : ${i05}`);
    expect(motifs[3]!.motif).toContain("non admise pour la ventilation tranche_age : valeurs admises moins_18, 18_25, 26_35, 36_50, 51_65, plus_65");
    expect(motifs[4]!.motif).toContain("ventilation « sexe » non admise pour l'indicateur i01 de la fiche f2_2_numero_vert : valeurs admises ensemble (");
    expect(motifs[5]!.motif).toContain("modalité « F » non admise pour la ventilation ensemble : valeurs admises ensemble");
  });

  it("refuse the same rows on both ingest paths (the rules' SQL and their JavaScript)", async () => {
    expect(f.report.fichiers.find((x) => x.operateur === "GDV-X")!.voie).toBe("duckdb");
    const connection = await openDatabase(":memory:");
    await loadReference(connection, undefined, "2026-06-30");
    const report = await ingestDirectory(connection, "test/fixtures/declares", { sql: false, dateReference: "2026-06-30" });
    const gdv = report.fichiers.find((x) => x.operateur === "GDV-X")!;
    expect([gdv.voie, gdv.lues, gdv.chargees, gdv.rejetees]).toEqual(["javascript", 9, 3, 6]);
    const lignes = await query<{ ligne: number; colonne: string }>(connection, "SELECT ligne, colonne FROM raw.quarantaine WHERE nom_fichier LIKE '%GDV-X%' ORDER BY ligne");
    expect(lignes.map((l) => `${l.ligne} ${l.colonne}`)).toEqual(["5 ventilation", "6 modalite", "7 ventilation", "8 modalite", "9 ventilation", "10 modalite"]);
    closeDatabase(connection);
  });

  it("publish a département-only total at the département alone, and nothing at a level the fiche does not publish", async () => {
    expect(await published("f2_13_gens_du_voyage", "i01", "62")).toEqual([{ valeur: 7, origine: "declare", niveau_territoire: "departement" }]);
    expect(await published("f2_13_gens_du_voyage", "i01", "lens_henin")).toEqual([]);
  });
});

describe("declared bilans in a whole run of the models", () => {
  let connection: DuckDBConnection;

  beforeAll(async () => {
    connection = await openDatabase(":memory:");
    await loadReference(connection, undefined, "2026-06-30");
    await ingestDirectory(connection, "test/fixtures/declares", { dateReference: "2026-06-30" });
  }, 120_000);

  it("go through every model and reconciliation: a département-only total of 2.13 is an alert, not a build stop", async () => {
    // Before: sql/tests/f2_13_territoires.sql stopped the run (département 7, territories 0), naming no file.
    await expect(runModels(connection)).resolves.toBeUndefined();
    const [alerte] = await query<{ code_operateur: string; regle: string }>(
      connection,
      "SELECT code_operateur, regle FROM mart_alertes WHERE fiche = 'f2_13_gens_du_voyage' AND id_enregistrement = 'f2_13_gens_du_voyage/i01/2026/62/ensemble/ensemble'",
    );
    expect(alerte).toEqual({ code_operateur: "GDV-X", regle: "declare_departement_seul" });
  }, 120_000);

  it("a failing reconciliation names the loaded files of its fiche and their operators", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-reconciliation-"));
    mkdirSync(join(dir, "tests"));
    writeFileSync(join(dir, "tests", "ecart.sql"), "SELECT 'f2_13_gens_du_voyage' AS fiche, 7 AS departement, 0 AS somme_territoires");
    await expect(runModels(connection, { dir })).rejects.toThrow(
      "Fichiers de f2_13_gens_du_voyage à vérifier : bilans_quantitatifs__GDV-X__2026.csv (opérateur GDV-X)",
    );
  });
});
