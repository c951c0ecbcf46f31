// The small parts of a workbook a sheet's cells are read with: its sheets (names, order, hidden or not), the date
// system, which cell styles are dates, and the shared strings. Each is read the way exceljs 4.4 (the reader these
// replace) read it, quirks included, so that a workbook gives the same values as before; the comments say where
// exceljs is followed against common sense.
import { attribute, type XmlHandler, XmlScanner } from "./xml.ts";
import { entryText, type ZipEntry } from "./zip.ts";

export interface SheetPart {
  name: string;
  /** "visible", "hidden" or "veryHidden". */
  state: string;
  /** The sheet's XML entry in the archive. */
  path: string;
  /** The N of `xl/worksheets/sheetN.xml`, which names the sheet's relationships part. */
  sheetNo: string;
}

/** A shared string: plain text, or the runs of a rich text (read as their texts joined). */
export type SharedString = string | { runs: (string | undefined)[] };

export async function scanPart(bytes: Uint8Array, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const text of entryText(bytes, entry)) scanner.write(text);
  scanner.end();
}

/** exceljs decoded `&…;` a second time in sheet names and in formula strings (the XML parser had done it once). */
export const decodeAgain = (text: string) => text.replace(/&([a-z]*);/g, (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c);

/** OOXML's escape of a character XML cannot carry (`_x000D_`), decoded as exceljs did: in shared strings and rich runs. */
export const unescapeOoxml = (text: string) => (text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

function elements(onOpen: (name: string, tag: string) => void): XmlHandler {
  return { wantText: false, open: onOpen, close: () => undefined, text: () => undefined };
}

export interface WorkbookParts {
  sheets: SheetPart[];
  date1904: boolean;
}

/** Sheets in tab order, as exceljs listed them: only those whose relationship points at an `xl/worksheets/sheetN.xml` present in the archive. */
export async function readWorkbookParts(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<WorkbookParts> {
  const targets = new Map<string, string>();
  const rels = entries.get("xl/_rels/workbook.xml.rels");
  if (rels) await scanPart(bytes, rels, elements((name, tag) => name === "Relationship" && targets.set(attribute(tag, "Id") ?? "", attribute(tag, "Target") ?? "")));
  const listed: { name: string; state: string; rId: string | undefined }[] = [];
  let date1904 = false;
  const workbook = entries.get("xl/workbook.xml");
  if (workbook) {
    await scanPart(
      bytes,
      workbook,
      elements((name, tag) => {
        if (name === "sheet") listed.push({ name: decodeAgain(attribute(tag, "name") ?? ""), state: attribute(tag, "state") || "visible", rId: attribute(tag, "r:id") });
        else if (name === "workbookPr") date1904 = attribute(tag, "date1904") === "1";
      }),
    );
  }
  const sheets: SheetPart[] = [];
  for (const sheet of listed) {
    const target = sheet.rId === undefined ? undefined : targets.get(sheet.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    const number = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(path);
    if (number && entries.has(path)) sheets.push({ name: sheet.name, state: sheet.state, path, sheetNo: number[1]! });
  }
  return { sheets, date1904 };
}

/** Built-in number formats that are dates (ECMA-376 ids 14–22 and 45–47, as exceljs's table of defaults had them). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's test of a date format: a date or time letter left once bracketed and quoted parts are removed. */
export const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** Which cell style indexes (`s="…"`) make a number a date. */
export async function readDateStyles(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<Set<number>> {
  const dates = new Set<number>();
  const entry = entries.get("xl/styles.xml");
  if (!entry) return dates;
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  await scanPart(bytes, entry, {
    wantText: false,
    text: () => undefined,
    open(name, tag, selfClosing) {
      if (name === "numFmt") {
        const code = attribute(tag, "formatCode");
        if (code !== undefined) codes.set(parseInt(attribute(tag, "numFmtId") ?? "", 10), code.replace(/[\\](.)/g, "$1"));
      } else if (name === "cellXfs") inCellXfs = !selfClosing;
      else if (inCellXfs && name === "xf" && depth === 0) formats.push(parseInt(attribute(tag, "numFmtId") ?? "", 10));
      if (inCellXfs && name !== "cellXfs" && !selfClosing) depth++;
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
      else if (inCellXfs && depth > 0) depth--;
    },
  });
  formats.forEach((id, style) => {
    // numFmtId 0 (General) or missing: no format at all, as for exceljs.
    if (!id) return;
    const custom = codes.get(id);
    if (custom ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id)) dates.add(style);
  });
  return dates;
}

/** The shared strings, read as a stream: only the table itself is kept. */
export async function readSharedStrings(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<SharedString[] | null> {
  const entry = entries.get("xl/sharedStrings.xml");
  if (!entry) return null;
  const strings: SharedString[] = [];
  // exceljs's reading: the last <t> directly in <si> is the string; <r> runs make a rich text; <rPh> (phonetic
  // guides) is left out.
  let current: SharedString | undefined;
  let inPhonetic = 0;
  let inRun = false;
  let text: string[] | null = null;
  const handler: XmlHandler = {
    wantText: false,
    open(name) {
      if (name === "si") current = undefined;
      else if (name === "rPh") inPhonetic++;
      else if (name === "r" && !inPhonetic) {
        inRun = true;
        if (typeof current !== "object") current = { runs: [] };
        current.runs.push(undefined);
      } else if (name === "t" && !inPhonetic) {
        text = [];
        handler.wantText = true;
      }
    },
    text(t) {
      text?.push(t);
    },
    close(name) {
      if (name === "t" && text) {
        const value = unescapeOoxml(text.join(""));
        if (inRun && typeof current === "object") current.runs[current.runs.length - 1] = value;
        else current = value;
        text = null;
        handler.wantText = false;
      } else if (name === "r") inRun = false;
      else if (name === "rPh") inPhonetic--;
      else if (name === "si") strings.push(current ?? "");
    },
  };
  await scanPart(bytes, entry, handler);
  return strings;
}

/** A shared string's text (rich text joined, as exceljs's reader joined it). */
export const sharedText = (s: SharedString) => (typeof s === "string" ? s : s.runs.map((r) => r ?? "").join(""));

/** The sheet's relationship targets by id (hyperlinks point through them). */
export async function readSheetRelationships(bytes: Uint8Array, entries: Map<string, ZipEntry>, sheet: SheetPart): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  const entry = entries.get(`xl/worksheets/_rels/sheet${sheet.sheetNo}.xml.rels`);
  if (entry) await scanPart(bytes, entry, elements((name, tag) => name === "Relationship" && targets.set(attribute(tag, "Id") ?? "", attribute(tag, "Target") ?? "")));
  return targets;
}
