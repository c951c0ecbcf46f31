// The current year is incomplete: its figures run from 1 January to the data cut-off. One rule for the fiche sheets
// and the maps, which both label it and the maps open on the latest complete year.
import { mois } from "./format.js";

/** The cut-off month (« 10 ») when the cut-off (« 2026-10-31 » or « 2026-10 ») falls inside `annee` before December, else null. */
export function moisArrete(dateArrete: string | null, annee: string): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(dateArrete ?? "");
  return m && m[1] === annee && m[2] !== "12" ? m[2]! : null;
}

/** « 2026 jusqu'à octobre 2026 » when the year is incomplete (moisArrete), else null. */
export function anneeIncomplete(dateArrete: string | null, annee: string): string | null {
  const fin = moisArrete(dateArrete, annee);
  return fin ? `${annee} jusqu'à ${mois(`${annee}-${fin}`)}` : null;
}

/** The latest complete year among `annees` (oldest first), else the latest one. */
export function anneeParDefaut(dateArrete: string | null, annees: readonly string[]): string | undefined {
  return [...annees].reverse().find((a) => !anneeIncomplete(dateArrete, a)) ?? annees.at(-1);
}
