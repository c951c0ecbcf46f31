// CSV as French operators send it: ; or , or tab, UTF-8 with or without BOM or Windows-1252,
// quoted fields spanning lines, trailing blank lines and columns.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse as parser } from "csv-parse";
import { parse } from "csv-parse/sync";
import { fileKind, htmlPage, PROTECTED_WORKBOOK } from "./sniff.ts";
import type { Row, SheetRows, SheetStream } from "./types.ts";

export type Encoding = "utf-8" | "windows-1252";
export interface CsvFormat {
  encoding: Encoding;
  delimiter: string;
  /** The file opens with Excel's « sep=… » line (line 1). */
  separatorHint: boolean;
}
// Blank lines stay records (skip_empty_lines: false) so that line numbers can be counted from them.
const PARSE_OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/** 0x80–0x9F in Windows-1252: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (5 bytes unassigned). */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Windows-1252 is Latin-1 but for 0x80–0x9F. Node 20's TextDecoder("windows-1252") decodes plain Latin-1 there
 * (« € » and « ’ » would become control characters), so those 32 bytes are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

const decoderFor = (encoding: Encoding) => {
  const utf8 = new TextDecoder("utf-8");
  return (bytes: Uint8Array, stream = false) => (encoding === "utf-8" ? utf8.decode(bytes, { stream }) : decodeWindows1252(bytes));
};

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Excel's "CSV (séparateur : point-virgule)" on French Windows writes Windows-1252.
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** What the readers need to know of the whole file before reading it; the ingest learns it in its own pass (scan.ts). */
export interface TextFacts {
  /** decodeText's choice. */
  encoding: Encoding;
  /** A NUL byte anywhere: no text file holds one, however far from the start. */
  hasNul: boolean;
}

/** Same answers as decodeText and a search for NUL, made by reading the file in chunks rather than whole. */
export async function textFacts(path: string): Promise<TextFacts> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let hasNul = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hasNul ||= chunk.includes(0);
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { encoding: utf8 ? "utf-8" : "windows-1252", hasNul };
}

const SEPARATORS = [";", ",", "\t"];
export const separatorName = (delimiter: string) => (delimiter === "\t" ? "tabulation" : delimiter);

// Excel's separator hint: a first line « sep=; », which Excel honours on opening, names the separator. It is a line
// of the file like the others (line 1; the header below it is line 2), read by neither reader as a record.
const SEPARATOR_HINT = /^\ufeff?sep=([^\r\n])(?:\r\n|\n|\r|$)/i;

/** Bytes read ahead to choose the separator, in both readers alike. */
const HEAD_BYTES = 65536;

interface TextLine {
  line: number;
  /** Separators outside quotes. */
  counts: Map<string, number>;
  /** false: cut by the end of the text looked at. */
  complete: boolean;
}

/**
 * The first two lines holding a value, with the line each starts on. Lines of blanks and separators only are
 * skipped, as the readers skip them; a line break inside quotes does not end a line.
 */
function firstLines(text: string, line: number): TextLine[] {
  const lines: TextLine[] = [];
  const zero = () => new Map(SEPARATORS.map((d) => [d, 0]));
  let [counts, start, content, inQuotes] = [zero(), line, false, false];
  for (let i = 0; i < text.length && lines.length < 2; i++) {
    const ch = text[i]!;
    if (ch === '"') [inQuotes, content] = [!inQuotes, true];
    else if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
      line++;
      if (inQuotes) continue;
      if (content) lines.push({ line: start, counts, complete: true });
      [counts, start, content] = [zero(), line, false];
    } else if (inQuotes) continue;
    else if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    else if (ch.trim() !== "") content = true;
  }
  if (content && lines.length < 2) lines.push({ line: start, counts, complete: false });
  return lines;
}

/**
 * A header split by one separator above data split by another (a header pasted from the template over another
 * tool's export): read with the header's, every row would be one cell and fail column by column. Told once instead.
 * Said when the first data line holds fewer of the header's separators than the header, and at least as many of
 * another; a header of two columns is too little to tell a mix from a comma typed in a value.
 */
function mixedSeparators(delimiter: string, header: TextLine, data: TextLine): string | null {
  const expected = header.counts.get(delimiter) ?? 0;
  if (expected < 2 || data.counts.get(delimiter)! >= expected) return null;
  const other = SEPARATORS.find((d) => d !== delimiter && data.counts.get(d)! >= expected);
  if (!other) return null;
  const [own, theirs] = [separatorName(delimiter), separatorName(other)];
  return (
    `en-tête (ligne ${header.line}) séparé par « ${own} » mais données (dès la ligne ${data.line}) séparées par « ${theirs} » : ` +
    `un fichier CSV n'a qu'un séparateur ; écrire l'en-tête avec « ${theirs} » comme les données, ou enregistrer les données avec « ${own} », puis renvoyer le fichier`
  );
}

export interface CsvLayout {
  delimiter: string;
  /** The file opens with Excel's « sep=… » line. */
  separatorHint: boolean;
  /** Why the rows cannot be read with the header's separator, if so. */
  mixed: string | null;
}

/**
 * The separator: the hint's, else the one that appears most often outside quotes on the header line (the first
 * line holding a value). `whole`: the text is the whole file, so a last line without line break is complete.
 */
export function csvLayout(text: string, whole: boolean): CsvLayout {
  const hint = SEPARATOR_HINT.exec(text);
  const [header, data] = firstLines(hint ? text.slice(hint[0].length) : text, hint ? 2 : 1);
  const [best, count] = header ? [...header.counts.entries()].sort((a, b) => b[1] - a[1])[0]! : [",", 0];
  const delimiter = hint ? hint[1]! : count > 0 ? best : ",";
  const mixed = header && data && (data.complete || whole) ? mixedSeparators(delimiter, header, data) : null;
  return { delimiter, separatorHint: hint !== null, mixed };
}

export const sniffDelimiter = (text: string): string => csvLayout(text, true).delimiter;

/**
 * Numbers records by the line they start on; blank records (empty lines, lone separators) give null. A record
 * spans one line plus the line breaks quoted inside its fields (csv-parse's own count takes a quoted CRLF for two).
 * Excel's separator hint, when the file opens with one, is line 1 and gives null too.
 */
function lineNumbering(separatorHint: boolean): (record: string[]) => Row | null {
  let next = 1;
  return (record) => {
    const line = next;
    next++;
    for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) next++;
    if (line === 1 && separatorHint) return null;
    return record.every((c) => c.trim() === "") ? null : { line, values: record };
  };
}

/**
 * Where the quote that is never closed opens: the line of the last value that starts with « " » while no quoted value
 * is open (csv-parse only says where it gave up, the end of the file). Read again on that error only.
 */
function quoteScanner(delimiter: string) {
  let line = 1;
  let inQuotes = false;
  let closing = false;
  let fieldStart = true;
  let openedAt = 0;
  return {
    feed(text: string) {
      for (const ch of text) {
        if (inQuotes) {
          if (closing) {
            closing = false;
            if (ch === '"') continue; // "" inside a quoted value
            inQuotes = false; // the quote closed the value: ch is read as outside quotes below
          } else {
            if (ch === '"') closing = true;
            else if (ch === "\n") line++;
            continue;
          }
        }
        if (ch === "\ufeff") continue;
        if (ch === '"' && fieldStart) {
          [inQuotes, openedAt, fieldStart] = [true, line, false];
        } else if (ch === "\n") {
          line++;
          fieldStart = true;
        } else if (ch === delimiter) fieldStart = true;
        else if (ch !== "\r") fieldStart = false;
      }
    },
    unclosed: () => (inQuotes && !closing ? openedAt : null),
  };
}

/**
 * csv-parse's errors are English and name its own options: the sender is told instead what is wrong and where.
 * `line`: where the quote left open starts (from quoteScanner).
 */
export function csvError(error: unknown, line: number | null): Error {
  const code = (error as { code?: string } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  // A file cut inside a quoted value (upload interrupted) or a lone « " » in a value: everything after it is one cell.
  if (code === "CSV_QUOTE_NOT_CLOSED" && line !== null) {
    return new Error(
      `guillemet ouvert à la ligne ${line} jamais refermé : fichier tronqué (envoi interrompu ?) ou guillemet isolé dans une valeur ; ` +
        `renvoyer le fichier complet, ou écrire le guillemet deux fois ("") dans la valeur`,
    );
  }
  if (code?.startsWith("CSV_")) return new Error(`texte CSV illisible : l'enregistrer de nouveau au format CSV depuis le tableur (détail : ${detail})`);
  return error instanceof Error ? error : new Error(detail);
}

function headerCells(values: unknown[]): string[] {
  const headers = values.map((h) => String(h).trim());
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  return headers;
}

/** Whole-file reader, for small files and tests; ingestion streams with openCsv. */
export function readCsvBytes(bytes: Uint8Array): SheetRows & CsvFormat {
  const notText = notCsvText(bytes, bytes.includes(0));
  if (notText) throw new Error(notText);
  const { text, encoding } = decodeText(bytes);
  const layout = csvLayout(decoderFor(encoding)(bytes.subarray(0, HEAD_BYTES), true), bytes.length < HEAD_BYTES);
  if (layout.mixed) throw new Error(layout.mixed);
  const { delimiter, separatorHint } = layout;
  const number = lineNumbering(separatorHint);
  let records: string[][];
  try {
    records = parse(text, { ...PARSE_OPTIONS, delimiter }) as string[][];
  } catch (error) {
    const quotes = quoteScanner(delimiter);
    quotes.feed(text);
    throw csvError(error, quotes.unclosed());
  }
  const rows = records.map(number).filter((r): r is Row => r !== null);
  const header = rows.shift();
  return { headers: header ? headerCells(header.values) : [], headerLine: header?.line ?? 1, rows, encoding, delimiter, separatorHint };
}

/**
 * The header cells as openCsv reads them before any row, or null when even they cannot be parsed: a file whose rows
 * fail further down still had a header, and the ingest judged it before meeting the error.
 */
export function readCsvHeaderBytes(bytes: Uint8Array): string[] | null {
  if (notCsvText(bytes, bytes.includes(0))) return null;
  const { text, encoding } = decodeText(bytes);
  const { delimiter, separatorHint, mixed } = csvLayout(decoderFor(encoding)(bytes.subarray(0, HEAD_BYTES), true), bytes.length < HEAD_BYTES);
  if (mixed) return null;
  // Records are parsed a few more at a time until the first that is not blank, stopping before the error further on.
  for (let count = 1; ; count *= 2) {
    let records: string[][];
    try {
      records = parse(text, { ...PARSE_OPTIONS, delimiter, to: count }) as string[][];
    } catch {
      return null;
    }
    const number = lineNumbering(separatorHint);
    const header = records.map(number).find((r) => r !== null);
    if (header) return headerCells(header.values);
    if (records.length < count) return [];
  }
}

async function* decodeFile(path: string, encoding: Encoding): AsyncGenerator<string> {
  const decode = decoderFor(encoding);
  for await (const chunk of createReadStream(path)) yield decode(chunk as Buffer, true);
  const tail = decode(new Uint8Array());
  if (tail) yield tail;
}

async function firstBytes(path: string, size = HEAD_BYTES): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(size), 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * What a file named .csv that is no CSV text really is, in words the sender can act on. `hasNul`: a NUL byte
 * anywhere in the file (TextFacts), not only in `head`.
 */
export function notCsvText(head: Uint8Array, hasNul: boolean): string | null {
  const kind = fileKind(head);
  if (kind === "xlsx") return "ce fichier est un classeur Excel (XLSX) renommé en .csv : lui redonner l'extension .xlsx";
  if (kind === "classeur-protege") return PROTECTED_WORKBOOK;
  if (kind === "xls") return "ce fichier est un ancien classeur Excel (.xls) : l'enregistrer au format .xlsx ou CSV";
  if (kind === "utf16") return "fichier texte encodé en UTF-16 (« Texte Unicode ») : l'enregistrer en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »";
  if (kind === "html") return htmlPage(".csv");
  if (hasNul) return "contenu binaire, pas un texte CSV : enregistrer le tableau au format CSV ou XLSX depuis le tableur";
  return null;
}

/**
 * Reads the header now and hands the data rows out one at a time. Iterate `rows` to the end (or stop it
 * with `return()`): that is what closes the file.
 */
export async function openCsv(path: string, known?: TextFacts): Promise<SheetStream & CsvFormat & { close(): Promise<void> }> {
  const head = await firstBytes(path);
  const { encoding, hasNul } = known ?? (await textFacts(path));
  const notText = notCsvText(head, hasNul);
  if (notText) throw new Error(notText);
  const layout = csvLayout(decoderFor(encoding)(head, true), head.length < HEAD_BYTES);
  if (layout.mixed) throw new Error(layout.mixed);
  const { delimiter, separatorHint } = layout;
  const csv = parser({ ...PARSE_OPTIONS, delimiter });
  // A read or parse error destroys the parser, and so surfaces in the iteration below.
  pipeline(Readable.from(decodeFile(path, encoding)), csv).catch(() => {});
  const records = csv[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const number = lineNumbering(separatorHint);

  const close = async () => {
    await records.return?.();
  };
  const nextRecord = async () => {
    try {
      return await records.next();
    } catch (error) {
      // Records parsed before the error may be dropped with the stream: the line comes from the text itself.
      const quotes = quoteScanner(delimiter);
      if ((error as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED") for await (const text of decodeFile(path, encoding)) quotes.feed(text);
      throw csvError(error, quotes.unclosed());
    }
  };
  let header: Row | null = null;
  while (!header) {
    const next = await nextRecord();
    if (next.done) return { headers: [], headerLine: 1, rows: [], encoding, delimiter, separatorHint, close };
    header = number(next.value);
  }
  async function* rows(): AsyncGenerator<Row> {
    try {
      for (let next = await nextRecord(); !next.done; next = await nextRecord()) {
        const row = number(next.value);
        if (row) yield row;
      }
    } finally {
      await records.return?.();
    }
  }
  return { headers: headerCells(header.values), headerLine: header.line, rows: rows(), encoding, delimiter, separatorHint, close };
}
