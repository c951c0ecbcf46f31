// Minimal RFC 4180 reading/writing for the committed reference files (UTF-8, "\n", no BOM).
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { DEBUTS_FORMULE, estFormule, guillemets } from "../../observatory/components/cellule-csv.ts";

export function readCsv<T = Record<string, string>>(path: string): T[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as T[];
}

/**
 * These files are inputs the pipeline reads back verbatim (csv-parse, DuckDB read_csv): an apostrophe put in front of
 * a formula-like text would become part of the value. So a text that a spreadsheet would execute is refused, not
 * neutralised: the source it came from must be looked at.
 */
function cell(value: unknown, path: string, row: number, column: string): string {
  const text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && estFormule(text)) {
    throw new Error(`${path}, ligne ${row}, colonne ${column} : « ${text.slice(0, 40)} » commence comme une formule de tableur (${DEBUTS_FORMULE.map((c) => JSON.stringify(c)).join(" ")}) ; corrigez la donnée source avant de réécrire ce fichier de référence.`);
  }
  return guillemets(text, ",");
}

export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): void {
  // Line numbers as a spreadsheet shows them: the header is line 1.
  const lines = [columns.join(","), ...rows.map((r, i) => columns.map((c) => cell(r[c], path, i + 2, c)).join(","))];
  writeFileSync(path, `${lines.join("\n")}\n`);
}
