// What the Logement d'abord pages read from the marts. Only aggregates of mart_indicateurs and reference labels:
// nothing here can carry a person's identifier.
import type { DuckDBConnection } from "@duckdb/node-api";
// The page and the loaders share one definition of the rows they exchange.
import { TOUTES, type Catalogue, type Ligne } from "../../observatory/components/donnees.ts";
import { chiffresClesFiche, indicatorCatalogue } from "../contracts/catalogue.ts";
import { query } from "../db/duckdb.ts";
import { moisCumules } from "../../observatory/components/format.ts";
import { moisArrete } from "../../observatory/components/annees.ts";
import { COLONNES_CATALOGUE, tablePubliee } from "./fiches.ts";
import { FICHES_LDA } from "./libelles.ts";

export const CODES_FICHES_LDA = FICHES_LDA.map((f) => f.code);

/**
 * Key figures of the combined sheet and of the home page: those the four fiches' catalogue entries share, in the
 * order of 2.4 (the reference fiche the others point to), so a sum over the four fiches means the same thing in each.
 */
export function chiffresClesLda(): string[] {
  const [reference, ...autres] = CODES_FICHES_LDA.map((f) => chiffresClesFiche(f));
  return reference!.filter((id) => autres.every((a) => a.includes(id)));
}
const FICHES_SQL = CODES_FICHES_LDA.map((f) => `'${f}'`).join(", ");
export type { Catalogue, Ligne };

/**
 * The rows of the four fiches and of their sum (fiche TOUTES: mart_lda_ensemble, masked wherever a fiche's cell is),
 * as the edition publishes them.
 */
async function lignesLda(connection: DuckDBConnection): Promise<string> {
  const { table, secret } = await tablePubliee(connection);
  return `
    SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire AS niveau, ventilation, modalite, valeur,
           ${secret} AS secret
    FROM ${table} WHERE fiche IN (${FICHES_SQL})
    UNION ALL
    SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, secret
    FROM ensemble_lda_publie(mart_lda_ensemble, ${table})`;
}

/**
 * Yearly figures: every breakdown at département level, totals only per Logement d'abord territory (for the map).
 * Mois-mesures (x01) are published by month; when no yearly row exists, the year is the sum of its months,
 * which is exact for a count of months.
 */
export async function lignesAnnuelles(connection: DuckDBConnection): Promise<Ligne[]> {
  return query<Ligne>(
    connection,
    `WITH lda AS (${await lignesLda(connection)}
     ), annuel AS (
       SELECT * EXCLUDE (type_periode) FROM lda
       WHERE type_periode = 'annee' AND (niveau = 'departement' OR (niveau = 'territoire_lda' AND ventilation = 'ensemble'))
     ), mois_cumules AS (
       -- A masked month masks the year: the sum of the others would understate it.
       SELECT fiche, indicateur, left(periode, 4) AS periode, territoire, niveau, ventilation, modalite,
              CASE WHEN bool_or(secret) THEN NULL ELSE sum(valeur) END AS valeur, bool_or(secret) AS secret
       FROM lda
       WHERE type_periode = 'mois' AND indicateur = 'x01' AND ventilation = 'ensemble' AND niveau IN ('departement', 'territoire_lda')
       GROUP BY ALL
     )
     SELECT * FROM annuel
     UNION ALL
     SELECT m.* FROM mois_cumules m
     WHERE NOT EXISTS (SELECT 1 FROM annuel a WHERE a.fiche = m.fiche AND a.indicateur = m.indicateur AND a.periode = m.periode)
     ORDER BY fiche, indicateur, periode, niveau, territoire, ventilation, modalite`,
  );
}

/** Monthly totals at département level (mois-mesures by month, and any other monthly figure). */
export async function lignesMensuelles(connection: DuckDBConnection): Promise<Ligne[]> {
  return query<Ligne>(
    connection,
    `SELECT fiche, indicateur, periode, territoire, niveau, ventilation, modalite, valeur, secret
     FROM (${await lignesLda(connection)})
     WHERE type_periode = 'mois' AND niveau = 'departement' AND ventilation = 'ensemble'
     ORDER BY fiche, indicateur, periode`,
  );
}

export async function catalogue(connection: DuckDBConnection): Promise<Catalogue[]> {
  return query<Catalogue>(
    connection,
    `SELECT ${COLONNES_CATALOGUE.split(", ").map((c) => `i.${c}`).join(", ")}, a.additif
     FROM ref.indicateurs AS i JOIN int_indicateurs_additifs AS a USING (fiche, indicateur)
     WHERE fiche IN (${FICHES_SQL}) ORDER BY fiche, indicateur`,
  );
}

export interface Territoire {
  code: string;
  libelle: string;
  ami: string;
  libelle_ami: string;
}

export async function territoires(connection: DuckDBConnection): Promise<Territoire[]> {
  return query<Territoire>(connection, "SELECT code, libelle, ami, libelle_ami FROM ref.territoires_lda ORDER BY ami, code");
}

export interface ChiffreCle {
  indicateur: string;
  libelle: string;
  valeur: number | null;
  secret: boolean;
  unite: string;
}

/**
 * The home page's key figures: the last year of the four Logement d'abord fiches together, département level, and
 * the months that year covers (« cumul janvier–octobre 2026 » while it is under way, « en 2025 » once complete).
 */
export async function chiffresCles(connection: DuckDBConnection): Promise<{ annee: string | null; periode: string | null; chiffres: ChiffreCle[] }> {
  const lignes = (await lignesAnnuelles(connection)).filter((l) => l.fiche === TOUTES && l.niveau === "departement" && l.ventilation === "ensemble");
  const annee = lignes.filter((l) => l.indicateur === "i01").reduce<string | null>((max, l) => (max === null || l.periode > max ? l.periode : max), null);
  const ligne = (indicateur: string) => lignes.find((l) => l.indicateur === indicateur && l.periode === annee);
  const [reference] = CODES_FICHES_LDA;
  const entrees = indicatorCatalogue().filter((e) => e.fiche === reference);
  const [execution] = await query<{ date_arrete: string | null }>(connection, "SELECT CAST(date_arrete AS VARCHAR) AS date_arrete FROM main.execution");
  const moisFin = annee === null ? null : moisArrete(execution?.date_arrete ?? null, annee);
  return {
    annee,
    periode: annee === null ? null : moisFin ? `cumul ${moisCumules(`${annee}-01..${annee}-${String(moisFin).padStart(2, "0")}`)}` : `en ${annee}`,
    chiffres: chiffresClesLda().map((id) => {
      const e = entrees.find((x) => x.indicateur === id)!;
      return { indicateur: id, libelle: e.libelle_court, valeur: ligne(id)?.valeur ?? null, secret: Boolean(ligne(id)?.secret), unite: e.unite };
    }),
  };
}
