// Periods as pages name them: a calendar year (« 2026 »), a month (« septembre 2026 ») and a convention period, coded
// « AAAA-MM/AAAA-MM » by its first and last month (sql/int_periodes_conventions.sql): « convention de nov. 2026 à
// oct. 2027 ». The extracts' libelle_periode comes from here too (pipelines/extraits/libelles.ts).
import { mois, moisAbrege } from "./format.js";

const CONVENTION = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/;
const MOIS = /^\d{4}-\d{2}$/;

export function estConvention(periode: string): boolean {
  return CONVENTION.test(periode);
}

/** « 2026 », « septembre 2026 », « convention de nov. 2026 à oct. 2027 »; any other code as is. */
export function libellePeriode(periode: string): string {
  const c = CONVENTION.exec(periode);
  if (c) return `convention de ${moisAbrege(`${c[1]}-${c[2]}`)} ${c[1]} à ${moisAbrege(`${c[3]}-${c[4]}`)} ${c[3]}`;
  return MOIS.test(periode) ? mois(periode) : periode;
}

/** « en 2026 », « sur la convention de nov. 2026 à oct. 2027 ». */
export function enPeriode(periode: string): string {
  return estConvention(periode) ? `sur la ${libellePeriode(periode)}` : `en ${libellePeriode(periode)}`;
}

/** Whether the month « AAAA-MM » lies in the year or convention period. */
export function moisDansPeriode(periode: string, moisCode: string): boolean {
  const c = CONVENTION.exec(periode);
  return c ? moisCode >= `${c[1]}-${c[2]}` && moisCode <= `${c[3]}-${c[4]}` : moisCode.startsWith(`${periode}-`);
}

/** The same period a year earlier: 2026 → 2025, 2025-11/2026-10 → 2024-11/2025-10. */
export function periodePrecedente(periode: string): string {
  const c = CONVENTION.exec(periode);
  return c ? `${Number(c[1]) - 1}-${c[2]}/${Number(c[3]) - 1}-${c[4]}` : String(Number(periode) - 1);
}

/** A convention period the data cut-off (« 2026-10-31 » or « 2026-10 ») falls inside before its last month: « … jusqu'à octobre 2026 », else null. */
export function conventionIncomplete(dateArrete: string | null, periode: string): string | null {
  const c = CONVENTION.exec(periode);
  const m = /^(\d{4}-\d{2})/.exec(dateArrete ?? "")?.[1];
  if (!c || !m) return null;
  return m >= `${c[1]}-${c[2]}` && m < `${c[3]}-${c[4]}` ? `${libellePeriode(periode)} jusqu'à ${mois(m)}` : null;
}
