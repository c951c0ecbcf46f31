// What the extracts hold, in one place: each data set (one table or query) with its partner-facing title and
// description, the formats it goes out in, and how the pipeline builds it. The downloads page lists exactly these
// (observatory/telechargements.md.ts reads the manifest writeExtracts leaves beside the files).
import type { DuckDBConnection } from "@duckdb/node-api";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "../../observatory/components/marques.ts";
import { attacherMemoire, query } from "../db/duckdb.ts";
import { fichesReference } from "../site/fiches.ts";
import { preparerLibelles, TABLE_LIBELLES } from "./libelles.ts";

export type ExtractFormat = "csv" | "excel" | "parquet";

export interface JeuExtrait {
  /** File name without extension: <nom>.csv, <nom>-excel.csv, <nom>.parquet, dictionnaire/<nom>.schema.json. */
  nom: string;
  titre: string;
  description: string;
  /** A table, or a query in parentheses. */
  source: string;
  formats: readonly ExtractFormat[];
  /** A Table Schema is published in dictionnaire/. */
  schema: boolean;
  /**
   * The rows of data set `jeu` whose first column (fiche) is `fiche`: its CSV files are cut from that data set's files,
   * written before it (pipelines/extraits/tranches.ts), rather than written again from `source`.
   */
  tranche?: { jeu: string; fiche: string };
  /** `source` is a table of PARTAGE created in ORDER BY ALL order, the files' order: written as it is, not sorted again. */
  trie?: true;
}

/** The file of one format of a data set. */
export function nomFichier(nom: string, format: ExtractFormat): string {
  return format === "excel" ? `${nom}-excel.csv` : `${nom}.${format}`;
}

// Published figures go out under statistical secret only (pipelines/publish/secret.ts): mart_indicateurs_publics.
const PUBLIES = "mart_indicateurs_publics";
/**
 * An in-memory database the extracts attach for the tables their files are written from: unlike TEMP tables, every
 * connection of the instance reads them, so two files can be written at once (pipelines/extracts.ts). Detached at
 * the end of the extracts.
 */
export const PARTAGE = "extraits_partages";
/** The labelled figures, every fiche. */
export const INDICATEURS_LIBELLES = `${PARTAGE}.indicateurs`;
const TERRITOIRES = "extrait_territoires";

/** The level libellesTerritoires gives the figures no model can place in a territory. */
export const SANS_TERRITOIRE = "sans_territoire";

/**
 * Parent levels of the territory reference, from the smallest (int_territoires_appartenances). Lots are left out:
 * they are numbered per fiche (lot2 of 2.11 is not lot2 of 2.12), so an MDS territory has one lot per fiche.
 */
export const NIVEAUX_PARENTS = ["epci", "territoire_mds", "territoire_lda", "ami", "departement"] as const;

/** The indicator catalogue (labels, definitions, units of every published indicator) goes out with the figures. */
export const CATALOGUE = { source: "ref.indicateurs", name: "catalogue-indicateurs" } as const;

async function aucunVide(connection: DuckDBConnection, table: string, colonnes: string[], quoi: string, correction: string): Promise<void> {
  for (const colonne of colonnes) {
    const manquants = await query<{ exemple: string; n: number }>(
      connection,
      `SELECT any_value(fiche || ' / ' || indicateur || ' / ' || niveau_territoire || ' ' || territoire || ' / ' || ventilation || ' = ' || modalite) AS exemple, count(*)::INTEGER AS n
       FROM ${table} WHERE ${colonne} IS NULL HAVING count(*) > 0`,
    );
    if (manquants.length) throw new Error(`Extraits : ${manquants[0]!.n} ligne(s) de ${quoi} sans ${colonne}, par exemple ${manquants[0]!.exemple}. ${correction}`);
  }
}

/** Builds the temporary tables the data sets read and returns the list of data sets. */
export async function preparerJeux(connection: DuckDBConnection): Promise<JeuExtrait[]> {
  await preparerLibelles(connection, PUBLIES);
  await attacherMemoire(connection, PARTAGE);
  // A masked value is empty whatever the table holds, and its mark says why: one convention for every file.
  await connection.run(`
    CREATE OR REPLACE TABLE ${INDICATEURS_LIBELLES} AS
    SELECT i.fiche, i.indicateur, c.libelle_court AS libelle_indicateur, i.periode, i.type_periode, p.libelle AS libelle_periode,
           i.niveau_territoire, i.territoire, coalesce(t.libelle, t_sans.libelle) AS libelle_territoire,
           i.ventilation, v.libelle AS libelle_ventilation, i.modalite, m.libelle AS libelle_modalite,
           CASE WHEN coalesce(i.secret, false) THEN NULL ELSE i.valeur END AS valeur,
           CASE WHEN coalesce(i.secret, false) THEN '${MARQUE_SECRET}' WHEN i.valeur IS NULL THEN '${MARQUE_NON_DISPONIBLE}' END AS marque,
           i.unite, i.origine
    FROM ${PUBLIES} AS i
    LEFT JOIN ref.indicateurs AS c ON c.fiche = i.fiche AND c.indicateur = i.indicateur
    LEFT JOIN ${TABLE_LIBELLES.periodes} AS p ON p.periode = i.periode
    -- Figures no model can place (« non_attribue ») are published at a real level but named by their own level. Two
    -- equality joins, not one with an OR: DuckDB plans the OR as a nested loop (0,7 s of the extracts at 1×).
    LEFT JOIN ${TABLE_LIBELLES.territoires} AS t ON t.code = i.territoire AND t.niveau = i.niveau_territoire
    LEFT JOIN ${TABLE_LIBELLES.territoires} AS t_sans ON t_sans.code = i.territoire AND t_sans.niveau = '${SANS_TERRITOIRE}'
    LEFT JOIN ${TABLE_LIBELLES.ventilations} AS v ON v.ventilation = i.ventilation
    LEFT JOIN ${TABLE_LIBELLES.modalites} AS m ON m.ventilation = i.ventilation AND m.modalite = i.modalite
    ORDER BY ALL`);
  await aucunVide(connection, INDICATEURS_LIBELLES, ["libelle_indicateur"], PUBLIES, "Ajoutez l'indicateur au catalogue (sources/reference/indicateurs.csv, colonne libelle_court).");
  await aucunVide(connection, INDICATEURS_LIBELLES, ["libelle_periode"], PUBLIES, "Donnez un libellé à la période (observatory/components/periodes.ts).");
  await aucunVide(connection, INDICATEURS_LIBELLES, ["libelle_territoire"], PUBLIES, "Ajoutez le territoire aux tables de référence (sources/reference/).");
  await aucunVide(connection, INDICATEURS_LIBELLES, ["libelle_ventilation"], PUBLIES, "Ajoutez la ventilation à VENTILATIONS (pipelines/site/libelles.ts).");

  // One row per territorial unit, its name and the code and name of each unit of a larger level that contains it.
  const doubles = await query<{ niveau: string; code: string; niveau_parent: string }>(
    connection,
    `SELECT niveau, code, niveau_parent FROM (SELECT DISTINCT niveau, code, niveau_parent, code_parent FROM int_territoires_appartenances
     WHERE niveau_parent IN (${NIVEAUX_PARENTS.map((n) => `'${n}'`).join(", ")})) GROUP BY ALL HAVING count(*) > 1 LIMIT 1`,
  );
  if (doubles.length) {
    const d = doubles[0]!;
    throw new Error(`Référentiel des territoires : ${d.niveau} ${d.code} a plusieurs ${d.niveau_parent} parents dans int_territoires_appartenances (sql/int_territoires_appartenances.sql).`);
  }
  const colonnes = NIVEAUX_PARENTS.map((n) => `p_${n}.code_parent AS code_${n}, l_${n}.libelle AS libelle_${n}`);
  const jointures = NIVEAUX_PARENTS.map(
    (n) => `LEFT JOIN (SELECT DISTINCT niveau, code, code_parent FROM int_territoires_appartenances WHERE niveau_parent = '${n}') AS p_${n}
              ON p_${n}.niveau = u.niveau AND p_${n}.code = u.code
            LEFT JOIN ${TABLE_LIBELLES.territoires} AS l_${n} ON l_${n}.niveau = '${n}' AND l_${n}.code = p_${n}.code_parent`,
  );
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE ${TERRITOIRES} AS
    SELECT u.niveau, u.code, u.libelle, ${colonnes.join(", ")}
    FROM ${TABLE_LIBELLES.territoires} AS u
    ${jointures.join("\n")}`);

  const fiches = fichesReference();
  const presentes = new Set((await query<{ fiche: string }>(connection, `SELECT DISTINCT fiche FROM ${INDICATEURS_LIBELLES}`)).map((r) => r.fiche));
  return [
    {
      nom: "indicateurs",
      titre: "Tous les indicateurs publiés",
      description:
        "Toutes les fiches en un fichier : une ligne par chiffre (fiche, indicateur, période, territoire, ventilation, modalité), " +
        "avec les codes et leurs libellés, la valeur, sa marque et son unité.",
      source: INDICATEURS_LIBELLES,
      formats: ["csv", "excel", "parquet"],
      schema: true,
      trie: true,
    },
    ...fiches
      .filter((f) => presentes.has(f.fiche))
      .map((f): JeuExtrait => ({
        nom: `indicateurs-${f.fiche}`,
        titre: `Fiche ${f.numero} — ${f.titre}`,
        description: `Les chiffres de la fiche ${f.numero} seule, mêmes colonnes que le fichier de tous les indicateurs.`,
        source: `(SELECT * FROM ${INDICATEURS_LIBELLES} WHERE fiche = '${f.fiche.replace(/'/g, "''")}')`,
        formats: ["csv", "excel"],
        schema: false,
        tranche: { jeu: "indicateurs", fiche: f.fiche },
      })),
    {
      nom: "territoires",
      titre: "Référentiel des territoires",
      description:
        "Chaque territoire cité dans les fichiers (commune, EPCI, territoire MDS, territoire Logement d'abord, AMI, lot, département) : " +
        "son code, son niveau, son nom, et les territoires plus grands qui le contiennent.",
      source: TERRITOIRES,
      formats: ["csv", "excel"],
      schema: true,
    },
    {
      nom: CATALOGUE.name,
      titre: "Catalogue des indicateurs",
      description: "Libellé, définition, unité et ventilations de chaque indicateur de chaque fiche : le dictionnaire des chiffres publiés.",
      source: CATALOGUE.source,
      formats: ["csv", "excel", "parquet"],
      schema: true,
    },
  ];
}
