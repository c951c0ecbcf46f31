// Downloadable extracts of the published tables and the data dictionary, all written by DuckDB or derived from the
// contracts. Every table goes out in three formats:
//   <nom>.csv        RFC 4180: UTF-8 without BOM, « , », « . » decimal, "-quoted fields, CRLF line ends;
//   <nom>-excel.csv  what French Excel opens directly: UTF-8 with BOM, « ; », decimal comma;
//   <nom>.parquet    DuckDB COPY … (FORMAT parquet), the column types kept.
// Beside them: the indicator catalogue (same three formats), a Table Schema of each published table and of each
// report table (dictionnaire/), and the licence. The site's downloads page serves the same files
// (observatory/data/telechargements/*.ts call the functions below on the database the site is built from).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { neutraliserSql } from "../observatory/components/cellule-csv.ts";
import { REPORTS } from "./contracts/index.ts";
import { tableSchema } from "./contracts/table-schema.ts";
import { query } from "./db/duckdb.ts";

// Published figures go out under statistical secret only (pipelines/publish/secret.ts).
const PUBLISHED = { mart_indicateurs_publics: "indicateurs" } as const;

/** The indicator catalogue (labels, definitions, units of every published indicator) goes out with the figures. */
export const CATALOGUE = { source: "ref.indicateurs", name: "catalogue-indicateurs" } as const;

export type ExtractFormat = "csv" | "excel" | "parquet";

export const LICENCE = {
  titre: "Licence Ouverte / Open Licence version 2.0",
  auteur: "Etalab (mission de la Direction interministérielle du numérique), avril 2017",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
};

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface Column {
  column_name: string;
  column_type: string;
}

/**
 * The SELECT a CSV file is written from: decimals as text with the chosen separator (whole numbers without « .0 »),
 * texts neutralised against spreadsheet formulas (the rule of observatory/components/cellule-csv.ts, as SQL: COPY
 * quotes but cannot neutralise), everything else as DuckDB writes it. Parquet keeps the table's own values and types.
 */
async function selectFor(connection: DuckDBConnection, source: string, decimal: "." | ","): Promise<string> {
  const columns = await query<Column>(connection, `DESCRIBE SELECT * FROM ${source}`);
  const list = columns.map(({ column_name: c, column_type: t }) => {
    const q = `"${c.replace(/"/g, '""')}"`;
    if (t === "VARCHAR") return `${neutraliserSql(q)} AS ${q}`;
    if (!/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return q;
    const text = `CASE WHEN ${q} = trunc(${q}) AND abs(${q}) < 1e15 THEN CAST(CAST(${q} AS BIGINT) AS VARCHAR) ELSE CAST(${q} AS VARCHAR) END`;
    return `${decimal === "," ? `replace(${text}, '.', ',')` : text} AS ${q}`;
  });
  return `SELECT ${list.join(", ")} FROM ${source} ORDER BY ALL`;
}

/** Writes one table (or query in parentheses) in one of the three formats. */
export async function writeExtract(connection: DuckDBConnection, source: string, path: string, format: ExtractFormat): Promise<void> {
  if (format === "parquet") {
    await connection.run(`COPY (SELECT * FROM ${source} ORDER BY ALL) TO ${sqlString(path)} (FORMAT parquet)`);
    return;
  }
  const excel = format === "excel";
  const select = await selectFor(connection, source, excel ? "," : ".");
  await connection.run(`COPY (${select}) TO ${sqlString(path)} (HEADER, DELIMITER '${excel ? ";" : ","}', QUOTE '"', NEW_LINE '\\r\\n')`);
  // DuckDB writes no byte-order mark: Excel needs one to read UTF-8.
  if (excel) writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(path)]));
}

/** Table Schema of a published table, from the database's own column types. */
export async function publishedSchema(connection: DuckDBConnection, source: string, name: string) {
  const columns = await query<Column>(connection, `DESCRIBE SELECT * FROM ${source}`);
  const TYPES: [RegExp, string][] = [
    [/^(DOUBLE|FLOAT|REAL|DECIMAL)/, "number"],
    [/INT/, "integer"],
    [/^BOOLEAN/, "boolean"],
    [/^DATE$/, "date"],
  ];
  const DESCRIPTIONS: Record<string, string> = {
    fiche: "Code de la fiche (sources/reference/fiches.csv), par exemple f2_4_adsl.",
    indicateur: "Code de l'indicateur dans la fiche ; libellé, définition et unité dans catalogue-indicateurs.csv.",
    periode: "Année (AAAA) ou mois (AAAA-MM).",
    type_periode: "annee ou mois.",
    territoire: "Code du territoire : 62 pour le département, sinon le code du niveau territorial.",
    niveau_territoire: "departement, ami, territoire_lda, territoire_mds, epci…",
    ventilation: "Ventilation (sexe, tranche_age…) ; ensemble pour le total.",
    modalite: "Modalité de la ventilation ; ensemble pour le total.",
    valeur: "Valeur de l'indicateur ; vide quand elle est couverte par le secret statistique.",
    unite: "Unité de la valeur.",
    secret: "true : valeur masquée par le secret statistique (effectif inférieur à 11, ou permettant de le retrouver).",
  };
  return {
    name,
    title: name === "indicateurs" ? "Indicateurs publiés de l'Axe 2" : name,
    // No URL here: the site refuses any address of another host in its files (pipelines/site/postbuild.ts).
    licenses: [{ name: "etalab-2.0", title: LICENCE.titre }],
    fields: columns.map((c) => ({
      name: c.column_name,
      type: TYPES.find(([re]) => re.test(c.column_type))?.[1] ?? "string",
      ...(DESCRIPTIONS[c.column_name] && name === "indicateurs" ? { description: DESCRIPTIONS[c.column_name] } : {}),
    })),
  };
}

/** The licence file shipped with every download (no network: the reference and where to read the text). */
export function licenceText(): string {
  return [
    "Données de l'Observatoire de l'Axe 2 « Parcours logement et accompagnement budgétaire »",
    "Département du Pas-de-Calais",
    "",
    `Licence : ${LICENCE.titre}`,
    `Auteur de la licence : ${LICENCE.auteur}.`,
    "Texte officiel : site etalab.gouv.fr, page « Licence Ouverte / Open Licence ».",
    "",
    "Vous êtes libre de réutiliser ces données, y compris à des fins commerciales : les reproduire, les copier,",
    "les adapter, les modifier, les extraire et les transformer, les communiquer, les diffuser, les redistribuer,",
    "les publier et les transmettre, les exploiter, sous réserve de mentionner leur paternité :",
    "« Département du Pas-de-Calais — Observatoire de l'Axe 2 » et la date de dernière mise à jour.",
    "",
    "Fonds de carte : IGN ADMIN EXPRESS COG 2018, INSEE COG 2018 (Licence Ouverte / Open Licence).",
    "Les chiffres couverts par le secret statistique (effectif inférieur à 11, ou permettant de le retrouver) ne sont pas publiés.",
    "",
  ].join("\r\n");
}

/**
 * The contracts' examples of identifier columns (id_…, code_operateur) look like real codes ("ASSO-LENS-01",
 * "MEN-00871"), and the demonstration data, like an operator's own numbering, can hold the very same values: the
 * public dictionary describes these columns instead of showing a value (pipelines/publish/scan.ts checks it).
 */
export function exemplePublic(colonne: string, exemple: string | undefined): string | undefined {
  if (colonne === "code_operateur") return "code attribué par le Département";
  if (/^id_/.test(colonne)) return "identifiant attribué par l'opérateur";
  return exemple;
}

/** A report's Table Schema as the public dictionary gives it: no personal column (tableSchema), no example identifier. */
export function tableSchemaPublic(report: (typeof REPORTS)[number]) {
  const schema = tableSchema(report);
  return { ...schema, fields: schema.fields.map((f) => ({ ...f, example: exemplePublic(f.name, f.example) })) };
}

export async function writeExtracts(connection: DuckDBConnection, dir: string): Promise<void> {
  mkdirSync(join(dir, "dictionnaire"), { recursive: true });
  for (const [table, name] of [...Object.entries(PUBLISHED), [CATALOGUE.source, CATALOGUE.name] as const]) {
    await writeExtract(connection, table, join(dir, `${name}.csv`), "csv");
    await writeExtract(connection, table, join(dir, `${name}-excel.csv`), "excel");
    await writeExtract(connection, table, join(dir, `${name}.parquet`), "parquet");
    writeFileSync(join(dir, "dictionnaire", `${name}.schema.json`), `${JSON.stringify(await publishedSchema(connection, table, name), null, 2)}\n`);
  }
  for (const report of REPORTS) {
    writeFileSync(join(dir, "dictionnaire", `${report.table}.schema.json`), `${JSON.stringify(tableSchemaPublic(report), null, 2)}\n`);
  }
  writeFileSync(join(dir, "LICENCE.txt"), licenceText());
}
