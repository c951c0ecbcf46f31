import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";
import { parseFileName } from "../pipelines/ingest/identify.ts";

const FIXTURE = "test/fixtures/ingest/lda_mesures__ASSO-1__2026-10.csv";

function inbox(...files: [name: string, from: string][]): string {
  const dir = mkdtempSync(join(tmpdir(), "obs-inbox-"));
  for (const [name, from] of files) copyFileSync(from, join(dir, name));
  return dir;
}

describe("file names", () => {
  it("reads table, operator, period and version", () => {
    expect(parseFileName("x/lda_mesures__ASSO-1__2026-10_v2.csv")).toEqual({ table: "lda_mesures", operator: "ASSO-1", periode: "2026-10" });
    expect(parseFileName("bilan final.xlsx")).toBeNull();
  });
});

describe("ingesting a Windows-1252 ; CSV with defects", () => {
  let connection: Awaited<ReturnType<typeof openDatabase>>;
  beforeEach(async () => {
    connection = await openDatabase(":memory:");
  });

  it("loads the good row and quarantines each bad one with column and reason", async () => {
    const report = await ingestDirectory(connection, inbox([FIXTURE.split("/").pop()!, FIXTURE]));
    const [file] = report.fichiers;
    expect(file).toMatchObject({ table: "lda_mesures", operateur: "ASSO-1", periode: "2026-10", lues: 5, chargees: 1, rejetees: 4 });
    expect(file!.lues).toBe(file!.chargees + file!.rejetees);

    const loaded = await query(connection, "SELECT id_mesure, territoire_lda, dispositif, date_debut::VARCHAR AS d, vulnerabilites, _ligne FROM raw.lda_mesures");
    expect(loaded).toEqual([{ id_mesure: "M1", territoire_lda: "lens_henin", dispositif: "adsl", d: "2026-01-15", vulnerabilites: ["addictions", "isolement"], _ligne: 2 }]);

    const q = await query<{ ligne: number; colonne: string; valeur_brute: string; motif: string }>(
      connection,
      "SELECT ligne, colonne, valeur_brute, motif FROM raw.quarantaine ORDER BY ligne, colonne",
    );
    const at = (ligne: number, colonne: string) => q.find((e) => e.ligne === ligne && e.colonne === colonne);
    expect(at(3, "age_entree")?.motif).toContain("« trente »");
    expect(at(3, "date_debut")?.motif).toContain("n'est pas une date du calendrier");
    expect(at(3, "code_commune")?.motif).toContain("Béthune");
    expect(at(4, "parcours_ase")?.motif).toContain("ENVAUL");
    expect(at(4, "date_fin")?.motif).toContain("type de sortie");
    expect(at(5, "id_mesure")?.motif).toContain("déjà présent ligne 2");
    expect(at(6, "code_operateur")?.motif).toContain("ASSO-1");
  });

  it("changes nothing when the same file comes again", async () => {
    const dir = inbox([FIXTURE.split("/").pop()!, FIXTURE]);
    await ingestDirectory(connection, dir);
    const again = await ingestDirectory(connection, dir);
    expect(again.fichiers[0]!.statut).toBe("deja_charge");
    const [counts] = await query(connection, "SELECT (SELECT count(*) FROM raw.lda_mesures) AS rows, (SELECT count(*) FROM raw.quarantaine) AS q, (SELECT count(*) FROM raw.fichiers) AS f");
    // quarantine entries: line 3 × 3 columns, line 4 × 2, line 5 duplicate, line 6 operator = 7
    expect(counts).toEqual({ rows: 1, q: 7, f: 1 });
  });

  it("lets a corrected resubmission of the same period replace the earlier file", async () => {
    const dir = inbox([FIXTURE.split("/").pop()!, FIXTURE]);
    writeFileSync(
      join(dir, "lda_mesures__ASSO-1__2026-10_v2.csv"),
      "code_operateur,id_mesure,id_personne,id_menage,dispositif,territoire_lda,sexe,age_entree,composition_familiale,situation_logement_entree,date_signature_contrat,date_debut\n" +
        "ASSO-1,M1,P1,H1,adsl,lens_henin,F,34,personne_seule,rue,2026-01-12,2026-01-15\nASSO-1,M2,P2,H2,vial,artois,M,30,personne_seule,squat,2026-01-12,2026-02-01\n",
    );
    const report = await ingestDirectory(connection, dir);
    expect(report.fichiers.map((f) => [f.statut, f.chargees])).toEqual([["charge", 1], ["charge", 2]]);
    expect(report.fichiers[1]!.remplace).toEqual([report.fichiers[0]!.fichier]);
    const statuts = await query(connection, "SELECT nom, statut FROM raw.fichiers ORDER BY nom");
    expect(statuts.map((s) => s.statut)).toEqual(["remplace", "charge"]);
    const [{ n }] = (await query(connection, "SELECT count(*) AS n FROM raw.lda_mesures")) as [{ n: number }];
    expect(n).toBe(2);
  });

  it("rejects a file missing a required column and accounts for every row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-inbox-"));
    writeFileSync(join(dir, "lda_mois_mesures__ASSO-1__2026-10.csv"), "code_operateur;id_mesure;statut\nASSO-1;M1;active\nASSO-1;M2;active\n");
    const [file] = (await ingestDirectory(connection, dir)).fichiers;
    expect(file).toMatchObject({ statut: "rejete", lues: 2, chargees: 0, rejetees: 2 });
    expect(file!.motif).toContain("mois (Mois compté)");
  });
});

describe("XLSX with a title row, merged cells, labels as headers and a formula", () => {
  it("finds the header row and reads values, dates and formula results", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Subsides");
    sheet.addRow(["Subsides ENVAUL — association test, octobre 2026"]);
    sheet.mergeCells("A1:F1");
    sheet.addRow([]);
    sheet.addRow(["Code opérateur", "Identifiant de la dépense", "Identifiant de la mesure ENVAUL", "Date de la dépense", "Catégorie", "Montant (€)", "Justificatif fourni"]);
    sheet.addRow(["ASSO-1", "S1", "E1", new Date(Date.UTC(2026, 1, 3)), "Alimentation", { formula: "40+45.4", result: 85.4 }, "Oui"]);
    sheet.addRow(["ASSO-1", "S2", "E1", "05/02/2026", "loyer", "12,5,0", "N"]);
    sheet.addRow([]);
    const dir = mkdtempSync(join(tmpdir(), "obs-inbox-"));
    await workbook.xlsx.writeFile(join(dir, "envaul_subsides__ASSO-1__2026-10.xlsx"));

    const connection = await openDatabase(":memory:");
    const [file] = (await ingestDirectory(connection, dir)).fichiers;
    expect(file).toMatchObject({ statut: "charge", lues: 2, chargees: 1, rejetees: 1 });
    const rows = await query(connection, "SELECT id_subside, date::VARCHAR AS date, categorie, montant::DOUBLE AS montant, _ligne FROM raw.envaul_subsides");
    expect(rows).toEqual([{ id_subside: "S1", date: "2026-02-03", categorie: "alimentation", montant: 85.4, _ligne: 4 }]);
    const [q] = await query<{ ligne: number; colonne: string }>(connection, "SELECT ligne, colonne FROM raw.quarantaine");
    expect(q).toEqual({ ligne: 5, colonne: "montant" });
  });
});
