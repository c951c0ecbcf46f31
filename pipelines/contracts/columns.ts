// Column builders: each returns a zod schema that parses a raw cell (CSV text or XLSX value)
// into its normalised value, and carries the column's metadata (.meta()), from which DDL,
// Kysely types, templates and the data dictionary are all derived.
import { z } from "zod";
import {
  type Parsed,
  asText,
  isBlank,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseList,
  parseMonth,
  parseWeek,
} from "../normalise/values.ts";
import { resolveCommune, resolveEpci } from "../normalise/places.ts";

export type ColumnKind = "str" | "int" | "dec" | "date" | "month" | "week" | "bool" | "enum" | "list" | "commune" | "epci";
/** R required, O optional, C conditional (the condition is stated in `condition` and checked by the table's refinements). */
export type Requirement = "R" | "O" | "C";

export interface ColumnMeta {
  kind: ColumnKind;
  req: Requirement;
  /** French label shown to operators and on the site. */
  label: string;
  /** French explanation for the notice and the data dictionary. */
  description?: string;
  example: string;
  values?: readonly string[];
  valueLabels?: Readonly<Record<string, string>>;
  condition?: string;
  /** Spec marks it PERSONAL: never stored raw. */
  personal?: boolean;
  /** Left blank, the value is a keyed hash of these columns, computed at ingest (spec: « derived at ingest »). */
  derivedFrom?: readonly string[];
  min?: number;
  max?: number;
  /** Indicator, financing or rule ids the column feeds (spec "feeds"). */
  feeds?: string;
  /**
   * Whether an unreadable value refuses the whole row (true) or is ignored with a warning « valeur ignorée », the row
   * loading with the cell empty (false). Left out, `blocking` below decides; the contract says it where a descriptive
   * column decides what is counted or paid.
   */
  bloquante?: boolean;
}

/** Kinds that describe a record (a category, a flag, a place) rather than identify, date, count or price it. */
const DESCRIPTIVE_KINDS = new Set<ColumnKind>(["enum", "list", "bool", "commune", "epci"]);

/** The code a required enumeration takes when its value is ignored, so that the row still has one. */
export const NON_RENSEIGNE = "non_renseigne";

/**
 * The blocking rule, written once: a column blocks its row when it identifies the record or when counting or
 * financing depends on its value, i.e. by default every identifier, text, date, number and required column; a
 * descriptive column (category, flag, place) that may be empty does not, nor a required enumeration that has a
 * « non renseigné » code (an ignored value becomes that code). A key column always blocks (report.ts).
 */
export function blocking(meta: ColumnMeta): boolean {
  if (meta.bloquante !== undefined) return meta.bloquante;
  if (!DESCRIPTIVE_KINDS.has(meta.kind)) return true;
  return meta.req === "R" && !(meta.kind === "enum" && meta.values?.includes(NON_RENSEIGNE));
}

/** What an ignored cell of a non-blocking column is read as: blank, or « non renseigné » where the column is required. */
export function ignoredCell(meta: ColumnMeta): string {
  return meta.req === "R" ? NON_RENSEIGNE : "";
}

type Options = Omit<ColumnMeta, "kind" | "values">;
/** A required column parses to T, any other to T | null. */
type Out<T, O extends Options> = O extends { req: "R" } ? T : T | null;

function column<T, O extends Options = Options>(meta: ColumnMeta, parse: (raw: unknown) => Parsed<T>) {
  // optional(): a column absent from the file reaches the blank-value rule below, not a zod type error.
  return z
    .unknown()
    .optional()
    .transform((raw, ctx): Out<T, O> => {
      if (isBlank(raw)) {
        if (meta.req === "R") {
          ctx.addIssue({ code: "custom", message: `valeur obligatoire manquante (${meta.label})`, input: raw });
          return z.NEVER;
        }
        return null as Out<T, O>;
      }
      const r = parse(raw);
      if ("error" in r) {
        ctx.addIssue({ code: "custom", message: r.error, input: raw });
        return z.NEVER;
      }
      return r.ok as Out<T, O>;
    })
    .meta(meta as unknown as Record<string, unknown>);
}

/**
 * Years a date of these schemes can fall in. Outside, it is a slip: 1900 from an empty Excel date cell, 2099 typed
 * for 2029. The SQL path reads the same bounds (pipelines/ingest/sql-normalise.ts).
 */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2040 } as const;

function plausible(parse: (raw: unknown) => Parsed<string>) {
  return (raw: unknown): Parsed<string> => {
    const r = parse(raw);
    if ("error" in r) return r;
    const year = Number(r.ok.slice(0, 4));
    if (year < PLAUSIBLE_YEARS.from || year > PLAUSIBLE_YEARS.to) {
      return { error: `date invraisemblable « ${asText(raw)} » (année ${year}, hors ${PLAUSIBLE_YEARS.from}–${PLAUSIBLE_YEARS.to}) : vérifier l'année` };
    }
    return r;
  };
}

function bounded(parse: (raw: unknown) => Parsed<number>, o: Options) {
  return (raw: unknown): Parsed<number> => {
    const r = parse(raw);
    if ("error" in r) return r;
    if (o.min !== undefined && r.ok < o.min) return { error: `${asText(raw)} est inférieur au minimum admis (${o.min})` };
    if (o.max !== undefined && r.ok > o.max) return { error: `${asText(raw)} dépasse le maximum admis (${o.max})` };
    return r;
  };
}

export const col = {
  str: <O extends Options>(o: O) => column<string, O>({ kind: "str", ...o }, (raw) => ({ ok: asText(raw) })),
  int: <O extends Options>(o: O) => column<number, O>({ kind: "int", ...o }, bounded(parseInteger, o)),
  dec: <O extends Options>(o: O) => column<number, O>({ kind: "dec", ...o }, bounded(parseDecimal, o)),
  date: <O extends Options>(o: O) => column<string, O>({ kind: "date", ...o }, plausible(parseDate)),
  month: <O extends Options>(o: O) => column<string, O>({ kind: "month", ...o }, plausible(parseMonth)),
  week: <O extends Options>(o: O) => column<string, O>({ kind: "week", ...o }, plausible(parseWeek)),
  bool: <O extends Options>(o: O) => column<boolean, O>({ kind: "bool", ...o }, parseBoolean),
  commune: <O extends Options>(o: O) => column<string, O>({ kind: "commune", ...o }, resolveCommune),
  epci: <O extends Options>(o: O) => column<string, O>({ kind: "epci", ...o }, resolveEpci),
  enum: <const V extends readonly string[], O extends Options & { valueLabels?: Record<string, string> }>(values: V, o: O) =>
    column<V[number], O>({ kind: "enum", values, ...o }, (raw) => parseEnum(raw, values, o.valueLabels) as Parsed<V[number]>),
  list: <const V extends readonly string[], O extends Options & { valueLabels?: Record<string, string> }>(values: V, o: O) =>
    column<V[number][], O>({ kind: "list", values, ...o }, (raw) => parseList(raw, values, o.valueLabels) as Parsed<V[number][]>),
};

export function columnMeta(schema: z.ZodType): ColumnMeta {
  const meta = schema.meta() as ColumnMeta | undefined;
  if (!meta?.kind) throw new Error("column without contract metadata");
  return meta;
}
