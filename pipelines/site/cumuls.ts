// The same-months comparison of the key-figure cards (issue 15, point 3): the cumuls January…M of the cut-off month M
// (mart_indicateurs_cumuls), département level, as the edition publishes them. A cumul is the sum of published
// months: the public edition shows it only when every one of its months is published unmasked (a reader could add
// them up; it reveals nothing more), marks it « s » when one of them is masked, and leaves it out otherwise.
import type { DuckDBConnection } from "@duckdb/node-api";
import { moisArrete } from "../../observatory/components/annees.ts";
import { query } from "../db/duckdb.ts";
import { tablePubliee } from "./fiches.ts";

export interface Cumul {
  /** Fiche and unit travel with each row: the public-output scanner reads a row's unit to know its secret rule. */
  fiche: string;
  indicateur: string;
  /** « 2025-01..2025-10 ». */
  periode: string;
  annee: string;
  valeur: number | null;
  unite: string;
  secret: boolean;
}

/** The cumuls to the cut-off month of an incomplete year (annees.ts moisArrete), none when the cut-off is a December. */
export async function cumulsMemesMois(connection: DuckDBConnection, fiche: string, dateArrete: string | null): Promise<Cumul[]> {
  const fin = moisArrete(dateArrete, dateArrete?.slice(0, 4) ?? "");
  if (fin === null) return [];
  const moisFin = Number(fin);
  const { table, secret } = await tablePubliee(connection);
  return query<Cumul>(
    connection,
    `WITH cumuls AS (
       SELECT * FROM mart_indicateurs_cumuls
       WHERE fiche = ? AND mois_fin = ? AND niveau_territoire = 'departement' AND ventilation = 'ensemble'
     ), mois AS (
       SELECT c.fiche, c.indicateur, c.periode, c.annee, c.valeur, c.unite, count(p.periode) AS publies, coalesce(bool_or(p.secret), false) AS masque
       FROM cumuls AS c
       LEFT JOIN (SELECT *, ${secret} AS secret FROM ${table} WHERE type_periode = 'mois') AS p
         ON p.fiche = c.fiche AND p.indicateur = c.indicateur AND p.territoire = c.territoire AND p.ventilation = c.ventilation
        AND p.modalite = c.modalite AND left(p.periode, 4) = c.annee AND CAST(right(p.periode, 2) AS INTEGER) <= c.mois_fin
       GROUP BY ALL
     )
     SELECT fiche, indicateur, periode, annee, CASE WHEN masque THEN NULL ELSE valeur END AS valeur, unite, masque AS secret
     FROM mois
     WHERE masque OR publies = ?
     ORDER BY indicateur, periode`,
    [fiche, moisFin, moisFin],
  );
}

/**
 * Indicators whose cumul is the year's own figure: the catalogue says the year is the sum of its months (somme_mois,
 * int_indicateurs_additifs), which sql/tests/annees_sommes_des_mois.sql checks in every cell of every build. Distinct
 * households over the year are not: no same-months comparison holds for them.
 */
export async function sommesDesMois(connection: DuckDBConnection, fiche: string): Promise<string[]> {
  const lignes = await query<{ indicateur: string }>(connection, "SELECT indicateur FROM int_indicateurs_additifs WHERE fiche = ? AND somme_mois ORDER BY 1", [fiche]);
  return lignes.map((l) => l.indicateur);
}
