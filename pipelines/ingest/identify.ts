// Which report a file is, and whose: from the documented file name, else from its headers.
import { basename } from "node:path";
import { REPORTS, reportByTable, type AnyReport } from "../contracts/index.ts";
import { matchHeaders } from "./headers.ts";

/**
 * `<table>__<code_operateur>__<periode>[_vN].<csv|xlsx>`: periode = date the snapshot was drawn up
 * (AAAA, AAAA-MM or AAAA-MM-JJ); `_v2`, `_v3`… mark a corrected resubmission of the same period.
 */
const FILE_NAME = /^([a-z0-9_]+)__([A-Za-z0-9][A-Za-z0-9-]*)__(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[_-]v(\d+))?\.(csv|xlsx)$/i;

export interface FileName {
  table: string;
  operator: string;
  periode: string;
}

export function parseFileName(path: string): FileName | null {
  const m = FILE_NAME.exec(basename(path));
  return m ? { table: m[1]!.toLowerCase(), operator: m[2]!, periode: m[3]! } : null;
}

/** The contract whose columns the headers match best, provided none of its required columns is missing. */
export function reportFromHeaders(headers: string[]): AnyReport | undefined {
  let best: { report: AnyReport; matched: number } | undefined;
  for (const report of REPORTS) {
    const m = matchHeaders(report, headers);
    const matched = m.columns.filter(Boolean).length;
    if (m.missingRequired.length === 0 && (!best || matched > best.matched)) best = { report, matched };
  }
  return best?.report;
}

export function reportFromName(name: FileName | null): AnyReport | undefined {
  return name ? reportByTable(name.table) : undefined;
}
