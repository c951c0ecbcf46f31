// XLSX as operators fill it: title rows and merged cells above the header, formulas, empty trailing rows.
import ExcelJS from "exceljs";
import type { SheetRows } from "./types.ts";

export interface XlsxOptions {
  /** Sheet to prefer when present (the report table's name); otherwise the first visible sheet. */
  preferredSheet?: (names: string[]) => string | undefined;
  /** Tells the header row apart from title rows above it. */
  isHeader: (cells: string[]) => boolean;
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    // A formula gives its cached result; a formula never computed (no result saved) reads as empty.
    if ("formula" in value || "sharedFormula" in value) return "result" in value ? cellValue(value.result as ExcelJS.CellValue) : null;
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("hyperlink" in value) return cellValue(value.text as ExcelJS.CellValue);
    if ("error" in value) return value.error;
  }
  return value;
}

export async function readXlsxBytes(bytes: Uint8Array, options: XlsxOptions): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const visible = workbook.worksheets.filter((w) => w.state === "visible");
  const name = options.preferredSheet?.(visible.map((w) => w.name));
  const sheet = visible.find((w) => w.name === name) ?? visible[0];
  if (!sheet) return { headers: [], headerLine: 1, rows: [] };

  const lines: { line: number; values: unknown[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellValue(row.getCell(c).value));
    lines.push({ line, values });
  });
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
  const headerIndex = lines.findIndex((l) => options.isHeader(l.values.map(text)));
  if (headerIndex < 0) return { headers: lines[0]?.values.map(text) ?? [], headerLine: lines[0]?.line ?? 1, rows: [], sheet: sheet.name };
  const header = lines[headerIndex]!;
  const headers = header.values.map(text);
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  const rows = lines.slice(headerIndex + 1).filter((l) => l.values.some((v) => text(v) !== ""));
  return { headers, headerLine: header.line, rows, sheet: sheet.name };
}
