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

/** Case, accents, spaces and punctuation do not count: « Date début », "DATE_DEBUT" and "datedebut" are one header. */
export const headerKey = (text: string) => foldKey(text).replace(/_/g, "");

const headerIndexes = new WeakMap<AnyReport, Map<string, string>>();

function headerIndex(report: AnyReport): Map<string, string> {
  let index = headerIndexes.get(report);
  if (!index) {
    index = new Map();
    for (const c of report.columnList) index.set(headerKey(c.label), c.name);
    // A code wins over another column's label that happens to fold the same way.
    for (const c of report.columnList) index.set(headerKey(c.name), c.name);
    headerIndexes.set(report, index);
  }
  return index;
}

export function matchHeaders(report: AnyReport, headers: string[]): HeaderMatch {
  const index = headerIndex(report);
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const unknown: string[] = [];
  const columns = headers.map((h) => {
    if (h.trim() === "") return null;
    const name = index.get(headerKey(h));
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

/**
 * XLSX header row detector: at least half of the row's non-empty cells name columns of one contract, covering at
 * least half of its required columns — a title row, or a "Code opérateur | ASSO-1" line above the table, does not.
 */
export function looksLikeHeader(reports: readonly AnyReport[], cells: string[]): boolean {
  const filled = cells.filter((c) => c !== "").length;
  return reports.some((report) => {
    const m = matchHeaders(report, cells);
    const matched = m.columns.filter(Boolean).length;
    const required = report.columnList.filter((c) => c.req === "R").length;
    return matched >= Math.min(2, report.columnList.length) && matched * 2 >= filled && (required - m.missingRequired.length) * 2 >= required;
  });
}
