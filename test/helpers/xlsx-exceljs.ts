// The XLSX reader as it was before the streamed one (pipelines/read/xlsx.ts), kept verbatim as the reference the
// streamed reader is held to: exceljs loads the whole workbook, then the same sheet choice and header detection.
import ExcelJS from "exceljs";
import type { SheetRows } from "../../pipelines/read/types.ts";
import { unreadableWorkbook, type XlsxOptions } from "../../pipelines/read/xlsx.ts";

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

function sheetRows(sheet: ExcelJS.Worksheet, options: XlsxOptions): SheetRows & { found: boolean } {
  const lines: { line: number; values: unknown[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellValue(row.getCell(c).value));
    lines.push({ line, values });
  });
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
  const headerIndex = lines.findIndex((l) => options.isHeader(l.values.map(text)));
  if (headerIndex < 0) return { headers: lines[0]?.values.map(text) ?? [], headerLine: lines[0]?.line ?? 1, rows: [], sheet: sheet.name, found: false };
  const header = lines[headerIndex]!;
  const headers = header.values.map(text);
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  const rows = lines.slice(headerIndex + 1).filter((l) => l.values.some((v) => text(v) !== ""));
  return { headers, headerLine: header.line, rows, sheet: sheet.name, found: true };
}

export async function readXlsxWithExceljs(bytes: Uint8Array, options: XlsxOptions): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new Error(unreadableWorkbook(bytes));
  }
  const visible = workbook.worksheets.filter((w) => w.state === "visible");
  const name = options.preferredSheet?.(visible.map((w) => w.name));
  const preferred = visible.find((w) => w.name === name);
  // Without a sheet named after the table, the first visible sheet holding a header row: operators often put a
  // « Consignes » or « Notice » sheet first and the table on the second (the first sheet stays the fallback).
  const candidates = preferred ? [preferred] : visible;
  let first: (SheetRows & { found: boolean }) | undefined;
  for (const sheet of candidates) {
    const read = sheetRows(sheet, options);
    if (read.found) return withoutFound(read);
    first ??= read;
  }
  return first ? withoutFound(first) : { headers: [], headerLine: 1, rows: [] };
}

const withoutFound = ({ found: _, ...rows }: SheetRows & { found: boolean }): SheetRows => rows;
