// Which report a file is, and whose: from the documented file name, else from its headers.
import { basename } from "node:path";
import { REPORTS, reportByTable, type AnyReport } from "../contracts/index.ts";
import { matchHeaders } from "./headers.ts";

/**
 * `<table>__<code_operateur>__<periode>[_vN].<csv|xlsx>`: periode = date the snapshot was drawn up
 * (AAAA, AAAA-MM or AAAA-MM-JJ); `_v2`, `_v3`… mark a corrected resubmission of the same period. A copy's mark added
 * by a download or a file manager (« (1) », « - copie », « - Copy ») is read too: the copy is the same table, operator
 * and period, so it is held to the same versioning instead of slipping in as an unnamed file.
 */
const FILE_NAME = /^([a-z0-9]+(?:_[a-z0-9]+)*)__([a-z0-9]+(?:[-_][a-z0-9]+)*)__(\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)(?:[_-]v(\d+))?(\s*\(\d+\)|\s+-\s+cop(?:ie|y)(?:\s*\(\d+\))?)?\.(csv|xlsx)$/i;

/** Periods before this year are typing errors: the Département's first conventions of the Axe 2 are far later. */
export const PREMIERE_ANNEE_PLAUSIBLE = 2000;

export interface FileName {
  table: string;
  operator: string;
  periode: string;
  /** 1 for the first sending, N for `_vN`. */
  version: number;
  /** The name carries a copy's mark (« (1) », « - copie »). */
  copie: boolean;
}

export function parseFileName(path: string): FileName | null {
  const m = FILE_NAME.exec(basename(path));
  return m ? { table: m[1]!.toLowerCase(), operator: m[2]!, periode: m[3]!, version: m[4] ? Number(m[4]) : 1, copie: Boolean(m[5]) } : null;
}

/**
 * The period a file stands for: a day is its month (`2026-06-30` and `2026-06` are one monthly sending, so a second
 * one needs `_v2`), a month and a year stay as they are. The ledger compares files through this key.
 */
export function periodKey(periode: string): string {
  return periode.slice(0, 7);
}

/** First day of a period (AAAA, AAAA-MM or AAAA-MM-JJ), as AAAA-MM-JJ. */
const periodStart = (periode: string) => (periode.length === 4 ? `${periode}-01-01` : periode.length === 7 ? `${periode}-01` : periode);

/**
 * Why a file's period cannot be a snapshot sent on the reference date, or null: a period that starts after it would
 * publish figures for months not yet lived (and `9999` would make every model span eight thousand years).
 */
export function implausiblePeriod(periode: string, reference: string): string | null {
  if (Number(periode.slice(0, 4)) < PREMIERE_ANNEE_PLAUSIBLE) {
    return `période « ${periode} » antérieure à ${PREMIERE_ANNEE_PLAUSIBLE} : corriger la période dans le nom du fichier (AAAA-MM du mois arrêté)`;
  }
  if (Date.parse(periodStart(periode)) > Date.parse(reference)) {
    return (
      `période « ${periode} » postérieure à la date de référence du traitement (${reference}) : un fichier ne peut pas arrêter des données à venir ; ` +
      `corriger la période dans le nom du fichier (AAAA-MM du mois arrêté), ou fixer OBS_DATE_REFERENCE=AAAA-MM-JJ pour rejouer un traitement à une autre date`
    );
  }
  return null;
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
