// XLSX as operators fill it: title rows and merged cells above the header, formulas, empty trailing rows, and
// formatting over whole columns (millions of empty cells). The sheet is read as a stream (xlsx-sheet.ts), with the
// values exceljs gave before it.
import { fileKind, htmlPage, PROTECTED_WORKBOOK } from "./sniff.ts";
import type { Row, SheetRows, SheetStream } from "./types.ts";
import { readDateStyles, readSharedStrings, readWorkbookParts, type SheetPart } from "./xlsx-parts.ts";
import { type CellContext, type SheetLine, sheetLines } from "./xlsx-sheet.ts";
import { type ZipEntry, zipDirectory } from "./zip.ts";

export interface XlsxOptions {
  /** Sheet to prefer when present (the report table's name); otherwise the first visible sheet. */
  preferredSheet?: (names: string[]) => string | undefined;
  /** Tells the header row apart from title rows above it. */
  isHeader: (cells: string[]) => boolean;
}

/**
 * Why a workbook could not be opened, in words the sender can act on (JSZip's own messages are English and speak
 * of « end of central directory »).
 */
export function unreadableWorkbook(bytes: Uint8Array): string {
  if (bytes.length === 0) return "fichier vide (0 octet) : renvoyer le classeur";
  const kind = fileKind(bytes);
  if (kind === "classeur-protege") return PROTECTED_WORKBOOK;
  if (kind === "xls") return "ce fichier est un ancien classeur Excel (.xls) renommé en .xlsx : l'enregistrer au format .xlsx (« Classeur Excel »)";
  if (kind === "html") return htmlPage(".xlsx");
  if (kind !== "xlsx") {
    const text = !bytes.subarray(0, 4096).includes(0);
    return text
      ? "ce fichier n'est pas un classeur XLSX mais du texte (un CSV renommé en .xlsx ?) : lui redonner l'extension .csv"
      : "ce fichier n'est pas un classeur XLSX : l'enregistrer au format .xlsx ou CSV depuis le tableur";
  }
  return "classeur XLSX endommagé ou incomplet (fichier tronqué, envoi interrompu ?) : l'ouvrir dans Excel, l'enregistrer de nouveau et le renvoyer";
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

type Opened = SheetStream & { found: boolean };

/**
 * The sheet's header (the first row `isHeader` accepts, title rows above it passed over) and its data rows after it,
 * streamed; without a header row, the sheet's first row stands as its header and there are no rows.
 */
async function openSheet(bytes: Uint8Array, entries: Map<string, ZipEntry>, sheet: SheetPart, context: CellContext, options: XlsxOptions): Promise<Opened> {
  const lines = await sheetLines(bytes, entries, sheet, context);
  let first: SheetLine | undefined;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const line = next.value;
    first ??= line;
    const cells = line.values.map(text);
    if (!options.isHeader(cells)) continue;
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    return { headers: cells, headerLine: line.line, rows: dataRows(lines), sheet: sheet.name, found: true };
  }
  return { headers: first?.values.map(text) ?? [], headerLine: first?.line ?? 1, rows: [], sheet: sheet.name, found: false };
}

/** Rows below the header holding some text (a row of empty strings or blanks is no row). */
async function* dataRows(lines: AsyncGenerator<SheetLine>): AsyncGenerator<Row> {
  for await (const line of lines) if (line.values.some((v) => text(v) !== "")) yield line;
}

/**
 * The workbook's sheet of data, its rows streamed. Which sheet: the one named after the table when `preferredSheet`
 * names a visible one, else the first visible sheet holding a header row, else the first visible sheet. Throws, in
 * words the sender can act on, when the file is no readable workbook.
 */
export async function openXlsxBytes(bytes: Uint8Array, options: XlsxOptions): Promise<SheetStream> {
  let entries: Map<string, ZipEntry>;
  let sheets: SheetPart[];
  let context: CellContext;
  try {
    entries = zipDirectory(bytes);
    const workbook = await readWorkbookParts(bytes, entries);
    sheets = workbook.sheets;
    context = { date1904: workbook.date1904, dateStyles: await readDateStyles(bytes, entries), sharedStrings: await readSharedStrings(bytes, entries) };
  } catch {
    throw new Error(unreadableWorkbook(bytes));
  }
  const visible = sheets.filter((w) => w.state === "visible");
  const name = options.preferredSheet?.(visible.map((w) => w.name));
  const preferred = visible.find((w) => w.name === name);
  // Without a sheet named after the table, the first visible sheet holding a header row: operators often put a
  // « Consignes » or « Notice » sheet first and the table on the second (the first sheet stays the fallback).
  const candidates = preferred ? [preferred] : visible;
  let first: Opened | undefined;
  for (const sheet of candidates) {
    let read: Opened;
    try {
      read = await openSheet(bytes, entries, sheet, context, options);
    } catch {
      // Before any row is handed on, the words exceljs's failure gave: the verdict stays what it was.
      throw new Error(unreadableWorkbook(bytes));
    }
    if (read.found) return withoutFound(read, bytes);
    first ??= read;
  }
  return first ? withoutFound(first, bytes) : { headers: [], headerLine: 1, rows: [] };
}

/** The same, every row read at once (tests, sample checks). */
export async function readXlsxBytes(bytes: Uint8Array, options: XlsxOptions): Promise<SheetRows> {
  const sheet = await openXlsxBytes(bytes, options);
  const rows: Row[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { ...sheet, rows };
}

/** A failure past the header (the sheet's XML cut or out of order) names the workbook as damaged, and the sheet. */
function withoutFound({ found: _, ...sheet }: Opened, bytes: Uint8Array): SheetStream {
  const rows = sheet.rows;
  const name = sheet.sheet;
  return {
    ...sheet,
    rows: (async function* () {
      try {
        yield* rows;
      } catch (error) {
        throw new Error(`${unreadableWorkbook(bytes)} (feuille « ${name} » : ${error instanceof Error ? error.message : String(error)})`);
      }
    })(),
  };
}
