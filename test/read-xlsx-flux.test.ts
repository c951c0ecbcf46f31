// The streamed XLSX reader (pipelines/read/xlsx.ts) held to the one it replaced (exceljs loading the whole workbook,
// kept in test/helpers/xlsx-exceljs.ts): same sheet, header, lines and values, on workbooks as spreadsheet tools
// write them — formatted empty cells, merged ranges, hyperlinks, formulas with and without cached results, inline
// and shared strings, dates — and on every workbook of the test fixtures. Then that it streams: a sheet whose XML is
// larger than the heap it is given is read all the same.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ecrireClasseurBrut, feuilleXml, partiesClasseur } from "../pipelines/bench/classeur-brut.ts";
import { ecrireClasseurBench } from "../pipelines/bench/xlsx.ts";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { looksLikeHeader } from "../pipelines/ingest/headers.ts";
import { foldKey } from "../pipelines/normalise/values.ts";
import { readXlsxBytes } from "../pipelines/read/xlsx.ts";
import { zipDirectory } from "../pipelines/read/zip.ts";
import { readXlsxWithExceljs } from "./helpers/xlsx-exceljs.ts";

const OPTIONS = {
  preferredSheet: (names: string[]) => names.find((n) => REPORTS.some((r) => foldKey(n) === r.table)),
  isHeader: (cells: string[]) => looksLikeHeader(REPORTS, cells),
};
const H = ["code_operateur", "id_mesure", "id_personne", "id_menage", "dispositif", "territoire_lda", "sexe", "age_entree", "date_debut", "nb_suivis_sante"];
const dir = () => mkdtempSync(join(tmpdir(), "obs-xlsx-flux-"));

/** Both readers' outcome, or the message each failed with. */
async function both(bytes: Uint8Array) {
  const outcome = async (read: typeof readXlsxBytes) => {
    try {
      return await read(bytes, OPTIONS);
    } catch (error) {
      return { erreur: (error as Error).message };
    }
  };
  return { avant: await outcome(readXlsxWithExceljs), maintenant: await outcome(readXlsxBytes) };
}

/**
 * The former reader's outcome with the one value this reader deliberately reads otherwise: a formula whose cached
 * result is 0 gives 0 (exceljs dropped a falsy result and read the cell as empty).
 */
function formuleZeroGardee(avant: unknown, ligne: number, colonne: number): unknown {
  const attendu = structuredClone(avant) as { rows: { values: unknown[] }[] };
  expect(attendu.rows[ligne]!.values[colonne], "exceljs lisait ce 0 calculé comme vide").toBeNull();
  attendu.rows[ligne]!.values[colonne] = 0;
  return attendu;
}

const inline = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

describe("XLSX lu en flux : les mêmes lignes et valeurs qu'avant", () => {
  it("un tableau entouré de cellules vides mises en forme, comme l'écrit un tableur", async () => {
    const path = join(dir(), "vides.xlsx");
    // Title merged over two rows, header on row 3, three measures, every row formatted to column T, and 40 rows
    // of formatted empty cells below, one of them hyperlinked (exceljs counted it as a row).
    const vides = (r: number, from: number) => Array.from({ length: 20 - from + 1 }, (_, k) => `<c r="${String.fromCharCode(64 + from + k)}${r}" s="1"/>`).join("");
    const rows = [
      `<row r="1">${inline("A1", "Mesures Logement d'abord")}${vides(1, 2)}</row>`,
      `<row r="3">${H.map((h, i) => inline(`${String.fromCharCode(65 + i)}3`, h)).join("")}${vides(3, 11)}</row>`,
      // A shared formula's result 0 (exceljs read it as empty: the one deliberate difference); a date number under a date format; a number stored as text.
      `<row r="4">${inline("A4", "OP")}<c r="B4" t="s"><v>0</v></c>${inline("C4", "P1")}${inline("D4", "H1")}${inline("E4", "adsl")}${inline("F4", "artois")}${inline("G4", "F")}<c r="H4" t="s"><v>1</v></c><c r="I4" s="2"><v>46037</v></c><c r="J4"><f t="shared" ref="J4:J5" si="0">0*1</f><v>0</v></c>${vides(4, 11)}</row>`,
      `<row r="5">${inline("A5", "OP")}<c r="B5" t="str"><v>M&amp;amp;2</v></c>${inline("C5", "P2")}${inline("D5", "H2")}<c r="E5" s="1"/><c r="G5" t="b"><v>1</v></c><c r="H5" t="e"><v>#N/A</v></c><c r="I5"><f>TODAY()</f></c><c r="J5"><f t="shared" si="0"/><v>2</v></c>${vides(5, 11)}</row>`,
      `<row r="6">${inline("A6", "OP")}<c t="inlineStr"><is><r><t>M</t></r><r><rPr><b/></rPr><t>3</t></r></is></c><c s="1"/>${vides(6, 11)}</row>`,
      ...Array.from({ length: 40 }, (_, k) => `<row r="${7 + k}">${vides(7 + k, 1)}</row>`),
    ];
    const apres = `<mergeCells count="2"><mergeCell ref="A1:J2"/><mergeCell ref="E5:F5"/></mergeCells><hyperlinks><hyperlink ref="C30" r:id="rId1"/></hyperlinks>`;
    const parties = partiesClasseur([{ nom: "lda_mesures", xml: feuilleXml(rows.join(""), apres) }], { chaines: ["M1", "034"] });
    parties.push({ nom: "xl/worksheets/_rels/sheet1.xml.rels", contenu: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://exemple.org" TargetMode="External"/></Relationships>` });
    await ecrireClasseurBrut(path, parties);

    const { avant, maintenant } = await both(readFileSync(path));
    expect(maintenant).toEqual(formuleZeroGardee(avant, 0, 9));
    // Read by hand from the XML above: header on row 3, rows 4 to 6 (the formatted rows below hold no value).
    expect(maintenant).toMatchObject({ sheet: "lda_mesures", headerLine: 3, headers: H });
    const lues = (maintenant as { rows: { line: number; values: unknown[] }[] }).rows;
    expect(lues.map((r) => r.line)).toEqual([4, 5, 6]);
    // 46037 days after 1899-12-30 is 2026-01-15; the merged E5:F5 gives F5 the (empty) value of E5.
    expect(lues[0]!.values.slice(0, 10)).toEqual(["OP", "M1", "P1", "H1", "adsl", "artois", "F", "034", new Date(Date.UTC(2026, 0, 15)), 0]);
    expect(lues[1]!.values.slice(0, 10)).toEqual(["OP", "M&2", "P2", "H2", null, null, true, "#N/A", null, 2]);
    // Formatted empty cells read as null up to the last one, column T.
    expect(lues[0]!.values).toHaveLength(20);
    expect(lues[2]!.values.slice(0, 3)).toEqual(["OP", "M3", null]);
  });

  it("un classeur écrit par exceljs : titre fusionné, liens, formules, dates, plusieurs feuilles", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Consignes").addRow(["À renvoyer avant le 5"]);
    workbook.addWorksheet("Listes", { state: "hidden" }).addRow(H);
    const s = workbook.addWorksheet("Saisie");
    s.addRow(["Titre"]);
    s.mergeCells("A1:J1");
    s.addRow(H);
    s.addRow(["OP", "M1", { text: "P1", hyperlink: "https://exemple.org" }, "H1", "adsl", "artois", "F", { formula: "2026-1992", result: 34 }, new Date(Date.UTC(2026, 1, 3)), { formula: "1-1", result: 0 }]);
    s.addRow(["OP", "M2", "P2", "H2", { richText: [{ text: "ad" }, { font: { bold: true }, text: "sl" }] }, "artois", "M", "034", 46058, { error: "#DIV/0!" }]);
    s.getCell("K3").value = { formula: "0", result: 0 };
    s.getCell("K3").value = { text: "lien", hyperlink: "https://exemple.org" };
    for (let r = 2; r <= 60; r++) for (let c = 1; c <= 14; c++) s.getCell(r, c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    s.mergeCells("B70:C75");
    s.getCell("B70").value = "fusion basse";
    const { avant, maintenant } = await both(new Uint8Array(await workbook.xlsx.writeBuffer()));
    // =1-1 in J3 gives 0, as the spreadsheet shows it (exceljs read it as empty).
    expect(maintenant).toEqual(formuleZeroGardee(avant, 0, 9));
    expect((maintenant as { rows: { values: unknown[] }[] }).rows[0]!.values[9]).toBe(0);
    expect(maintenant).toMatchObject({ sheet: "Saisie", headerLine: 2 });
    // The merged range below the table gives six rows (70 to 75) holding its value in B and C.
    expect((maintenant as { rows: { line: number }[] }).rows.map((r) => r.line)).toEqual([3, 4, 70, 71, 72, 73, 74, 75]);
  });

  it("un nom de feuille avec « > » et une apostrophe, des attributs entre apostrophes", async () => {
    const path = join(dir(), "noms.xlsx");
    const rows = `<row r='1'>${H.map((h, i) => inline(`${String.fromCharCode(65 + i)}1`, h)).join("")}</row><row r="2"><c r='A2' t='inlineStr'><is><t>OP</t></is></c><c r="B2" s='2'><v>46037</v></c></row>`;
    await ecrireClasseurBrut(path, partiesClasseur([{ nom: "Notice", xml: feuilleXml("") }, { nom: "Saisie > l'octobre", xml: feuilleXml(rows) }]));
    const { avant, maintenant } = await both(readFileSync(path));
    expect(maintenant).toEqual(avant);
    expect(maintenant).toMatchObject({ sheet: "Saisie > l'octobre", headerLine: 1, rows: [{ line: 2, values: ["OP", new Date(Date.UTC(2026, 0, 15))] }] });
  });

  it("une feuille endommagée au milieu est refusée avant toute ligne, dans les mêmes mots", async () => {
    const path = join(dir(), "lda_mesures__ABIME__2026-10.xlsx");
    await ecrireClasseurBench(path, 3_000, 0);
    const bytes = new Uint8Array(readFileSync(path));
    const sheet = zipDirectory(bytes).get("xl/worksheets/sheet1.xml")!;
    const start = sheet.offset + 30 + (bytes[sheet.offset + 26]! | (bytes[sheet.offset + 27]! << 8)) + (bytes[sheet.offset + 28]! | (bytes[sheet.offset + 29]! << 8));
    // 64 bytes scrambled at 60 % of the sheet: its deflate stream may still inflate, to garbage below the header.
    for (let k = 0; k < 64; k++) bytes[start + Math.floor(sheet.compressedSize * 0.6) + k]! ^= 0x5a;
    const { avant, maintenant } = await both(bytes);
    expect(avant).toEqual({ erreur: expect.stringContaining("classeur XLSX endommagé ou incomplet") });
    expect(maintenant).toEqual(avant);
  });

  it("chaque classeur des fixtures de test, refus compris", async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".xlsx")) files.push(p);
      }
    };
    walk(join(import.meta.dirname, "fixtures"));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const { avant, maintenant } = await both(readFileSync(f));
      expect(maintenant, f).toEqual(avant);
    }
  });
});

describe("XLSX lu en flux : la feuille n'est jamais tenue entière", () => {
  it("lit une feuille dont le XML dépasse la mémoire laissée au processus", async () => {
    const path = join(dir(), "lda_mesures__ASSO-BENCH-01__2026-10.xlsx");
    // 50 measures, then 77 000 rows of 26 formatted empty cells: 2 M cells.
    const vides = await ecrireClasseurBench(path, 50, 77_000);
    expect(vides).toBeGreaterThan(2_000_000);
    const bytes = readFileSync(path);
    const sheet = zipDirectory(bytes).get("xl/worksheets/sheet1.xml")!;
    const start = sheet.offset + 30 + bytes.readUInt16LE(sheet.offset + 26) + bytes.readUInt16LE(sheet.offset + 28);
    const xml = inflateRawSync(bytes.subarray(start, start + sheet.compressedSize)).length;
    // The heap allowed is smaller than the sheet's XML alone: a reader holding the sheet whole could not pass.
    const heapMo = 40;
    expect(xml / 2 ** 20).toBeGreaterThan(heapMo);
    const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMo}`, "--import", "tsx", join(import.meta.dirname, "helpers", "lire-xlsx-enfant.ts"), path], { encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    const lu = JSON.parse(child.stdout) as { lignes: number; premiere: number; derniere: number; entetes: number };
    expect(lu).toEqual({ lignes: 50, premiere: 2, derniere: 51, entetes: 15 });
  }, 120_000);
});
