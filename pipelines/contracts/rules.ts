// Row rules of a contract (conditional requirements, cross-column consistency), written once as data so that
// both ingest paths evaluate them: JavaScript on rows zod parsed, SQL on rows DuckDB normalised (pipelines/ingest/sql/).
// Every predicate is total — a missing value makes it false, never unknown — so `not`, `and` and `or` mean the same
// thing in both languages.

type Scalar = string | number | boolean;
type Row = Record<string, unknown>;

export interface Predicate {
  js: (row: Row) => boolean;
  sql: string;
}

// Method syntax makes the row parameter bivariant, so a rule written for a few columns fits any contract that has them.
type Reason<R> = string | { bivariant(row: R): string }["bivariant"];

export interface Rule<R = Row> {
  when: Predicate;
  /** The column the quarantine points to. */
  column: string;
  reason: Reason<R>;
}

const ident = (column: string) => `"${column}"`;
const literal = (v: Scalar) => (typeof v === "string" ? `'${v.replaceAll("'", "''")}'` : String(v));
const list = (values: readonly Scalar[]) => values.map(literal).join(", ");
const items = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);

/**
 * SQL membership in a fixed list, false for NULL: texts as a cast to an ENUM of the list (one hash lookup), other
 * values with list_contains. Never an IN list: DuckDB plans a long one as a join, and a join lets rows reach the
 * loaded table out of the file's order, by which the SQL load numbers lines (pipelines/ingest/sql-load.ts).
 */
export function memberOf(expression: string, values: readonly Scalar[]): string {
  const distinct = [...new Set(values)];
  if (!distinct.length) return "false";
  if (distinct.every((v) => typeof v === "string")) return `(TRY_CAST(${expression} AS ENUM(${list(distinct)})) IS NOT NULL)`;
  return `coalesce(list_contains([${list(distinct)}], ${expression}), false)`;
}

/** The predicate builders, typed on the contract's column names so a misspelt column does not compile. */
export function predicates<C extends string>() {
  return {
    absent: (c: C): Predicate => ({ js: (r) => r[c] === null || r[c] === undefined, sql: `${ident(c)} IS NULL` }),
    present: (c: C): Predicate => ({ js: (r) => r[c] !== null && r[c] !== undefined, sql: `${ident(c)} IS NOT NULL` }),
    is: (c: C, v: Scalar): Predicate => ({ js: (r) => r[c] === v, sql: `coalesce(${ident(c)} = ${literal(v)}, false)` }),
    oneOf: (c: C, vs: readonly Scalar[]): Predicate => ({ js: (r) => vs.includes(r[c] as Scalar), sql: memberOf(ident(c), vs) }),
    /** Given, and other than v. */
    other: (c: C, v: Scalar): Predicate => ({ js: (r) => r[c] !== null && r[c] !== undefined && r[c] !== v, sql: `coalesce(${ident(c)} <> ${literal(v)}, false)` }),
    /** Both given and a < b (ISO dates compare as text in JavaScript, as dates in SQL). */
    before: (a: C, b: C): Predicate => ({
      js: (r) => r[a] !== null && r[a] !== undefined && r[b] !== null && r[b] !== undefined && (r[a] as string | number) < (r[b] as string | number),
      sql: `coalesce(${ident(a)} < ${ident(b)}, false)`,
    }),
    /** Both given and a > b. */
    exceeds: (a: C, b: C): Predicate => ({
      js: (r) => r[a] !== null && r[a] !== undefined && r[b] !== null && r[b] !== undefined && (r[a] as number) > (r[b] as number),
      sql: `coalesce(${ident(a)} > ${ident(b)}, false)`,
    }),
    /** A list column that is missing or has no item. */
    noItem: (c: C): Predicate => ({ js: (r) => items(r[c]).length === 0, sql: `coalesce(len(${ident(c)}) = 0, true)` }),
    hasItem: (c: C, v: string): Predicate => ({ js: (r) => items(r[c]).includes(v), sql: `coalesce(list_contains(${ident(c)}, ${literal(v)}), false)` }),
    moreItemsThan: (c: C, n: number): Predicate => ({ js: (r) => items(r[c]).length > n, sql: `coalesce(len(${ident(c)}) > ${n}, false)` }),
    and: (...ps: Predicate[]): Predicate => ({ js: (r) => ps.every((p) => p.js(r)), sql: `(${ps.map((p) => p.sql).join(" AND ")})` }),
    or: (...ps: Predicate[]): Predicate => ({ js: (r) => ps.some((p) => p.js(r)), sql: `(${ps.map((p) => p.sql).join(" OR ")})` }),
    not: (p: Predicate): Predicate => ({ js: (r) => !p.js(r), sql: `(NOT ${p.sql})` }),
  };
}

export type Predicates<C extends string> = ReturnType<typeof predicates<C>>;

/** « when `when` holds, the row is wrong: quarantine it at `column` with `reason` ». */
export function rule<R = Row>(when: Predicate, column: string, reason: Reason<R>): Rule<R> {
  return { when, column, reason };
}
