// CSV as French operators send it: ; or , or tab, UTF-8 with or without BOM or Windows-1252,
// quoted fields spanning lines, trailing blank lines and columns.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse as parser } from "csv-parse";
import { parse } from "csv-parse/sync";
import type { Row, SheetRows, SheetStream } from "./types.ts";

export type Encoding = "utf-8" | "windows-1252";
export interface CsvFormat {
  encoding: Encoding;
  delimiter: string;
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

/** Same choice as decodeText, made by reading the file in chunks rather than whole. */
export async function detectEncoding(path: string): Promise<Encoding> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** The delimiter that appears most often outside quotes on the header line (the first non-blank one). */
export function sniffDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>([[";", 0], [",", 0], ["\t", 0]]);
  // Lines holding nothing but blanks and separators above the header are skipped, as the readers skip them.
  for (const ch of text.replace(/^(?:[ \t;,]*(?:\r\n|\n|\r))+/, "")) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ",";
}

/**
 * Numbers records by the line they start on; blank records (empty lines, lone separators) give null. A record
 * spans one line plus the line breaks quoted inside its fields (csv-parse's own count takes a quoted CRLF for two).
 */
function lineNumbering(): (record: string[]) => Row | null {
  let next = 1;
  return (record) => {
    const line = next;
    next++;
    for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) next++;
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
  const { text, encoding } = decodeText(bytes);
  const delimiter = sniffDelimiter(text.slice(0, 65536));
  const number = lineNumbering();
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
  return { headers: header ? headerCells(header.values) : [], headerLine: header?.line ?? 1, rows, encoding, delimiter };
}

async function* decodeFile(path: string, encoding: Encoding): AsyncGenerator<string> {
  const decode = decoderFor(encoding);
  for await (const chunk of createReadStream(path)) yield decode(chunk as Buffer, true);
  const tail = decode(new Uint8Array());
  if (tail) yield tail;
}

async function firstBytes(path: string, size = 65536): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(size), 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** What a file named .csv that is no CSV text really is, in words the sender can act on. */
export function notCsvText(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "ce fichier est un classeur Excel (XLSX) renommé en .csv : lui redonner l'extension .xlsx";
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return "ce fichier est un ancien classeur Excel (.xls) : l'enregistrer au format .xlsx ou CSV";
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return "fichier texte encodé en UTF-16 (« Texte Unicode ») : l'enregistrer en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »";
  if (head.includes(0)) return "contenu binaire, pas un texte CSV : enregistrer le tableau au format CSV ou XLSX depuis le tableur";
  return null;
}

/**
 * Reads the header now and hands the data rows out one at a time. Iterate `rows` to the end (or stop it
 * with `return()`): that is what closes the file.
 */
export async function openCsv(path: string, knownEncoding?: Encoding): Promise<SheetStream & CsvFormat & { close(): Promise<void> }> {
  const head = await firstBytes(path);
  const notText = notCsvText(head);
  if (notText) throw new Error(notText);
  const encoding = knownEncoding ?? (await detectEncoding(path));
  const delimiter = sniffDelimiter(decoderFor(encoding)(head, true));
  const csv = parser({ ...PARSE_OPTIONS, delimiter });
  // A read or parse error destroys the parser, and so surfaces in the iteration below.
  pipeline(Readable.from(decodeFile(path, encoding)), csv).catch(() => {});
  const records = csv[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const number = lineNumbering();

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
    if (next.done) return { headers: [], headerLine: 1, rows: [], encoding, delimiter, close };
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
  return { headers: headerCells(header.values), headerLine: header.line, rows: rows(), encoding, delimiter, close };
}
