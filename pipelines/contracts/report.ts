// A report contract: one zod object per report table, defined once. Everything else
// (DuckDB DDL, Kysely types, templates, data dictionary) is derived from it.
import { z } from "zod";
import { blocking, col, columnMeta, type ColumnMeta, NON_RENSEIGNE } from "./columns.ts";
import { placeRules } from "./lieux.ts";
import { type Predicates, predicates, type Rule, rule } from "./rules.ts";

export type Producer = "operateur" | "departement";

type Shape = Record<string, z.ZodType>;
type Columns<S extends Shape> = (keyof S & string) | "code_operateur";
type RowOf<S extends Shape> = z.output<z.ZodObject<S>>;

/** What a contract's `checks` receives: the predicate builders and `rule`, typed on its columns and row. */
export type RuleKit<S extends Shape> = Predicates<Columns<S>> & {
  rule: (when: ReturnType<Predicates<Columns<S>>["absent"]>, column: Columns<S>, reason: string | ((row: RowOf<S>) => string)) => Rule<RowOf<S>>;
};

export interface ReportDefinition<S extends Shape> {
  table: string;
  titre: string;
  description: string;
  fiches: readonly string[];
  producer: Producer;
  /** Columns that identify a record within one operator's file. */
  key: readonly (keyof S & string)[];
  columns: S;
  /** Conditional requirements ("C" in the spec) and cross-column consistency, as rules both ingest paths evaluate. */
  checks?: (kit: RuleKit<S>) => Rule<RowOf<S>>[];
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
  const key = (def.producer === "operateur" ? ["code_operateur", ...def.key] : def.key) as readonly string[];
  const columnList = Object.entries(columns).map(([name, s]) => {
    const meta = columnMeta(s);
    if (key.includes(name) && meta.bloquante === false) throw new Error(`${def.table}.${name} : une colonne de la clé est toujours bloquante`);
    const bloquante = key.includes(name) || blocking(meta);
    // An ignored required value is read as « non renseigné » (columns.ts ignoredCell): the column must have that code.
    if (!bloquante && meta.req === "R" && !(meta.kind === "enum" && meta.values?.includes(NON_RENSEIGNE))) {
      throw new Error(`${def.table}.${name} : une colonne obligatoire n'est non bloquante que si elle a le code « ${NON_RENSEIGNE} »`);
    }
    return { name, ...meta, bloquante };
  }) as (ColumnMeta & { name: string; bloquante: boolean })[];
  // Commune and territory given together must agree (§0.3): derived from the columns, for every contract (lieux.ts).
  const rules = [...(def.checks?.({ ...predicates<Columns<S>>(), rule }) ?? []), ...placeRules(def.table, columnList, def.fiches)] as Rule<Record<string, unknown>>[];
  /** The [column, French reason] pairs a parsed row breaks. */
  const checks = (row: Record<string, unknown>): [string, string][] =>
    rules.filter((r) => r.when.js(row)).map((r) => [r.column, typeof r.reason === "string" ? r.reason : r.reason(row)]);
  return {
    ...def,
    key,
    schema,
    rules,
    checks,
    columnList,
  };
}

export type Report = ReturnType<typeof defineReport>;
export type ReportRow<R extends { schema: z.ZodType }> = z.output<R["schema"]>;

const shared = predicates<string>();

/** Rules the spec states for several tables (§0.3): written once, used by each contract that needs them. */
export const commonChecks = {
  /** « age_entree / annee_naissance … where age is required, one of the two is required ». */
  ageOrBirthYear: (whose: string): Rule<{ age_entree: number | null; annee_naissance: number | null }> =>
    rule(shared.and(shared.absent("age_entree"), shared.absent("annee_naissance")), "age_entree", `indiquer l'âge ${whose} ou l'année de naissance`),
  /** A stop reason (or exit type) means the record is over, so its end date is due. */
  endDueWith: (column: string, reason: string): Rule<unknown> => rule(shared.and(shared.present(column), shared.absent("date_fin")), "date_fin", reason),
  /** Closing fields an ended record (date_fin given) must carry. */
  dueOnceEnded: (column: string, reason: string): Rule<unknown> => rule(shared.and(shared.present("date_fin"), shared.absent(column)), column, reason),
  endNotBeforeStart: (): Rule<{ date_debut: string; date_fin: string | null }> =>
    rule(shared.before("date_fin", "date_debut"), "date_fin", (r) => `date de fin (${r.date_fin}) antérieure à la date de début (${r.date_debut})`),
};
