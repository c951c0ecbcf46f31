// Ingesting directories of operator files into an in-memory DuckDB: ledger, raw tables and quarantine.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { ldaMesures } from "../pipelines/contracts/lda_mesures.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory, prepareRawSchema, type IngestReport } from "../pipelines/ingest/index.ts";
import { openFileWriter } from "../pipelines/ingest/load.ts";
import { shortReason, shortValue } from "../pipelines/ingest/quarantine-text.ts";
import { printIngestSummary } from "../pipelines/ingest/summary.ts";

type Connection = Awaited<ReturnType<typeof openDatabase>>;

function fixtureInbox(): string {
  const dir = mkdtempSync(join(tmpdir(), "obs-inbox-"));
  cpSync("test/fixtures/ingest", dir, { recursive: true });
  return dir;
}

function emptyInbox(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "obs-inbox-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function counts(connection: Connection) {
  const [row] = await query(
    connection,
    `SELECT (SELECT count(*) FROM raw.lda_mesures) AS mesures, (SELECT count(*) FROM raw.envaul_subsides) AS subsides,
            (SELECT count(*) FROM raw.comptes_rendus_financiers) AS crf, (SELECT count(*) FROM raw.conventions) AS conventions,
            (SELECT count(*) FROM raw.quarantaine) AS quarantaine, (SELECT count(*) FROM raw.fichiers) AS fichiers`,
  );
  return row;
}

const byName = (report: IngestReport, nom: string) => report.fichiers.find((f) => f.nom === nom)!;

describe("ingesting the fixture directory", () => {
  let connection: Connection;
  let dir: string;
  let report: IngestReport;
  const progress: string[] = [];

  beforeAll(async () => {
    connection = await openDatabase(":memory:");
    dir = fixtureInbox();
    report = await ingestDirectory(connection, dir, { onProgress: (m) => progress.push(m) });
  });

  it("identifies each file by its name, or by its headers and code_operateur column", () => {
    expect(report.fichiers.map((f) => [f.nom, f.table, f.operateur, f.periode, f.statut, f.lues, f.chargees, f.rejetees])).toEqual([
      ["compte rendu financier ASSO-3.csv", "comptes_rendus_financiers", "ASSO-3", null, "charge", 4, 2, 2],
      ["conventions__CD62__2026.csv", "conventions", "CD62", "2026", "charge", 2, 2, 0],
      ["envaul_subsides__ASSO-2__2026-10.csv", "envaul_subsides", "ASSO-2", "2026-10", "charge", 5, 3, 2],
      ["lda_mesures__ASSO-1__2026-10.csv", "lda_mesures", "ASSO-1", "2026-10", "charge", 5, 1, 4],
    ]);
    expect(progress[0]).toBe("[1/4] compte rendu financier ASSO-3.csv");
  });

  it("accounts for every row: read = loaded + rejected, in the report, the ledger, the raw tables and the quarantine", async () => {
    const ledger = await query<Record<string, number | string>>(
      connection,
      `SELECT f.nom, f.lignes_lues, f.lignes_chargees, f.lignes_rejetees,
              (SELECT count(DISTINCT ligne) FROM raw.quarantaine q WHERE q.fichier = f.fichier) AS lignes_en_quarantaine,
              (SELECT count(*) FROM raw.lda_mesures r WHERE r._fichier = f.fichier) + (SELECT count(*) FROM raw.envaul_subsides r WHERE r._fichier = f.fichier)
              + (SELECT count(*) FROM raw.comptes_rendus_financiers r WHERE r._fichier = f.fichier) + (SELECT count(*) FROM raw.conventions r WHERE r._fichier = f.fichier) AS lignes_en_base
       FROM raw.fichiers f ORDER BY f.nom`,
    );
    for (const f of report.fichiers) {
      expect(f.lues, f.nom).toBe(f.chargees + f.rejetees);
      const row = ledger.find((l) => l.nom === f.nom)!;
      expect(row, f.nom).toEqual({ nom: f.nom, lignes_lues: f.lues, lignes_chargees: f.chargees, lignes_rejetees: f.rejetees, lignes_en_quarantaine: f.rejetees, lignes_en_base: f.chargees });
    }
  });

  it("loads normalised values with their file and line (Windows-1252, labels as headers, a quoted line break)", async () => {
    const mesures = await query(connection, "SELECT id_mesure, territoire_lda, dispositif, date_debut::VARCHAR AS d, vulnerabilites, code_commune, _ligne FROM raw.lda_mesures");
    expect(mesures).toEqual([{ id_mesure: "M1", territoire_lda: "lens_henin", dispositif: "adsl", d: "2026-01-15", vulnerabilites: ["addictions", "isolement"], code_commune: "62498", _ligne: 2 }]);
    const subsides = await query(connection, "SELECT id_subside, date::VARCHAR AS date, categorie, montant::DOUBLE AS montant, justificatif, _ligne FROM raw.envaul_subsides ORDER BY _ligne");
    expect(subsides).toEqual([
      { id_subside: "S1", date: "2026-02-03", categorie: "alimentation", montant: 85.4, justificatif: true, _ligne: 2 },
      { id_subside: "S2", date: "2026-02-05", categorie: "loyer", montant: 1234.5, justificatif: true, _ligne: 3 },
      { id_subside: "S3", date: "2026-02-05", categorie: "energie", montant: 12.5, justificatif: true, _ligne: 4 },
    ]);
    const crf = await query(connection, "SELECT libelle_item, montant_realise::DOUBLE AS m, _ligne FROM raw.comptes_rendus_financiers ORDER BY _ligne");
    expect(crf).toEqual([
      { libelle_item: "Salaires", m: 11430.5, _ligne: 2 },
      { libelle_item: "Déplacements\ndes référents", m: 950, _ligne: 3 },
    ]);
    const [fichier] = await query(connection, "SELECT DISTINCT _fichier FROM raw.lda_mesures");
    expect(fichier!._fichier).toBe(byName(report, "lda_mesures__ASSO-1__2026-10.csv").fichier);
  });

  it("quarantines each bad value at its line and column with a reason naming the column", async () => {
    const q = await query<{ nom_fichier: string; ligne: number; colonne: string; valeur_brute: string | null; motif: string }>(
      connection,
      "SELECT nom_fichier, ligne, colonne, valeur_brute, motif FROM raw.quarantaine",
    );
    const at = (file: string, ligne: number, colonne: string) => q.find((e) => e.nom_fichier.startsWith(file) && e.ligne === ligne && e.colonne === colonne);
    expect(at("lda_mesures", 3, "age_entree")?.motif).toContain("« trente »");
    expect(at("lda_mesures", 3, "date_debut")?.motif).toMatch(/^Date de début \(activation\) \(date_debut\) : .*calendrier/);
    expect(at("lda_mesures", 3, "code_commune")?.motif).toContain("« Béthune »");
    // A row refused for a blocking cell lists its ignorable cells too (code_commune above), but a missing parcours ASE is
    // no reason at all: spec 2.6 r15 is a warning.
    expect(at("lda_mesures", 4, "parcours_ase")).toBeUndefined();
    expect(at("lda_mesures", 4, "date_fin")?.motif).toContain("type de sortie");
    expect(at("lda_mesures", 5, "id_mesure")?.motif).toContain("déjà présent ligne 2");
    expect(at("lda_mesures", 6, "code_operateur")?.motif).toContain("ASSO-1");
    expect(at("envaul", 5, "montant")).toMatchObject({ valeur_brute: "6 000", motif: expect.stringContaining("maximum") });
    expect(q.filter((e) => e.nom_fichier.startsWith("envaul") && e.ligne === 6).map((e) => e.colonne).sort()).toEqual(["categorie", "date", "justificatif", "montant"]);
    expect(at("compte", 5, "montant_realise")?.motif).toContain("minimum");
    expect(at("compte", 6, "libelle_item")?.motif).toContain("déjà présent ligne 2");
  });

  it("warns about unknown columns and ignores them", () => {
    expect(byName(report, "envaul_subsides__ASSO-2__2026-10.csv").avertissements).toEqual(["colonne « Commentaire » inconnue du modèle : ignorée"]);
  });

  it("changes nothing when the same directory comes again", async () => {
    const before = await counts(connection);
    const again = await ingestDirectory(connection, dir);
    expect(again.fichiers.map((f) => [f.statut, f.lues, f.chargees, f.rejetees])).toEqual(Array(4).fill(["deja_charge", 0, 0, 0]));
    expect(again.fichiers[0]!.motif).toContain("déjà chargé");
    expect(await counts(connection)).toEqual(before);
  });
});

describe("a corrected resubmission of the same table, operator and period", () => {
  it("replaces the earlier file: ledger statut remplace, its rows and quarantine entries removed", async () => {
    const connection = await openDatabase(":memory:");
    const dir = fixtureInbox();
    const first = await ingestDirectory(connection, dir);
    const old = byName(first, "lda_mesures__ASSO-1__2026-10.csv");
    writeFileSync(
      join(dir, "lda_mesures__ASSO-1__2026-10_v2.csv"),
      "code_operateur;id_mesure;id_personne;id_menage;dispositif;territoire_lda;sexe;age_entree;composition_familiale;situation_logement_entree;date_signature_contrat;date_debut\n" +
        "ASSO-1;M1;P1;H1;adsl;lens_henin;F;34;personne_seule;rue;12/01/2026;15/01/2026\nASSO-1;M2;P2;H2;vial;artois;M;30;personne_seule;squat;12/01/2026;01/02/2026\nASSO-1;M3;P3;H3;vial;artois;M;trente;personne_seule;squat;12/01/2026;01/02/2026\n",
    );
    const second = await ingestDirectory(connection, dir);
    const v2 = byName(second, "lda_mesures__ASSO-1__2026-10_v2.csv");
    expect(v2).toMatchObject({ statut: "charge", lues: 3, chargees: 2, rejetees: 1, remplace: [old.fichier] });

    const ledger = await query(connection, "SELECT nom, statut, remplace_par FROM raw.fichiers WHERE table_rapport = 'lda_mesures' ORDER BY nom");
    expect(ledger).toEqual([
      { nom: "lda_mesures__ASSO-1__2026-10.csv", statut: "remplace", remplace_par: v2.fichier },
      { nom: "lda_mesures__ASSO-1__2026-10_v2.csv", statut: "charge", remplace_par: null },
    ]);
    const rows = await query(connection, "SELECT id_mesure, _fichier = $1 AS from_v2 FROM raw.lda_mesures ORDER BY id_mesure", [v2.fichier]);
    expect(rows).toEqual([{ id_mesure: "M1", from_v2: true }, { id_mesure: "M2", from_v2: true }]);
    const q = await query(connection, "SELECT nom_fichier, ligne FROM raw.quarantaine WHERE table_rapport = 'lda_mesures'");
    expect(q).toEqual([{ nom_fichier: "lda_mesures__ASSO-1__2026-10_v2.csv", ligne: 4 }]);
    // Other files are left alone.
    expect(await query(connection, "SELECT count(*) AS n FROM raw.envaul_subsides")).toEqual([{ n: 3 }]);

    // A late first version (different bytes) must not undo the correction: refused, every row accounted for.
    const late = emptyInbox({
      "lda_mesures__ASSO-1__2026-10.csv":
        "code_operateur;id_mesure;id_personne;id_menage;dispositif;territoire_lda;sexe;age_entree;composition_familiale;situation_logement_entree;date_signature_contrat;date_debut\n" +
        "ASSO-1;M9;P9;H9;adsl;lens_henin;F;34;personne_seule;rue;12/01/2026;15/01/2026\n",
    });
    const third = await ingestDirectory(connection, late);
    expect(third.fichiers[0]).toMatchObject({ statut: "rejete", lues: 1, chargees: 0, rejetees: 1 });
    expect(third.fichiers[0]!.motif).toContain("version 1 plus ancienne que la version 2 déjà chargée");
    expect(await query(connection, "SELECT count(*) AS n FROM raw.lda_mesures")).toEqual([{ n: 2 }]);
  });
});

describe("files refused whole", () => {
  it("say in the ledger what to fix, and still account for each of their rows", async () => {
    const connection = await openDatabase(":memory:");
    const dir = emptyInbox({
      "lda_mois_mesures__ASSO-1__2026-10.csv": "code_operateur;id_mesure;statut\nASSO-1;M1;active\nASSO-1;M2;active\n",
      "mesures_lda__ASSO-1__2026-10.csv": "code_operateur;id_mesure\nASSO-1;M1\n",
      "export octobre.csv": "nom;prenom\nDupont;Jean\n",
      "actions.csv": "code_operateur,id_action,date,intitule,territoire_mds,nb_participants\nASSO-1,A1,01/02/2026,x,artois,3\n",
      "bilans__ASSO-1__2026-10.xlsx": "pas un classeur",
    });
    const report = await ingestDirectory(connection, dir);
    const motif = (nom: string) => byName(report, nom).motif;
    for (const f of report.fichiers) expect([f.nom, f.statut, f.chargees, f.lues]).toEqual([f.nom, "rejete", 0, f.rejetees]);
    expect(motif("lda_mois_mesures__ASSO-1__2026-10.csv")).toBe(
      "colonne obligatoire absente : mois (Mois compté) — ajouter la colonne ou utiliser le modèle du rapport lda_mois_mesures (npm run templates)",
    );
    expect(byName(report, "lda_mois_mesures__ASSO-1__2026-10.csv").lues).toBe(2);
    expect(motif("mesures_lda__ASSO-1__2026-10.csv")).toContain("type de rapport « mesures_lda » inconnu");
    expect(motif("export octobre.csv")).toContain("non reconnu");
    expect(motif("bilans__ASSO-1__2026-10.xlsx")).toContain("fichier illisible");

    const ledger = await query(connection, "SELECT nom, statut, lignes_lues, lignes_rejetees, motif FROM raw.fichiers ORDER BY nom");
    expect(ledger.map((l) => [l.nom, l.statut, l.lignes_lues === l.lignes_rejetees])).toEqual(report.fichiers.map((f) => [f.nom, "rejete", true]));
    const q = await query(connection, "SELECT ligne, colonne, motif FROM raw.quarantaine WHERE nom_fichier = 'lda_mois_mesures__ASSO-1__2026-10.csv' ORDER BY ligne");
    expect(q).toEqual([2, 3].map((ligne) => ({ ligne, colonne: null, motif: motif("lda_mois_mesures__ASSO-1__2026-10.csv") })));
  });
});

describe("XLSX end to end", () => {
  it("finds the header under a merged title row and loads dates and formula results", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Subsides");
    sheet.addRow(["Subsides ENVAUL — association test, octobre 2026"]);
    sheet.mergeCells("A1:F1");
    sheet.addRow([]);
    sheet.addRow(["Code opérateur", "Identifiant de la dépense", "Identifiant de la mesure ENVAUL", "Date de la dépense", "Catégorie", "Montant (€)", "Justificatif fourni"]);
    sheet.addRow(["ASSO-1", "S1", "E1", new Date(Date.UTC(2026, 1, 3)), "Alimentation", { formula: "40+45.4", result: 85.4 }, "Oui"]);
    sheet.addRow(["ASSO-1", "S2", "E1", "05/02/2026", "loyer", "12,5,0", "N"]);
    sheet.addRow([]);
    const dir = emptyInbox();
    await workbook.xlsx.writeFile(join(dir, "envaul_subsides__ASSO-1__2026-10.xlsx"));

    const connection = await openDatabase(":memory:");
    const [file] = (await ingestDirectory(connection, dir)).fichiers;
    expect(file).toMatchObject({ statut: "charge", lues: 2, chargees: 1, rejetees: 1 });
    const rows = await query(connection, "SELECT id_subside, date::VARCHAR AS date, categorie, montant::DOUBLE AS montant, _ligne FROM raw.envaul_subsides");
    expect(rows).toEqual([{ id_subside: "S1", date: "2026-02-03", categorie: "alimentation", montant: 85.4, _ligne: 4 }]);
    expect(await query(connection, "SELECT ligne, colonne FROM raw.quarantaine")).toEqual([{ ligne: 5, colonne: "montant" }]);
  });
});

describe("loader", () => {
  it("leaves nothing behind when a file's transaction is rolled back", async () => {
    const connection = await openDatabase(":memory:");
    await prepareRawSchema(connection);
    const writer = await openFileWriter(connection, ldaMesures as unknown as AnyReport, { fichier: "f", nom: "f.csv" });
    // More rows than one data chunk, so that some have reached DuckDB's appender before the rollback.
    for (let line = 2; line < 5000; line++) {
      writer.row(line, { code_operateur: "A", id_mesure: `M${line}`, id_personne: "P", id_menage: "H", dispositif: "adsl", territoire_lda: "artois", sexe: "F", composition_familiale: "autre", situation_logement_entree: "rue", date_signature_contrat: "2026-01-01", date_debut: "2026-01-01" });
      writer.quarantine({ line, column: null, rawValue: null, reason: "x" });
    }
    await writer.rollback();
    expect(await query(connection, "SELECT (SELECT count(*) FROM raw.lda_mesures) AS r, (SELECT count(*) FROM raw.quarantaine) AS q, (SELECT count(*) FROM raw.fichiers) AS f")).toEqual([
      { r: 0, q: 0, f: 0 },
    ]);
  });
});

describe("quarantine text", () => {
  it("cuts a long value to 200 characters and its length, in the raw value and wherever the reason quotes it", async () => {
    // 199 letters then an emoji (two UTF-16 units) across the cut: the emoji goes whole, not half.
    const value = `${"a".repeat(199)}😀${"b".repeat(1_000)}`;
    const cut = `${"a".repeat(199)}… (1\u00a0201 caractères)`;
    expect(shortValue(value)).toBe(cut);
    expect(shortValue("x".repeat(200))).toBe("x".repeat(200));
    expect(shortReason(`Sexe (sexe) : valeur « ${value} » inconnue ; vouliez-vous dire « F » ?`)).toBe(`Sexe (sexe) : valeur « ${cut} » inconnue ; vouliez-vous dire « F » ?`);

    // The writer applies it: the one place both paths and every refusal store the quarantine through.
    const connection = await openDatabase(":memory:");
    await prepareRawSchema(connection);
    const writer = await openFileWriter(connection, ldaMesures as unknown as AnyReport, { fichier: "f", nom: "f.csv" });
    writer.quarantine({ line: 2, column: "sexe", rawValue: value, reason: `Sexe (sexe) : valeur « ${value} » inconnue` });
    await writer.commit({ fichier: "f", nom: "f.csv", format: "csv", table_rapport: "lda_mesures", code_operateur: null, periode: null, lignes_lues: 1, lignes_chargees: 0, lignes_rejetees: 1, statut: "charge", motif: null });
    expect(await query(connection, "SELECT valeur_brute, motif FROM raw.quarantaine")).toEqual([{ valeur_brute: cut, motif: `Sexe (sexe) : valeur « ${cut} » inconnue` }]);
  });
});

describe("terminal summary", () => {
  it("prints one line per file with French number formatting", () => {
    const lines: string[] = [];
    const file = { nom: "lda_mesures__A__2026-10.csv", fichier: "x", table: "lda_mesures", operateur: "A", periode: "2026-10", motif: null, avertissements: [], remplace: [], valeurs_ignorees: 0 };
    printIngestSummary(
      {
        repertoire: "d",
        fichiers: [
          { ...file, statut: "charge", lues: 1_234_567, chargees: 1_234_000, rejetees: 567, valeurs_ignorees: 2 },
          { ...file, nom: "b.csv", statut: "rejete", lues: 0, chargees: 0, rejetees: 0, motif: "fichier illisible" },
        ],
      },
      (l) => lines.push(l),
    );
    expect(lines[0]).toMatch(/^fichier\s+table\s+opérateur\s+lues\s+chargées\s+rejetées\s+statut$/);
    expect(lines[1]).toContain("1\u202f234\u202f567");
    expect(lines[1]).toContain("chargé");
    expect(lines.at(-2)).toContain("b.csv : fichier illisible");
    expect(lines.at(-1)).toBe("  ! lda_mesures__A__2026-10.csv : 2 valeurs illisibles ignorées, lignes chargées (détail : table raw.valeurs_ignorees)");
  });
});
