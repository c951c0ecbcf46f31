// XLSX as operators fill it, generated here with exceljs: title rows and merged cells above the header, formulas,
// rich text, dates, empty trailing rows, and the template's extra sheets.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { envaulSubsides } from "../pipelines/contracts/lda_activite.ts";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { openOperatorFile } from "../pipelines/ingest/read-file.ts";
import type { Row } from "../pipelines/read/types.ts";

async function save(workbook: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "obs-xlsx-")), name);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function read(path: string, expected?: AnyReport) {
  const sheet = await openOperatorFile(path, expected);
  const rows: Row[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { ...sheet, rows };
}

const HEADER = ["Code opérateur", "Identifiant de la dépense", "id_mesure", "DATE DE LA DEPENSE", "Catégorie", "Montant (€)", "Justificatif fourni"];

describe("XLSX reader", () => {
  it("skips title rows and merged cells to the header, and reads dates, formulas and rich text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Subsides");
    sheet.addRow(["Subsides ENVAUL — association test, octobre 2026"]);
    sheet.mergeCells("A1:G1");
    sheet.addRow(["Code opérateur", "ASSO-1"]); // a form line naming one column is not the header
    sheet.addRow([]);
    sheet.addRow(HEADER);
    sheet.addRow(["ASSO-1", "S1", "E1", new Date(Date.UTC(2026, 1, 3)), { richText: [{ text: "Alimen" }, { font: { bold: true }, text: "tation" }] }, { formula: "40+45.4", result: 85.4 }, "Oui"]);
    sheet.addRow(["ASSO-1", { text: "S2", hyperlink: "https://example.org" }, "E1", 46058, "loyer", { formula: "1+1" }, "N"]);
    sheet.addRow([null, "  "]);
    sheet.getRow(12).getCell(3).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };

    const read1 = await read(await save(workbook, "sans nom conventionnel.xlsx"));
    expect(read1).toMatchObject({ sheet: "Subsides", headerLine: 4, headers: HEADER });
    expect(read1.rows.map((r) => r.line)).toEqual([5, 6]);
    expect(read1.rows[0]!.values).toEqual(["ASSO-1", "S1", "E1", new Date(Date.UTC(2026, 1, 3)), "Alimentation", 85.4, "Oui"]);
    // A hyperlink gives its text; a formula Excel never computed has no cached result and reads as empty.
    expect(read1.rows[1]!.values).toEqual(["ASSO-1", "S2", "E1", 46058, "loyer", null, "N"]);
  });

  it("prefers the sheet named like the report table, else the first visible sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Listes", { state: "hidden" }).addRow(HEADER);
    workbook.addWorksheet("Notice").addRow(["Colonne", "Libellé"]);
    const data = workbook.addWorksheet("Envaul subsides");
    data.addRow(HEADER);
    data.addRow(["ASSO-1", "S1", "E1", "03/02/2026", "loyer", 10, "Oui"]);
    const path = await save(workbook, "envaul_subsides__ASSO-1__2026-10.xlsx");
    expect(await read(path, envaulSubsides as unknown as AnyReport)).toMatchObject({ sheet: "Envaul subsides", headerLine: 1, rows: [{ line: 2 }] });
    expect(await read(path)).toMatchObject({ sheet: "Envaul subsides" });

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Cachée", { state: "hidden" }).addRow(["x"]);
    plain.addWorksheet("Feuil1").addRow(HEADER);
    plain.addWorksheet("Feuil2");
    expect(await read(await save(plain, "f.xlsx"))).toMatchObject({ sheet: "Feuil1", headers: HEADER, rows: [] });
  });

  it("refuses a file that is not a workbook", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "obs-xlsx-")), "faux.xlsx");
    writeFileSync(path, "ceci n'est pas un classeur");
    await expect(openOperatorFile(path, undefined)).rejects.toThrow();
  });

  it.each([
    // The stream names may lie past the container's first sectors: the whole file is looked at.
    ["a password-protected workbook", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(70_000), Buffer.from("EncryptionInfo", "utf16le")]), "classeur protégé par mot de passe : l'enregistrer sans mot de passe"],
    ["an old .xls workbook", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from("Workbook", "utf16le")]), "ancien classeur Excel (.xls)"],
    ["an HTML page", Buffer.from("<!DOCTYPE html>\n<html><body><table><tr><td>x</td></tr></table></body></html>"), "page HTML enregistrée avec l'extension .xlsx : l'ouvrir dans le tableur puis l'enregistrer au format Classeur Excel (.xlsx) ou CSV"],
    ["an HTML table alone", Buffer.from("\r\n <TABLE border=1><tr><td>x</td></tr></TABLE>"), "page HTML enregistrée avec l'extension .xlsx"],
  ])("names %s as such", async (_, bytes, reason) => {
    const path = join(mkdtempSync(join(tmpdir(), "obs-xlsx-")), "f.xlsx");
    writeFileSync(path, bytes);
    await expect(openOperatorFile(path, undefined)).rejects.toThrow(reason);
  });
});
