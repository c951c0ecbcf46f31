// What the thematic sheets (one per fiche, observatory/fiches/[fiche].md.ts) read: the fiche's reference row,
// its catalogue entries and its published figures. Generic: a fiche whose models land later fills in at the next
// build, with no page to write. Only aggregates and reference labels: nothing here can carry a person's identifier.
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Catalogue, Ligne } from "../../observatory/components/donnees.ts";
import { estConvention } from "../../observatory/components/periodes.ts";
import { chiffresClesFiche } from "../contracts/catalogue.ts";
import { query } from "../db/duckdb.ts";
import { readCsv } from "../reference/csv.ts";
import { cumulsMemesMois, sommesDesMois, type Cumul } from "./cumuls.ts";
import { FICHES_LDA, modalitesDe, VENTILATIONS } from "./libelles.ts";
import { profilSite } from "./profil.ts";

export const FICHES_CSV = resolve("sources/reference/fiches.csv");

export interface FicheReference {
  fiche: string;
  numero: string;
  titre: string;
  /** 2-3 sentences drawn from the fiche (seed 000, spec): what the scheme is. */
  resume: string;
  /** Indicators its sheet opens on, in rank order: column chiffre_cle of the indicator catalogue. */
  chiffresCles: string[];
}

/** The 13 fiches of Axe 2, in their order (sources/reference/fiches.csv). */
export function fichesReference(path = FICHES_CSV): FicheReference[] {
  return readCsv(path).map((r) => ({
    fiche: r.fiche!,
    numero: r.numero!,
    titre: r.titre!,
    resume: r.resume ?? "",
    chiffresCles: chiffresClesFiche(r.fiche!),
  }));
}

/** What the pages read of the catalogue (components/donnees.ts, Catalogue). */
export const COLONNES_CATALOGUE = "fiche, indicateur, libelle, libelle_court, definition, unite";

/** The page of a fiche, relative to the site root. */
export const cheminFiche = (fiche: string) => `/fiches/${fiche}`;

async function tableExiste(connection: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const rows = await query(connection, "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", [schema, table]);
  return rows.length > 0;
}

/**
 * The table the site publishes: mart_indicateurs under statistical secret (mart_indicateurs_publics, with a
 * `secret` column and a NULL value for a masked cell, no operator-level row: pipelines/publish/secret.ts). The
 * public profile reads nothing else: a database without it is refused rather than published unmasked.
 */
export async function tablePubliee(connection: DuckDBConnection): Promise<{ table: string; secret: string }> {
  // The internal edition (npm run site -- --profile interne, for the Département's staff) shows unmasked figures.
  if (profilSite() === "interne") return { table: "mart_indicateurs", secret: "false" };
  if (await tableExiste(connection, "main", "mart_indicateurs_publics")) return { table: "mart_indicateurs_publics", secret: "coalesce(secret, false)" };
  throw new Error(
    "mart_indicateurs_publics absente de la base : le site public ne publie que les chiffres sous secret statistique " +
      "(relancez le pipeline, npm run build, ou construisez l'édition interne : --profile interne)",
  );
}

export interface TerritoireLibelle {
  niveau: string;
  code: string;
  libelle: string;
}

/** Names of every territory code the marts may use: département, AMI, LDA and MDS territories, EPCI, communes. */
export async function libellesTerritoires(connection: DuckDBConnection): Promise<TerritoireLibelle[]> {
  // Figures a model cannot place in a territory (a departmental meeting) are published under « non_attribue »: a level
  // of its own, so no map or territory list of a real level takes it in; the sheets find its name by its code.
  const parts = [`SELECT 'departement' AS niveau, '62' AS code, 'Pas-de-Calais' AS libelle`, `SELECT 'sans_territoire', 'non_attribue', 'Non attribué à un territoire'`,
    // Lots are numbered per fiche (2.11 has two, 2.12 three, not the same territories): named by their number.
    `SELECT 'lot', 'lot' || n, 'Lot ' || n FROM range(1, 10) AS t(n)`,
  ];
  const sources: [string, string, string][] = [
    ["amis", "ami", "SELECT 'ami', code, libelle FROM ref.amis"],
    ["territoires_lda", "territoire_lda", "SELECT 'territoire_lda', code, libelle FROM ref.territoires_lda"],
    ["territoires_mds", "territoire_mds", "SELECT 'territoire_mds', code, libelle FROM ref.territoires_mds"],
    ["epci", "epci", "SELECT 'epci', code_epci, nom_epci FROM ref.epci"],
    ["communes", "commune", "SELECT 'commune', code_commune, nom_commune FROM ref.communes"],
  ];
  for (const [table, , sql] of sources) if (await tableExiste(connection, "ref", table)) parts.push(sql);
  return query<TerritoireLibelle>(connection, `${parts.join(" UNION ALL ")} ORDER BY 1, 3`);
}

export interface DonneesFiche {
  fiche: FicheReference;
  /** ISO date or month the data are cut at (main.execution), to flag the current year as incomplete. */
  dateArrete: string | null;
  annees: string[];
  /** Convention periods (« 2025-11/2026-10 », sql/int_periodes_conventions.sql), whose rows `annuel` holds too. */
  conventions: string[];
  catalogue: Catalogue[];
  territoires: TerritoireLibelle[];
  ventilations: Record<string, string>;
  modalites: Record<string, Record<string, string>>;
  /** Yearly and convention-period rows: every breakdown at département level, totals (ventilation « ensemble ») at every other level. */
  annuel: Record<string, unknown[]>;
  /** Monthly rows, département level, totals only. */
  mensuel: Record<string, unknown[]>;
  /** Cumuls January…cut-off month of each year, département totals, when the cut-off year is incomplete (cumuls.ts). */
  cumuls: Cumul[];
  /** Indicators whose year is the sum of its months (catalogue somme_mois): the only ones compared with the same months (cumuls.ts). */
  sommesDesMois: string[];
}

/** ISO date the data are cut at (main.execution), to flag the current year as incomplete; null before any run. */
export async function dateArreteDonnees(connection: DuckDBConnection): Promise<string | null> {
  if (!(await tableExiste(connection, "main", "execution"))) return null;
  const [execution] = await query<{ date_arrete: string | null }>(connection, "SELECT CAST(date_arrete AS VARCHAR) AS date_arrete FROM main.execution LIMIT 1");
  return execution?.date_arrete ?? null;
}

/** Column-wise, so the repeated keys of thousands of rows are not shipped to the browser. */
export function enColonnes<T extends object>(rows: T[]): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0] ?? {})) columns[key] = rows.map((r) => r[key as keyof T]);
  return columns;
}

export async function donneesFiche(connection: DuckDBConnection, code: string): Promise<DonneesFiche> {
  const fiche = fichesReference().find((f) => f.fiche === code);
  if (!fiche) throw new Error(`Fiche inconnue : ${code} (absente de sources/reference/fiches.csv)`);
  const { table, secret } = await tablePubliee(connection);
  const colonnes = `fiche, indicateur, periode, territoire, niveau_territoire AS niveau, ventilation, modalite, valeur, ${secret} AS secret`;
  const annuel = await query<Ligne>(
    connection,
    `SELECT ${colonnes} FROM ${table}
     WHERE fiche = ? AND type_periode IN ('annee', 'convention') AND (niveau_territoire = 'departement' OR ventilation = 'ensemble')
     ORDER BY indicateur, periode, niveau_territoire, territoire, ventilation, modalite`,
    [code],
  );
  const mensuel = await query<Ligne>(
    connection,
    `SELECT ${colonnes} FROM ${table}
     WHERE fiche = ? AND type_periode = 'mois' AND niveau_territoire = 'departement' AND ventilation = 'ensemble'
     ORDER BY indicateur, periode`,
    [code],
  );
  const catalogue = (await tableExiste(connection, "ref", "indicateurs"))
    ? await query<Catalogue>(connection, `SELECT ${COLONNES_CATALOGUE} FROM ref.indicateurs WHERE fiche = ? ORDER BY indicateur`, [code])
    : [];
  const communes = new Set(annuel.filter((l) => l.niveau === "commune").map((l) => l.territoire));
  // Booleans travel as 0/1 columns: the secret flag of thousands of cells.
  const compact = (lignes: Ligne[]) => enColonnes(lignes.map((l) => ({ ...l, secret: l.secret ? 1 : 0 })));
  const dateArrete = await dateArreteDonnees(connection);
  return {
    fiche,
    dateArrete,
    annees: [...new Set(annuel.filter((l) => !estConvention(l.periode)).map((l) => l.periode))].sort(),
    conventions: [...new Set(annuel.filter((l) => estConvention(l.periode)).map((l) => l.periode))].sort(),
    catalogue,
    // Communes only where the fiche publishes them: 887 names would weigh on every sheet.
    territoires: (await libellesTerritoires(connection)).filter((t) => t.niveau !== "commune" || communes.has(t.code)),
    ventilations: VENTILATIONS,
    modalites: await modalitesDe(connection, [...annuel, ...mensuel]),
    annuel: compact(annuel),
    mensuel: compact(mensuel),
    cumuls: await cumulsMemesMois(connection, code, dateArrete),
    sommesDesMois: await sommesDesMois(connection, code),
  };
}

/** The four Logement d'abord fiches also have their combined sheet (observatory/logement-d-abord.md). */
export const FICHES_LOGEMENT_D_ABORD: readonly string[] = FICHES_LDA.map((f) => f.code);
