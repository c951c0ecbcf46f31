// Which report a file is, and whose: from the documented file name, else from its headers.
import { basename } from "node:path";
import { REPORTS, reportByTable, type AnyReport } from "../contracts/index.ts";
import { matchHeaders } from "./headers.ts";

/**
 * `<table>__<code_operateur>__<periode>[_vN].<csv|xlsx>`: periode = date the snapshot was drawn up
 * (AAAA, AAAA-MM or AAAA-MM-JJ); `_v2`, `_v3`… mark a corrected resubmission of the same period.
 */
const FILE_NAME = /^([a-z0-9]+(?:_[a-z0-9]+)*)__([a-z0-9]+(?:[-_][a-z0-9]+)*)__(\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)(?:[_-]v(\d+))?\.(csv|xlsx)$/i;

export interface FileName {
  table: string;
  operator: string;
  periode: string;
  /** 1 for the first sending, N for `_vN`. */
  version: number;
}

export function parseFileName(path: string): FileName | null {
  const m = FILE_NAME.exec(basename(path));
  return m ? { table: m[1]!.toLowerCase(), operator: m[2]!, periode: m[3]!, version: m[4] ? Number(m[4]) : 1 } : null;
}

/**
 * The contracts whose columns the headers match best, among those whose required columns are all there.
 * More than one: the headers are ambiguous (shared by several reports) and only the file name can tell.
 */
export function reportsFromHeaders(headers: string[]): AnyReport[] {
  let best: AnyReport[] = [];
  let bestMatched = 0;
  for (const report of REPORTS) {
    const m = matchHeaders(report, headers);
    const matched = m.columns.filter(Boolean).length;
    if (m.missingRequired.length > 0 || matched < bestMatched) continue;
    best = matched > bestMatched ? [report] : [...best, report];
    bestMatched = matched;
  }
  return best;
}

/** Name order, except that `_v10` comes after `_v2`: files are loaded in the order they supersede each other. */
export function compareFileNames(a: string, b: string): number {
  const key = (name: string) => basename(name).replace(/(?:[_-]v(\d+))?\.(csv|xlsx)$/i, (_, v: string | undefined) => `\u0000${(v ?? "").padStart(6, "0")}`);
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

export function reportFromName(name: FileName | null): AnyReport | undefined {
  return name ? reportByTable(name.table) : undefined;
}
