// A report contract: one zod object per report table, defined once. Everything else
// (DuckDB DDL, Kysely types, templates, data dictionary) is derived from it.
import { z } from "zod";
import { col, columnMeta, type ColumnMeta } from "./columns.ts";

export type Producer = "operateur" | "departement";

/** [column the quarantine points to, French reason], or a falsy value when the rule holds. */
export type RowIssue = readonly [column: string, reason: string] | false | null | undefined;

type Shape = Record<string, z.ZodType>;

export interface ReportDefinition<S extends Shape> {
  table: string;
  titre: string;
  description: string;
  fiches: readonly string[];
  producer: Producer;
  /** Columns that identify a record within one operator's file. */
  key: readonly (keyof S & string)[];
  columns: S;
  /** Conditional requirements ("C" in the spec) and cross-column consistency. */
  checks?: (row: z.output<z.ZodObject<S>>) => RowIssue[];
}

const codeOperateur = col.str({
  req: "R",
  label: "Code opérateur",
  description: "Code attribué par le Département à l'opérateur (par ex. son SIRET).",
  example: "ASSO-LENS-01",
});

export function defineReport<S extends Shape>(def: ReportDefinition<S>) {
  const columns = (def.producer === "operateur" ? { code_operateur: codeOperateur, ...def.columns } : def.columns) as S;
  const schema = z.object(columns);
  const checks = (row: z.output<typeof schema>): [string, string][] =>
    (def.checks?.(row) ?? []).filter((issue): issue is readonly [string, string] => Boolean(issue)).map(([c, r]) => [c, r]);
  return {
    ...def,
    key: (def.producer === "operateur" ? ["code_operateur", ...def.key] : def.key) as readonly string[],
    schema,
    checks,
    columnList: Object.entries(columns).map(([name, s]) => ({ name, ...columnMeta(s) })) as (ColumnMeta & { name: string })[],
  };
}

export type Report = ReturnType<typeof defineReport>;
export type ReportRow<R extends { schema: z.ZodType }> = z.output<R["schema"]>;

/** Rules the spec states for several tables (§0.3): written once, used by each contract that needs them. */
export const commonChecks = {
  /** « age_entree / annee_naissance … where age is required, one of the two is required ». */
  ageOrBirthYear: (r: { age_entree: number | null; annee_naissance: number | null }, whose: string): RowIssue =>
    r.age_entree === null && r.annee_naissance === null && ["age_entree", `indiquer l'âge ${whose} ou l'année de naissance`],
  endNotBeforeStart: (r: { date_debut: string; date_fin: string | null }): RowIssue =>
    r.date_fin !== null && r.date_fin < r.date_debut && ["date_fin", `date de fin (${r.date_fin}) antérieure à la date de début (${r.date_debut})`],
};
