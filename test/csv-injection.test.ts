// Every CSV writer of the project neutralises the text cells a spreadsheet would execute (OWASP « CSV injection »: a
// text starting with = + - @ tab or CR gets a leading apostrophe), and leaves numbers, even negative, as numbers. The
// same six texts and one negative number go through each writer: the shared cell (observatory/components/cellule-csv.ts),
// the browser's table download (versCsv), DuckDB's extracts (writeExtract, also behind the downloads page), the
// operator templates (writeTemplate); the reference writer refuses such a text instead (the file is read back verbatim).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { celluleCsv } from "../observatory/components/cellule-csv.ts";
import { versCsv } from "../observatory/components/csv.ts";
import { col } from "../pipelines/contracts/columns.ts";
import { defineReport } from "../pipelines/contracts/report.ts";
import { closeDatabase, openDatabase } from "../pipelines/db/duckdb.ts";
import { writeExtract } from "../pipelines/extracts.ts";
import { writeCsv } from "../pipelines/reference/csv.ts";
import { writeTemplate } from "../pipelines/templates/generate.ts";

const TEXTES = ['=HYPERLINK("http://x","clic")', "+33612345678", "-2+3", "@SUM(A1)", "\tonglet", "\rretour"];

// What a spreadsheet must receive for each text: the apostrophe in front, then RFC 4180 quoting where the text holds a
// quote, the separator or a line break (the first: quotes and a comma; the last: a CR).
const ATTENDUS = [
  `"'=HYPERLINK(""http://x"",""clic"")"`,
  "'+33612345678",
  "'-2+3",
  "'@SUM(A1)",
  "'\tonglet",
  `"'\rretour"`,
];

const dir = mkdtempSync(join(tmpdir(), "obs-csv-injection-"));

describe("la cellule CSV partagée", () => {
  it("neutralise chaque texte qui commence comme une formule, et seulement les textes", () => {
    expect(TEXTES.map((t) => celluleCsv(t, ","))).toEqual(ATTENDUS);
    expect(TEXTES.map((t) => celluleCsv(t, ";"))).toEqual(ATTENDUS);
    expect(celluleCsv(-12.5, ";", ",")).toBe("-12,5");
    expect(celluleCsv(-12.5, ",")).toBe("-12.5");
    // Ordinary texts are left as they are: a hyphen or an @ inside a text is no formula.
    expect(["Lens-Hénin", "a@b.fr", "'déjà"].map((t) => celluleCsv(t, ","))).toEqual(["Lens-Hénin", "a@b.fr", "'déjà"]);
  });
});

describe("chaque écrivain de CSV", () => {
  it("le téléchargement d'un tableau dans le navigateur (versCsv), standard et Excel", () => {
    const lignes = [...TEXTES.map((t) => ({ texte: t, valeur: null as number | null })), { texte: "négatif", valeur: -12.5 }];
    const colonnes = [
      { cle: "texte", titre: "Texte" },
      { cle: "valeur", titre: "Valeur" },
    ] as const;
    for (const [variante, sep, negatif] of [["standard", ",", "-12.5"], ["excel", ";", "-12,5"]] as const) {
      const attendu = ["Texte" + sep + "Valeur", ...ATTENDUS.map((a) => a + sep), `négatif${sep}${negatif}`].join("\r\n");
      expect(versCsv(lignes, colonnes, variante)).toBe(`${variante === "excel" ? "\uFEFF" : ""}${attendu}\r\n`);
    }
  });

  it("les extraits écrits par DuckDB (COPY), CSV standard et Excel ; le Parquet garde les valeurs", async () => {
    const connection = await openDatabase(":memory:");
    await connection.run("CREATE TABLE t (n INTEGER, texte VARCHAR, valeur DOUBLE)");
    for (const [i, t] of TEXTES.entries()) await connection.run("INSERT INTO t VALUES ($1, $2, NULL)", [i, t]);
    await connection.run("INSERT INTO t VALUES (9, 'négatif', -12.5)");
    // A first character of two bytes is no formula (the SQL rule compares the first character's code).
    await connection.run("INSERT INTO t VALUES (10, 'Étaples', NULL)");
    await writeExtract(connection, "t", join(dir, "t.csv"), "csv");
    await writeExtract(connection, "t", join(dir, "t-excel.csv"), "excel");
    await writeExtract(connection, "t", join(dir, "t.parquet"), "parquet");
    for (const [fichier, sep, negatif, bom] of [["t.csv", ",", "-12.5", ""], ["t-excel.csv", ";", "-12,5", "\uFEFF"]] as const) {
      const attendu = [`n${sep}texte${sep}valeur`, ...ATTENDUS.map((a, i) => `${i}${sep}${a}${sep}`), `9${sep}négatif${sep}${negatif}`, `10${sep}Étaples${sep}`].join("\r\n");
      expect(readFileSync(join(dir, fichier), "utf8"), fichier).toBe(`${bom}${attendu}\r\n`);
    }
    const parquet = await connection.runAndReadAll(`SELECT texte FROM '${join(dir, "t.parquet")}' ORDER BY n`);
    expect(parquet.getRowObjectsJS().map((r) => r.texte)).toEqual([...TEXTES, "négatif", "Étaples"]);
    closeDatabase(connection);
  });

  it("le modèle CSV d'un rapport (npm run templates)", async () => {
    const colonnes = Object.fromEntries(TEXTES.map((t, i) => [`c${i}`, col.str({ req: "O", label: `c${i}`, example: t })]));
    const rapport = defineReport({ table: "essai", titre: "Essai", description: "", fiches: [], producer: "departement", key: [], columns: colonnes });
    await writeTemplate(rapport, dir);
    // The CR-leading text sits inside quotes, so the file's lines still end at CRLF.
    const [entete, exemple, fin] = readFileSync(join(dir, "modele_essai.csv"), "utf8").split("\r\n");
    expect([entete, exemple, fin]).toEqual(["\uFEFFc0;c1;c2;c3;c4;c5", ATTENDUS.join(";"), ""]);
  });

  it("le fichier de référence refuse un texte qui commence comme une formule, en nommant fichier, ligne et colonne", () => {
    const chemin = join(dir, "ref.csv");
    writeCsv(chemin, ["code", "population"], [{ code: "62001", population: -3 }]);
    expect(readFileSync(chemin, "utf8")).toBe("code,population\n62001,-3\n");
    expect(() => writeCsv(chemin, ["code", "libelle"], [{ code: "62001", libelle: "Achicourt" }, { code: "62002", libelle: "=HYPERLINK(1)" }])).toThrow(
      /ref\.csv, ligne 3, colonne libelle : « =HYPERLINK\(1\) » commence comme une formule/,
    );
  });
});
