// Writes sample records in the file flavours operators really send, column order from the contract.
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { AnyReport } from "../contracts/index.ts";

export type Flavour = "csv-excel-fr" | "csv-utf8" | "xlsx-titre" | "xlsx-libelles";

/** A record's values in contract terms; `raw` overrides a cell with the exact text of an injected defect. */
export interface SampleRecord {
  values: Record<string, unknown>;
  raw?: Record<string, string>;
}

const FIXED_DATE = new Date(Date.UTC(2026, 10, 1));

function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

function formatCell(kind: string, value: unknown, flavour: Flavour): unknown {
  if (value === null || value === undefined) return "";
  const french = flavour !== "csv-utf8";
  switch (kind) {
    case "date":
      if (flavour.startsWith("xlsx")) return new Date(`${String(value)}T00:00:00Z`);
      return french ? frenchDate(String(value)) : value;
    case "dec":
      if (flavour.startsWith("xlsx")) return value;
      return french ? String(value).replace(".", ",") : String(value);
    case "bool":
      return flavour === "csv-utf8" ? (value ? "O" : "N") : value ? "Oui" : "Non";
    case "list":
      return (value as string[]).join("|");
    default:
      return value;
  }
}

/** Windows-1252, the encoding of Excel's "CSV (séparateur : point-virgule)" on French Windows. */
function encodeWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = { "€": 0x80, "’": 0x92, "œ": 0x9c, "Œ": 0x8c, "…": 0x85, "–": 0x96, "—": 0x97 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f)));
}

function csvCell(value: unknown, delimiter: string): string {
  const text = String(value ?? "");
  return text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the file and returns, for each record, the line where a person finds it. */
export async function writeSampleFile(path: string, report: AnyReport, records: SampleRecord[], flavour: Flavour, title?: string): Promise<number[]> {
  const columns = report.columnList;
  const cells = records.map((r) => columns.map((c) => r.raw?.[c.name] ?? formatCell(c.kind, r.values[c.name], flavour)));
  if (flavour.startsWith("csv")) {
    const delimiter = flavour === "csv-excel-fr" ? ";" : ",";
    const lines = [columns.map((c) => c.name), ...cells].map((row) => row.map((v) => csvCell(v, delimiter)).join(delimiter));
    const text = `${lines.join("\r\n")}\r\n`;
    writeFileSync(path, flavour === "csv-excel-fr" ? encodeWindows1252(text) : `\ufeff${text}`);
    return records.map((_, i) => i + 2);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(report.table);
  let headerLine = 1;
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, Math.min(columns.length, 8));
    sheet.addRow([]);
    headerLine = 3;
  }
  sheet.addRow(columns.map((c) => (flavour === "xlsx-libelles" ? c.label : c.name)));
  for (const row of cells) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
  return records.map((_, i) => headerLine + 1 + i);
}
