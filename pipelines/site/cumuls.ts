// The same-months comparison of the key-figure cards (issue 15, point 3): the cumuls January…M of the cut-off month M
// (mart_indicateurs_cumuls), département level, as the edition publishes them. A cumul is the sum of published
// months: the public edition shows it only when every one of its months is published unmasked (a reader could add
// them up; it reveals nothing more), marks it « s » when one of them is masked, and leaves it out otherwise.
import type { DuckDBConnection } from "@duckdb/node-api";
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

/** The cut-off month of an incomplete year (1–11), or null when the cut-off is a December or unknown. */
export function moisArreteIncomplet(dateArrete: string | null): number | null {
  const m = /^\d{4}-(\d{2})/.exec(dateArrete ?? "");
  const mois = m ? Number(m[1]) : 12;
  return mois < 12 ? mois : null;
}

export async function cumulsMemesMois(connection: DuckDBConnection, fiche: string, moisFin: number | null): Promise<Cumul[]> {
  if (moisFin === null) return [];
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
 * Indicators whose cumul is the year's own figure: the département's yearly row of the cut-off year equals the sum of
 * its months (both unmasked, compared here, not on the page). Some counts the catalogue marks additive over months are
 * distinct households over the year: their year is not the sum of their months, and no same-months comparison holds.
 */
export async function sommesDesMois(connection: DuckDBConnection, fiche: string, dateArrete: string | null): Promise<string[]> {
  const moisFin = moisArreteIncomplet(dateArrete);
  if (moisFin === null) return [];
  const lignes = await query<{ indicateur: string }>(
    connection,
    `SELECT c.indicateur FROM mart_indicateurs_cumuls AS c
     JOIN mart_indicateurs AS a ON a.fiche = c.fiche AND a.indicateur = c.indicateur AND a.type_periode = 'annee' AND a.periode = c.annee
      AND a.territoire = c.territoire AND a.ventilation = c.ventilation AND a.modalite = c.modalite
     WHERE c.fiche = ? AND c.annee = ? AND c.mois_fin = ? AND c.niveau_territoire = 'departement' AND c.ventilation = 'ensemble'
       AND a.valeur = c.valeur
     ORDER BY 1`,
    [fiche, dateArrete!.slice(0, 4), moisFin],
  );
  return lignes.map((l) => l.indicateur);
}
