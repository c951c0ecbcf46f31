// Header cells → contract columns, by code ("date_debut") or French label ("Date de début (activation)").
import type { AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";

export interface HeaderMatch {
  /** For each header cell, the contract column it feeds (null: ignored). */
  columns: (string | null)[];
  missingRequired: string[];
  unknown: string[];
  duplicated: string[];
}

export function matchHeaders(report: AnyReport, headers: string[]): HeaderMatch {
  const byKey = new Map<string, string>();
  for (const c of report.columnList) {
    byKey.set(foldKey(c.name), c.name);
    byKey.set(foldKey(c.label), c.name);
  }
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const unknown: string[] = [];
  const columns = headers.map((h) => {
    if (h.trim() === "") return null;
    const name = byKey.get(foldKey(h));
    if (!name) {
      unknown.push(h);
      return null;
    }
    if (seen.has(name)) {
      duplicated.push(h);
      return null;
    }
    seen.add(name);
    return name;
  });
  const missingRequired = report.columnList.filter((c) => c.req === "R" && !seen.has(c.name)).map((c) => c.name);
  return { columns, missingRequired, unknown, duplicated };
}

/** Header-row detector for XLSX: a row naming at least half of some contract's required columns. */
export function looksLikeHeader(reports: readonly AnyReport[], cells: string[]): boolean {
  return reports.some((report) => {
    const m = matchHeaders(report, cells);
    const required = report.columnList.filter((c) => c.req === "R").length;
    return required - m.missingRequired.length >= Math.max(1, required / 2);
  });
}
