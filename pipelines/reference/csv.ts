// Minimal RFC 4180 reading/writing for the committed reference files (UTF-8, "\n", no BOM).
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

export function readCsv<T = Record<string, string>>(path: string): T[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as T[];
}

function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): void {
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))];
  writeFileSync(path, `${lines.join("\n")}\n`);
}
