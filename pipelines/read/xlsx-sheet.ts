// One sheet's rows, read as a stream: the sheet's XML is inflated and scanned chunk by chunk, and each row is handed
// on as soon as it is complete, so that a workbook's size no longer decides the memory it takes. A cell formatted but
// empty (`<c r="X1" s="3"/>`, what a spreadsheet writes for every cell of a formatted column or row) costs a scan of
// its tag and nothing else; a row holding nothing but such cells is never built.
//
// Values are those exceljs 4.4 gave (the reader this replaces), so that verdicts do not change, but one: a formula
// gives its cached result, 0 and false included (exceljs dropped falsy results, so a count computed to 0 read as an
// empty cell, against the operators' guide: a formula counts for the value the spreadsheet shows); no result, or "",
// reads as empty unless the cell carries a hyperlink; a number in a date format is a Date (1900 or 1904 system); an error cell gives its code (`#N/A`);
// merged cells all give the top-left cell's value; a row holding any value, or any merged cell, is a row.
//
// Merged ranges and hyperlinks are written after the rows: a first pass over the sheet reads them (and finds a
// damaged part before any row is handed on), the second reads the rows.
import { decodeAgain, readSheetRelationships, type SharedString, type SheetPart, sharedText, unescapeOoxml } from "./xlsx-parts.ts";
import { attribute, type XmlHandler, XmlScanner } from "./xml.ts";
import { entryChunks, entryText, type ZipEntry } from "./zip.ts";

export interface SheetLine {
  /** The row number Excel shows. */
  line: number;
  values: unknown[];
}

export interface CellContext {
  sharedStrings: SharedString[] | null;
  dateStyles: Set<number>;
  date1904: boolean;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  master: unknown;
}

const MAX_COLUMN = 16384;

/** exceljs's reading of a cell reference: column letters, then row digits (`$` allowed); null column when there is none. */
export function decodeAddress(ref: string): { col: number | null; row: number | null } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
      row = row * 10 + c - 48;
    } else if (hasRow && hasCol && c !== 36) break;
  }
  if (hasCol && col > MAX_COLUMN) throw new Error(`référence de cellule « ${ref} » hors de la feuille (au-delà de la colonne XFD)`);
  return { col: hasCol ? col : null, row: hasRow ? row : null };
}

/** Excel's serial day number as a date (UTC midnight for a whole day), as exceljs computed it. */
const excelDate = (v: unknown, date1904: boolean) => new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

const TAIL_MARKS = ["</sheetData>", "<sheetData/>"];
/** Inflated chunks kept while the sheet goes by (about 256 Ko each): what follows the rows is most often in the last one. */
const TAIL_CHUNKS = 8;

/**
 * What is written after the rows: merged ranges and hyperlinked cells. The whole part is inflated, so a damaged sheet
 * fails here; only its last chunks are decoded and scanned, unless what follows the rows is longer than they are.
 */
async function readSheetTail(bytes: Uint8Array, entry: ZipEntry): Promise<{ merges: string[]; hyperlinks: Map<string, string> }> {
  const recent: Uint8Array[] = [];
  let dropped = false;
  for await (const chunk of entryChunks(bytes, entry, true)) {
    recent.push(chunk);
    if (recent.length > TAIL_CHUNKS) {
      recent.shift();
      dropped = true;
    }
  }
  const text = new TextDecoder().decode(joinChunks(recent));
  const found = tailStart(text);
  if (found >= 0) return scanTail([text.slice(found)]);
  if (!dropped) return { merges: [], hyperlinks: new Map() }; // no sheetData at all: nothing after it either
  // A long tail (thousands of merged ranges): the sheet read again, decoded whole this time.
  let carry = "";
  let tail: string[] | null = null;
  for await (const t of entryText(bytes, entry)) {
    if (tail) {
      tail.push(t);
      continue;
    }
    const s = carry + t;
    const at = tailStart(s);
    if (at >= 0) tail = [s.slice(at)];
    else carry = s.slice(-12);
  }
  return scanTail(tail ?? []);
}

function tailStart(text: string): number {
  for (const mark of TAIL_MARKS) {
    const at = text.lastIndexOf(mark);
    if (at >= 0) return at + mark.length;
  }
  return -1;
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function scanTail(texts: string[]): { merges: string[]; hyperlinks: Map<string, string> } {
  const merges: string[] = [];
  const hyperlinks = new Map<string, string>();
  const scanner = new XmlScanner(
    {
      wantText: false,
      text: () => undefined,
      close: () => undefined,
      open(name, tag) {
        if (name === "mergeCell") merges.push(attribute(tag, "ref") ?? "");
        else if (name === "hyperlink") {
          const id = attribute(tag, "r:id");
          if (id) hyperlinks.set(attribute(tag, "ref") ?? "", id);
        }
      },
    },
    true,
  );
  for (const t of texts) scanner.write(t);
  scanner.end();
  return { merges, hyperlinks };
}

function mergeRanges(refs: string[]): Range[] {
  const ranges = refs.map((ref) => {
    const parts = ref.split(":");
    const a = decodeAddress(parts[0] ?? "");
    const b = parts.length === 2 ? decodeAddress(parts[1]!) : a;
    if (a.col === null || a.row === null || b.col === null || b.row === null) throw new Error(`cellules fusionnées « ${ref} » illisibles`);
    return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col), master: null as unknown };
  });
  ranges.sort((x, y) => x.top - y.top || x.left - y.left);
  // Overlapping ranges made exceljs refuse the workbook: so does this reader.
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    for (let j = i + 1; j < ranges.length && ranges[j]!.top <= r.bottom; j++) {
      const o = ranges[j]!;
      if (o.left <= r.right && o.right >= r.left) throw new Error("cellules fusionnées qui se chevauchent");
    }
  }
  return ranges;
}

/**
 * The sheet's rows that hold something (a value, a merged cell), in order. Throws, before the first row, when the
 * sheet's part is damaged; later (XML out of order or cut) while rows are read.
 */
export async function sheetLines(bytes: Uint8Array, entries: Map<string, ZipEntry>, sheet: SheetPart, context: CellContext): Promise<AsyncGenerator<SheetLine>> {
  const entry = entries.get(sheet.path)!;
  const tail = await readSheetTail(bytes, entry);
  const ranges = mergeRanges(tail.merges);
  const hyperlinked = new Set<string>();
  if (tail.hyperlinks.size) {
    const targets = await readSheetRelationships(bytes, entries, sheet);
    for (const [ref, id] of tail.hyperlinks) {
      const target = targets.get(id);
      if (target === undefined) throw new Error(`lien hypertexte de la cellule ${ref} sans cible`);
      if (target) hyperlinked.add(ref);
    }
  }
  return rows(bytes, entry, ranges, hyperlinked, context);
}

/** How Excel and LibreOffice write a formatted empty cell: read at once. */
const EMPTY_FORMATTED = /^c r="([A-Z]{1,3}[0-9]{1,7})" s="([0-9]{1,5})"$/;

/** A cell tag's `r`, `s` and `t` in one pass over its text (a sheet may hold millions of cells). */
function cellTag(tag: string, into: { r?: string; s?: string; t?: string }): void {
  const common = EMPTY_FORMATTED.exec(tag);
  if (common) {
    into.r = common[1];
    into.s = common[2];
    into.t = undefined;
    return;
  }
  into.r = into.s = into.t = undefined;
  const n = tag.length;
  let i = 1;
  while (i < n) {
    let c = tag.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = tag.charCodeAt(++i);
    const nameStart = i;
    while (i < n && c !== 61 /* = */ && c !== 32 && c !== 9 && c !== 10 && c !== 13) c = tag.charCodeAt(++i);
    const name = tag.slice(nameStart, i);
    const eq = tag.indexOf("=", i);
    if (eq < 0) return;
    let q = eq + 1;
    while (tag.charCodeAt(q) === 32 || tag.charCodeAt(q) === 9 || tag.charCodeAt(q) === 10 || tag.charCodeAt(q) === 13) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") return;
    const end = tag.indexOf(quote, q + 1);
    if (end < 0) return;
    if (name === "r" || name === "s" || name === "t") {
      const raw = tag.slice(q + 1, end);
      into[name] = raw.includes("&") || raw.includes("\n") || raw.includes("\t") || raw.includes("\r") ? attribute(` ${name}=${tag.slice(q, end + 1)}`, name) : raw;
    }
    i = end + 1;
  }
}

async function* rows(bytes: Uint8Array, entry: ZipEntry, ranges: Range[], hyperlinked: Set<string>, context: CellContext): AsyncGenerator<SheetLine> {
  const { sharedStrings, dateStyles, date1904 } = context;
  const ready: SheetLine[] = [];

  // Merged ranges: those started (top ≤ the current row), until they end.
  let nextRange = 0;
  let active: Range[] = [];
  const emit = (line: number, values: unknown[], width: number, hasValues: boolean) => {
    while (nextRange < ranges.length && ranges[nextRange]!.top <= line) active.push(ranges[nextRange++]!);
    if (active.length) {
      active = active.filter((x) => x.bottom >= line);
      for (const x of active) {
        if (x.top === line) x.master = values[x.left - 1] ?? null;
        for (let c = x.left; c <= x.right; c++) {
          if (line === x.top && c === x.left) continue;
          values[c - 1] = x.master;
          hasValues = true;
        }
        if (x.right > width) width = x.right;
      }
    }
    if (!hasValues) return;
    for (let c = 0; c < width; c++) if (values[c] === undefined) values[c] = null;
    ready.push({ line, values });
  };
  /** Rows between two written ones that merged ranges cover (exceljs made them when merging). */
  const mergedOnly = (from: number, to: number) => {
    for (let r = from; r < to; r++) {
      if (!active.some((x) => x.bottom >= r)) {
        if (nextRange >= ranges.length || ranges[nextRange]!.top >= to) return;
        r = Math.max(r, ranges[nextRange]!.top);
      }
      emit(r, [], 0, false);
    }
  };

  // The row being read.
  let inRow = false;
  let rowNumber = NaN;
  let lastRow = 0;
  let values: unknown[] = [];
  let width = 0;
  let hasValues = false;
  /** The column of the last cell kept; a cell without reference is the next one. Kept as its reference until needed. */
  let previousCol: number | null = null;
  let pendingRef: string | null = null;
  const settlePrevious = () => {
    if (pendingRef !== null) previousCol = decodeAddress(pendingRef).col;
    pendingRef = null;
  };
  const nextColumn = () => {
    settlePrevious();
    if (previousCol === null) throw new Error(`cellule sans référence en tête de la ligne ${rowNumber}`);
    return previousCol + 1;
  };

  // The cell being read.
  const tag: { r?: string; s?: string; t?: string } = {};
  let inCell = false;
  let cell: { r?: string; s?: string; t?: string } = {};
  let formula = "";
  let shareType: string | undefined;
  let value: string | undefined;
  let runs: (string | undefined)[] | null = null;
  let inRun = false;
  let capture: "f" | "v" | "t" | "rt" | null = null;
  let captured: string[] = [];
  let ended = false;

  const endCell = () => {
    const { r: ref, t } = cell;
    const styleId = parseInt(cell.s ?? "", 10);
    const link = ref !== undefined && hyperlinked.has(ref);
    const raw: string | (string | undefined)[] | undefined = runs ?? value;
    let result: unknown;
    let typed = true;
    if (formula || shareType) {
      if (raw) {
        result = t === "str" ? decodeAgain(raw as string) : t === "b" ? parseInt(raw as string, 10) !== 0 : t === "e" ? raw : parseFloat(raw as string);
        if (styleId && dateStyles.has(styleId)) result = excelDate(result, date1904);
      }
      // No cached result (or an empty text) is an empty cell; a hyperlink took it whatever it was, as in exceljs.
      if ((result === undefined || result === "") && !link) result = null;
    } else if (raw !== undefined) {
      if (t === "s") {
        const index = parseInt(raw as string, 10);
        if (sharedStrings === null) result = index;
        else {
          const shared = sharedStrings[index];
          if (shared === undefined) throw new Error(`chaîne partagée n° ${String(raw)} absente du classeur (ligne ${rowNumber})`);
          result = sharedText(shared);
        }
      } else if (t === "str") result = decodeAgain(raw as string);
      else if (t === "inlineStr") result = Array.isArray(raw) ? raw.map((x) => x ?? "").join("") : raw;
      else if (t === "b") result = parseInt(raw as string, 10) !== 0;
      else if (t === "e") result = raw;
      else {
        result = parseFloat(raw as string);
        if (styleId && dateStyles.has(styleId)) result = excelDate(result, date1904);
      }
    } else if (!link) {
      if (!styleId) return; // neither value nor format: exceljs dropped the cell
      typed = false; // formatted, empty
    }
    let col: number | null;
    if (ref !== undefined) col = decodeAddress(ref).col;
    else col = nextColumn();
    pendingRef = null;
    previousCol = col;
    if (col === null) return;
    values[col - 1] = result ?? null;
    if (col > width) width = col;
    if (typed) hasValues = true;
  };

  const endRow = () => {
    inRow = false;
    // exceljs refused a row without its number: so does this reader.
    if (Number.isNaN(rowNumber)) throw new Error(`ligne sans numéro après la ligne ${lastRow}`);
    if (rowNumber <= lastRow) throw new Error(`lignes dans le désordre (ligne ${rowNumber} après la ligne ${lastRow}) : ouvrir le classeur dans le tableur et l'enregistrer de nouveau`);
    // Formatted empty cells right of every value read as null, as exceljs gave them.
    if (hasValues && pendingRef !== null) {
      const col = decodeAddress(pendingRef).col;
      if (col !== null && col > width) width = col;
    }
    mergedOnly(lastRow + 1, rowNumber);
    emit(rowNumber, values, width, hasValues);
    lastRow = rowNumber;
  };

  const handler: XmlHandler = {
    wantText: false,
    open(name, text, selfClosing) {
      if (inCell) {
        if (name === "r") {
          inRun = true;
          (runs ??= []).push(undefined);
        } else if (name === "t" || name === "v" || name === "f") {
          // Inside a rich run only its <t> counts; outside, the <t> of an inline string adds to the value as <v> does.
          if (inRun && name !== "t") return;
          if (name === "f") shareType = attribute(text, "t");
          capture = inRun ? "rt" : name;
          captured = [];
          handler.wantText = !selfClosing;
        }
        return;
      }
      if (name === "c" && inRow) {
        cellTag(text, tag);
        if (selfClosing && !(tag.r !== undefined && hyperlinked.has(tag.r))) {
          // The common case of a large sheet: an empty cell, formatted (kept, null) or not (dropped). Nothing is
          // built; its column is worked out only if a later cell needs it.
          if (!(tag.s !== undefined && parseInt(tag.s, 10))) return;
          if (tag.r === undefined) {
            previousCol = nextColumn();
            pendingRef = null;
          } else pendingRef = tag.r;
          return;
        }
        cell = { r: tag.r, s: tag.s, t: tag.t };
        formula = "";
        shareType = undefined;
        value = undefined;
        runs = null;
        inRun = false;
        if (selfClosing) endCell();
        else inCell = true;
        return;
      }
      if (name === "row") {
        inRow = true;
        rowNumber = parseInt(attribute(text, "r") ?? "", 10);
        values = [];
        width = 0;
        hasValues = false;
        previousCol = null;
        pendingRef = null;
      }
    },
    text(text) {
      captured.push(text);
    },
    close(name) {
      if (inCell) {
        if (capture && name === (capture === "rt" ? "t" : capture)) {
          const text = captured.length ? captured.join("") : undefined;
          if (capture === "f") formula += text ?? "";
          else if (capture === "rt") runs![runs!.length - 1] = unescapeOoxml(text ?? "");
          else if (text !== undefined) value = (value ?? "") + text;
          capture = null;
          handler.wantText = false;
        } else if (name === "r") inRun = false;
        else if (name === "c") {
          inCell = false;
          endCell();
        }
        return;
      }
      if (name === "row" && inRow) endRow();
      else if (name === "sheetData") ended = true;
    },
  };

  const scanner = new XmlScanner(handler);
  for await (const text of entryText(bytes, entry)) {
    scanner.write(text);
    yield* ready.splice(0);
    if (ended) break;
  }
  if (!ended) scanner.end();
  // Rows below the last written one that merged ranges still cover.
  mergedOnly(lastRow + 1, Number.MAX_SAFE_INTEGER);
  yield* ready.splice(0);
}
