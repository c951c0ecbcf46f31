// CSV as French operators send it: ; or , or tab, UTF-8 with or without BOM or Windows-1252,
// quoted fields spanning lines, trailing blank lines and columns.
import { parse } from "csv-parse/sync";
import type { SheetRows } from "./types.ts";

export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    // Excel's "CSV (séparateur : point-virgule)" on French Windows writes Windows-1252.
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** The delimiter that appears most often outside quotes on the header line. */
export function sniffDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>([[";", 0], [",", 0], ["\t", 0]]);
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ",";
}

export function readCsvBytes(bytes: Uint8Array): SheetRows & { encoding: string; delimiter: string } {
  const { text, encoding } = decodeText(bytes);
  const delimiter = sniffDelimiter(text);
  const records = parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const first = records.findIndex((r) => !isBlank(r.record));
  if (first < 0) return { headers: [], headerLine: 1, rows: [], encoding, delimiter };
  const header = records[first]!;
  const headers = header.record.map((h) => h.trim());
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  const rows: SheetRows["rows"] = [];
  let previousEnd = header.info.lines;
  for (const r of records.slice(first + 1)) {
    // info.lines is the line where the record ends; a record starts on the line after the previous one ended.
    const line = previousEnd + 1;
    previousEnd = r.info.lines;
    if (isBlank(r.record)) continue;
    rows.push({ line, values: r.record });
  }
  return { headers, headerLine: header.info.lines, rows, encoding, delimiter };
}
