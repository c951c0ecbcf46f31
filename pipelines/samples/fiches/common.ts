// What every fiche generator shares: its random stream and places, the tables it hands back to generate.ts,
// and the small calendar helpers operators' activity needs (working days, months of a period).
import type { AnyReport } from "../../contracts/index.ts";
import { bilans } from "../../contracts/shared.ts";
import type { Anomalie } from "../anomalies.ts";
import type { ConventionRow } from "../conventions.ts";
import { addDays, daysBetween, parse } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { Random } from "../random.ts";
import type { OperatorRow } from "../rows.ts";
import type { SampleReference } from "../reference.ts";
import type { Flavour } from "../write.ts";
import type { Places } from "./places.ts";

export interface FicheContext {
  random: Random;
  places: Places;
  reference: SampleReference;
  scale: number;
}

export interface SampleTable {
  report: AnyReport;
  operator: string;
  flavour: Flavour;
  rows: object[];
}

export interface FicheOutput {
  tables: SampleTable[];
  conventions: ConventionRow[];
  anomalies: Anomalie[];
}

/** A volume at scale 1 adjusted to the requested scale, never below `min` so that small test runs still cover every case. */
export const scaled = (ctx: FicheContext, base: number, min = 1) => Math.max(min, Math.round(base * ctx.scale));

export const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function dayIn(random: Random, from: string, to: string): string {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
}

/** Offices and social workers work Monday to Friday: a weekend day moves to the Friday before or Monday after. */
export function workday(date: string, random?: Random): string {
  const d = parse(date).getUTCDay();
  if (d === 6) return addDays(date, random?.chance(0.5) ? 2 : -1);
  if (d === 0) return addDays(date, random?.chance(0.5) ? 1 : -2);
  return date;
}

export const workdayIn = (random: Random, from: string, to: string) => {
  const d = workday(dayIn(random, from, to), random);
  return d < from ? from : d > to ? to : d;
};

/** First days of the months from `from` to `to` included (yyyy-mm-01). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${pad(m, 2)}` <= to.slice(0, 7); m === 12 ? ((m = 1), y++) : m++) out.push(`${y}-${pad(m, 2)}-01`);
  return out;
}

export const lastDayOfMonth = (monthStart: string) =>
  addDays(`${monthStart.slice(0, 7)}-01`, new Date(Date.UTC(Number(monthStart.slice(0, 4)), Number(monthStart.slice(5, 7)), 0)).getUTCDate() - 1);

/** Rows numbered in date order, as an operator's own register would: `${prefix}${year}-${n}`. */
export function numberByYear<T>(rows: T[], date: (r: T) => string, set: (r: T, id: string) => void, prefix: string, width: number): T[] {
  rows.sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
  const seq = new Map<string, number>();
  for (const r of rows) {
    const y = date(r).slice(0, 4);
    const n = (seq.get(y) ?? 0) + 1;
    seq.set(y, n);
    set(r, `${prefix}${y}-${pad(n, width)}`);
  }
  return rows;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** A convention of the Département with a non-LDA operator; the payment mode is the fiche's (fiches.csv). */
export function convention(ctx: FicheContext, row: Omit<ConventionRow, "mode_versement"> & { fiche: NonNullable<ConventionRow["fiche"]> }): ConventionRow {
  return {
    dispositif: null,
    nb_mesures_conventionnees: null,
    tarifs_unitaires: null,
    ...row,
    mode_versement: ctx.reference.modeVersement(row.fiche) as ConventionRow["mode_versement"],
  };
}

export type BilanRow = OperatorRow<typeof bilans>;

/** The operator's bilans file: documents numbered in the order they were sent, as the existing LDA files do. */
export function bilansTable(operator: string, flavour: Flavour, rows: Omit<BilanRow, "code_operateur" | "id_bilan">[]): SampleTable {
  const numbered = numberByYear(
    rows.filter((r) => r.date_remise! <= DATE_ARRETE).map((r) => ({ code_operateur: operator, id_bilan: "", ...r }) as BilanRow),
    (r) => r.date_remise!,
    (r, id) => (r.id_bilan = id),
    "B-",
    4,
  );
  return { report: bilans, operator, flavour, rows: numbered };
}
