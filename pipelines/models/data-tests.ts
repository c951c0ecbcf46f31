// Data tests declared in a model's header comments, dbt-style:
//   -- test: unique(col_a, col_b)
//   -- test: not_null(col_a, col_b)
//   -- test: accepted_values(col: a, b, c)
//   -- test: expression(valeur >= 0)
// Each becomes a query that returns the failing rows. A `-- test:` line that cannot be read is an error, never
// skipped: a test silently ignored would look like a test that passes.
// Some tests are derived, not declared, so that no model can forget them: agregationCatalogueTest below.
import { FICHES } from "../contracts/dimensions.ts";

export interface DataTest {
  label: string;
  sql: string;
}

const KINDS = ["unique", "not_null", "accepted_values", "expression"] as const;

/** The argument list of `kind(...)`, up to its matching parenthesis; what follows may only be a `--` comment. */
function parseCall(text: string): { kind: string; args: string } | null {
  const head = /^(\w+)\s*\(/.exec(text);
  if (!head) return null;
  let depth = 0;
  let quoted = false;
  for (let i = head[0].length - 1; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === "(") depth++;
    if (c === ")" && --depth === 0) {
      const rest = text.slice(i + 1).trim();
      if (rest !== "" && !rest.startsWith("--")) return null;
      return { kind: head[1]!, args: text.slice(head[0].length, i).trim() };
    }
  }
  return null;
}

const columnsOf = (args: string) => args.split(",").map((c) => c.trim()).filter(Boolean);
const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function dataTestsOf(model: string, sql: string): DataTest[] {
  const tests: DataTest[] = [];
  for (const match of sql.matchAll(/^\s*--\s*test\s*:(.*)$/gm)) {
    const declared = match[1]!.trim();
    const call = parseCall(declared);
    const fail = (why: string) => new Error(`Modèle ${model} : test de données illisible « ${declared} » (${why})`);
    if (!call) throw fail(`attendu : ${KINDS.map((k) => `${k}(…)`).join(", ")}`);
    const { kind, args } = call;
    if (!args) throw fail("arguments manquants");
    const label = `${kind}(${args})`;
    if (kind === "unique") {
      const columns = columnsOf(args).join(", ");
      tests.push({ label, sql: `SELECT ${columns}, count(*) AS occurrences FROM ${model} GROUP BY ${columns} HAVING count(*) > 1` });
    } else if (kind === "not_null") {
      const columns = columnsOf(args);
      tests.push({ label, sql: `SELECT * FROM ${model} WHERE ${columns.map((c) => `${c} IS NULL`).join(" OR ")}` });
    } else if (kind === "accepted_values") {
      const colon = args.indexOf(":");
      if (colon < 0) throw fail("forme attendue : accepted_values(colonne: a, b, c)");
      const column = args.slice(0, colon).trim();
      const values = columnsOf(args.slice(colon + 1)).map(literal).join(", ");
      tests.push({ label, sql: `SELECT ${column}, count(*) AS n FROM ${model} WHERE ${column} NOT IN (${values}) GROUP BY ${column}` });
    } else if (kind === "expression") {
      // A NULL result fails too: a check that cannot be evaluated has not passed.
      tests.push({ label, sql: `SELECT * FROM ${model} WHERE (${args}) IS NOT TRUE` });
    } else {
      throw fail(`type de test inconnu « ${kind} »`);
    }
  }
  return tests;
}

/**
 * Every facts model (sql/int_<fiche>_faits.sql) aggregates each indicator as the catalogue says
 * (sources/reference/indicateurs.csv `agregation`, which the secret and the « Ensemble » sums read): a failing row
 * names the fiche, the indicator and both values. The fiche is the model's (int_f2_1_faits → f2_1_information), or its
 * `fiche` column when the model holds several (int_lda_faits). Facts of an uncatalogued helper (x00, a ratio's term
 * the mart divides) are not published as such: the catalogue reconciliation covers what is.
 */
export function agregationCatalogueTest(model: string): DataTest | null {
  const m = /^int_(.+)_faits$/.exec(model);
  if (!m) return null;
  const fiches = FICHES.filter((f) => f.startsWith(`${m[1]}_`));
  const fiche = fiches.length === 1 ? literal(fiches[0]!) : "fiche";
  return {
    label: "agregation du catalogue (sources/reference/indicateurs.csv)",
    sql: `SELECT f.fiche, f.indicateur, f.agregation AS agregation_faits, c.agregation AS agregation_catalogue,
                 'corriger la colonne agregation de sources/reference/indicateurs.csv ou le modèle sql/${model}.sql' AS correction
          FROM (SELECT DISTINCT ${fiche} AS fiche, indicateur, agregation FROM ${model}) AS f
          JOIN ref.indicateurs AS c USING (fiche, indicateur)
          WHERE c.agregation IS DISTINCT FROM f.agregation`,
  };
}
