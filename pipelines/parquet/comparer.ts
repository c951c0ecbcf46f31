// Two runs of the models give the same marts when each mart holds the same rows, as many times, in both: EXCEPT ALL
// both ways returns nothing. Compared in one connection, the other run's database attached.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";
import { sqlTexte } from "./exporter.ts";

export interface EcartMart {
  mart: string;
  /** Rows of the mart in each run; null where the run has no such table. */
  lignes_gauche: number | null;
  lignes_droite: number | null;
  /** Rows (with their multiplicity) found in one run and not in the other. */
  seulement_gauche: number;
  seulement_droite: number;
}

const marts = async (connection: DuckDBConnection, base: string) =>
  (
    await query<{ t: string }>(
      connection,
      `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = ${sqlTexte(base)} AND schema_name = 'main' AND table_name LIKE 'mart\\_%' ESCAPE '\\'`,
    )
  ).map((r) => r.t);

const compter = async (connection: DuckDBConnection, sql: string) => ((await query<{ n: number }>(connection, `SELECT count(*) AS n FROM (${sql})`)) as [{ n: number }])[0].n;

/** Every mart_* of either database (`gauche`, `droite`: catalogue names in `connection`), in name order. */
export async function comparerMarts(connection: DuckDBConnection, gauche: string, droite: string): Promise<EcartMart[]> {
  const g = await marts(connection, gauche);
  const d = await marts(connection, droite);
  const ecarts: EcartMart[] = [];
  for (const mart of [...new Set([...g, ...d])].sort()) {
    const a = `"${gauche}".main.${mart}`;
    const b = `"${droite}".main.${mart}`;
    const lignes_gauche = g.includes(mart) ? await compter(connection, `SELECT * FROM ${a}`) : null;
    const lignes_droite = d.includes(mart) ? await compter(connection, `SELECT * FROM ${b}`) : null;
    if (lignes_gauche === null || lignes_droite === null) {
      ecarts.push({ mart, lignes_gauche, lignes_droite, seulement_gauche: lignes_gauche ?? 0, seulement_droite: lignes_droite ?? 0 });
      continue;
    }
    const seulement_gauche = await compter(connection, `SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}`);
    const seulement_droite = await compter(connection, `SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}`);
    ecarts.push({ mart, lignes_gauche, lignes_droite, seulement_gauche, seulement_droite });
  }
  return ecarts;
}

export const identiques = (ecarts: EcartMart[]) => ecarts.length > 0 && ecarts.every((e) => e.seulement_gauche === 0 && e.seulement_droite === 0);
