// Writes sample records in the file flavours operators really send, column order from the contract.
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { guillemets } from "../../observatory/components/cellule-csv.ts";
import type { AnyReport } from "../contracts/index.ts";
import { fixZipTimestamps } from "./zip-dates.ts";

/**
 * csv-excel-fr: Excel's « CSV (séparateur : point-virgule) » on French Windows — `;`, Windows-1252,
 * decimal comma, dd/mm/yyyy, Oui/Non. csv-utf8: `,`, UTF-8 with BOM, ISO dates, O/N.
 * xlsx-titre: a title row above the coded headers. xlsx-libelles: French labels as headers and values.
 */
export type Flavour = "csv-excel-fr" | "csv-utf8" | "xlsx-titre" | "xlsx-libelles";

/** A record's values in contract terms; `raw` overrides a cell with the exact text of an injected defect. */
export interface SampleRecord {
  values: Record<string, unknown>;
  raw?: Record<string, string>;
}

type Column = AnyReport["columnList"][number];

const FIXED_DATE = new Date(Date.UTC(2026, 10, 1));

function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

export function formatCell(column: Column, value: unknown, flavour: Flavour): unknown {
  if (value === null || value === undefined) return "";
  const xlsx = flavour.startsWith("xlsx");
  const french = flavour === "csv-excel-fr";
  switch (column.kind) {
    case "date":
      if (xlsx) return new Date(`${String(value)}T00:00:00Z`);
      return french ? frenchDate(String(value)) : value;
    case "month": {
      const [y, m] = String(value).split("-");
      return french ? `${m}/${y}` : value;
    }
    case "dec": {
      if (xlsx) return value;
      const n = Number(value);
      const text = Number.isInteger(n) ? String(n) : n.toFixed(2);
      return french ? text.replace(".", ",") : text;
    }
    case "bool":
      return flavour === "csv-utf8" ? (value ? "O" : "N") : value ? "Oui" : "Non";
    case "list":
      return (value as string[]).join("|");
    case "enum":
      return flavour === "xlsx-libelles" ? (column.valueLabels?.[String(value)] ?? value) : value;
    default:
      return value;
  }
}

/** Windows-1252, the encoding of Excel's "CSV (séparateur : point-virgule)" on French Windows. */
function encodeWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = { "€": 0x80, "’": 0x92, "œ": 0x9c, "Œ": 0x8c, "…": 0x85, "–": 0x96, "—": 0x97 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f)));
}

// The demo files stand for what operators send, defects included: quoted like any CSV, but not neutralised against
// spreadsheet formulas (that would change the very input the ingestion is tested on).
const csvCell = (value: unknown, delimiter: string) => guillemets(String(value ?? ""), delimiter);

/** Writes the file and returns, for each record, the line where a person finds it. */
export async function writeSampleFile(path: string, report: AnyReport, records: readonly SampleRecord[], flavour: Flavour, title?: string): Promise<number[]> {
  const columns = report.columnList;
  const cells = records.map((r) => columns.map((c) => r.raw?.[c.name] ?? formatCell(c, r.values[c.name], flavour)));
  if (flavour === "csv-excel-fr" || flavour === "csv-utf8") {
    const delimiter = flavour === "csv-excel-fr" ? ";" : ",";
    const lines = [columns.map((c) => c.name), ...cells].map((row) => row.map((v) => csvCell(v, delimiter)).join(delimiter));
    const text = `${lines.join("\r\n")}\r\n`;
    writeFileSync(path, flavour === "csv-excel-fr" ? encodeWindows1252(text) : `\ufeff${text}`);
    return records.map((_, i) => i + 2);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Observatoire (données fictives)";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(flavour === "xlsx-libelles" ? "Feuil1" : report.table);
  let headerLine = 1;
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, Math.min(columns.length, 8));
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.addRow([]);
    headerLine = 3;
  }
  sheet.addRow(columns.map((c) => (flavour === "xlsx-libelles" ? c.label : c.name)));
  sheet.getRow(headerLine).font = { bold: true };
  // An empty cell is no cell at all in a workbook typed by hand.
  for (const row of cells) sheet.addRow(row.map((v) => (v === "" ? null : v)));
  columns.forEach((c, i) => {
    if (c.kind === "date") sheet.getColumn(i + 1).numFmt = "dd/mm/yyyy";
  });
  const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
  writeFileSync(path, fixZipTimestamps(buffer));
  return records.map((_, i) => headerLine + 1 + i);
}
