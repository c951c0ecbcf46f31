// Calendar arithmetic on ISO dates (UTC), as the spec's mois-mesure definition needs it.
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const parse = (s: string) => new Date(`${s}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  return iso(new Date(parse(date).getTime() + days * 86400000));
}

/** date + n months, the day clipped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(target);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b).getTime() - parse(a).getTime()) / 86400000);
}

/** Starts of the mois-mesures of a measure (spec §0.5.6): month k starts at start + k months and counts if ≤ end. */
export function moisMesureStarts(start: string, end: string): string[] {
  const out: string[] = [];
  for (let k = 0; ; k++) {
    const s = addMonths(start, k);
    if (s > end) return out;
    out.push(s);
  }
}

/** Plain code-point order: localeCompare would depend on the machine's locale. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
