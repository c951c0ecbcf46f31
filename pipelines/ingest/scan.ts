// One pass over a file's bytes: its sha256 for the ledger, and whether DuckDB's CSV reader may stand in for ours
// (UTF-8, one record per physical line so that line numbers can be counted, no quote that the two readers treat
// differently). Any doubt sends the file to the JavaScript reader, which handles every case.
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { TextFacts } from "../read/csv.ts";

export interface FileScan extends TextFacts {
  sha256: string;
  /** UTF-8, no blank line before the last record, no bare CR, no quote next to a blank. */
  sqlReadable: boolean;
  /** Some field is quoted: then a quoted line break must still be ruled out, on the values DuckDB read. */
  hasQuotes: boolean;
}

const CHUNK = 8 * 1024 * 1024;
// Where DuckDB's CSV reader and csv-parse part ways: a blank line (DuckDB skips it, so line numbers drift), a CR
// alone, a quote next to a space or tab (csv-parse keeps it as text, DuckDB strips it).
const BLANK_LINES = ["\n\n", "\n\r\n"].map((s) => Buffer.from(s));
const QUOTE_NEAR_BLANK = [' "', '" ', '\t"', '"\t'].map((s) => Buffer.from(s));
const NEWLINE = new Set([0x0a, 0x0d]);

/** Length of the complete UTF-8 characters at the start of `bytes` (a character cut by the chunk end waits). */
function completeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && lead > bytes.length - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0 || bytes[lead]! < 0xc0) return bytes.length;
  const size = bytes[lead]! >= 0xf0 ? 4 : bytes[lead]! >= 0xe0 ? 3 : 2;
  return lead + size <= bytes.length ? bytes.length : lead;
}

function firstIndex(bytes: Buffer, needles: Buffer[]): number {
  const found = needles.map((n) => bytes.indexOf(n)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}

function lastContentByte(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && NEWLINE.has(bytes[i]!)) i--;
  return i;
}

/** `chunkSize`: how much is read at a time (tests make it tiny, so that every sequence meets a chunk boundary). */
export async function scanFile(path: string, chunkSize = CHUNK): Promise<FileScan> {
  const hash = createHash("sha256");
  let utf8 = true;
  let hasQuotes = false;
  let hasNul = false;
  let quoteNearBlank = false;
  let bareCr = false;
  let firstBlankLine = Infinity;
  let lastContent = -1;
  let pending = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    const text = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const cut = completeCharacters(text);
    utf8 &&= isUtf8(text.subarray(0, cut));
    pending = Buffer.from(text.subarray(cut));
    // A sequence cut by the boundary lies in the previous chunk's last two bytes and this one's first two: searched
    // there, so that the chunk itself is searched in place rather than copied behind them.
    const seam = Buffer.concat([tail, chunk.subarray(0, 2)]);
    const seamStart = offset - tail.length;
    hasQuotes ||= chunk.includes(0x22);
    hasNul ||= chunk.includes(0);
    quoteNearBlank ||= hasQuotes && (firstIndex(seam, QUOTE_NEAR_BLANK) >= 0 || firstIndex(chunk, QUOTE_NEAR_BLANK) >= 0);
    const blankAtSeam = firstIndex(seam, BLANK_LINES);
    const blank = blankAtSeam >= 0 ? seamStart + blankAtSeam : firstIndex(chunk, BLANK_LINES) >= 0 ? offset + firstIndex(chunk, BLANK_LINES) : Infinity;
    firstBlankLine = Math.min(firstBlankLine, blank);
    const content = lastContentByte(chunk);
    if (content >= 0) lastContent = offset + content;
    bareCr ||= tail.length > 0 && tail[tail.length - 1] === 0x0d && chunk[0] !== 0x0a;
    for (let i = chunk.indexOf(0x0d); i >= 0 && !bareCr; i = chunk.indexOf(0x0d, i + 1)) bareCr = i + 1 < chunk.length && chunk[i + 1] !== 0x0a;
    // The last two bytes read so far, whatever the size of the chunks that brought them.
    tail = Buffer.from(Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - 2))]).subarray(-2));
    offset += chunk.length;
  }
  if (tail.length && tail[tail.length - 1] === 0x0d) bareCr = true;
  utf8 &&= pending.length === 0;
  const sqlReadable = utf8 && !bareCr && !quoteNearBlank && firstBlankLine > lastContent;
  return { sha256: hash.digest("hex"), encoding: utf8 ? "utf-8" : "windows-1252", hasNul, sqlReadable, hasQuotes };
}
