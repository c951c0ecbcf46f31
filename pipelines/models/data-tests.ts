// Data tests declared in a model's header comments, dbt-style:
//   -- test: unique(col_a, col_b)
//   -- test: not_null(col_a, col_b)
//   -- test: accepted_values(col: a, b, c)
//   -- test: expression(valeur >= 0)
// Each becomes a query that returns the failing rows.
export interface DataTest {
  label: string;
  sql: string;
}

export function dataTestsOf(model: string, sql: string): DataTest[] {
  const tests: DataTest[] = [];
  for (const match of sql.matchAll(/^--\s*test:\s*(\w+)\((.*)\)\s*$/gm)) {
    const [, kind, args] = match as unknown as [string, string, string];
    const label = `${kind}(${args})`;
    if (kind === "unique") {
      tests.push({ label, sql: `SELECT ${args}, count(*) AS occurrences FROM ${model} GROUP BY ALL HAVING count(*) > 1` });
    } else if (kind === "not_null") {
      const columns = args.split(",").map((c) => c.trim());
      tests.push({ label, sql: `SELECT * FROM ${model} WHERE ${columns.map((c) => `${c} IS NULL`).join(" OR ")}` });
    } else if (kind === "accepted_values") {
      const [column, values] = args.split(":") as [string, string];
      const list = values.split(",").map((v) => `'${v.trim()}'`).join(", ");
      tests.push({ label, sql: `SELECT ${column.trim()}, count(*) AS n FROM ${model} WHERE ${column.trim()} NOT IN (${list}) GROUP BY ALL` });
    } else if (kind === "expression") {
      tests.push({ label, sql: `SELECT * FROM ${model} WHERE NOT (${args})` });
    } else {
      throw new Error(`Modèle ${model} : test de données inconnu « ${kind} »`);
    }
  }
  return tests;
}
