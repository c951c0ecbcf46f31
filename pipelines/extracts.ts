// Downloadable extracts of the published tables and the data dictionary, all written by DuckDB or derived from the
// contracts. The data sets (pipelines/extraits/jeux.ts) go out in up to three formats:
//   <nom>.csv        RFC 4180: UTF-8 without BOM, « , », « . » decimal, "-quoted fields, CRLF line ends;
//   <nom>-excel.csv  what French Excel opens directly: UTF-8 with BOM, « ; », decimal comma;
//   <nom>.parquet    DuckDB COPY … (FORMAT parquet), the column types kept.
// Beside them: a Table Schema of each published table and of each report table (dictionnaire/), the licence, and
// fichiers.json, the manifest the downloads page is written from (size, rows, preview of each file). The site's
// download loaders copy these very files (observatory/data/telechargements/*.ts): nothing is written twice.
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { neutraliserSql } from "../observatory/components/cellule-csv.ts";
import { legendeMarques, MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "../observatory/components/marques.ts";
import { REPORTS } from "./contracts/index.ts";
import { tableSchema } from "./contracts/table-schema.ts";
import { attacherMemoire, avecReglage, connexionsSoeurs, query } from "./db/duckdb.ts";
import { CATALOGUE, NIVEAUX_PARENTS, nomFichier, PARTAGE, preparerJeux, type ExtractFormat, type JeuExtrait } from "./extraits/jeux.ts";
import { ecrirePlages, finEnregistrement, tranchesParPremiereColonne, type Tranche } from "./extraits/tranches.ts";

export { CATALOGUE, type ExtractFormat };

/** The manifest of the extracts, written beside them. */
export const MANIFESTE = "fichiers.json";
/** Rows and columns of a file shown on the downloads page. */
export const APERCU = { lignes: 5, colonnes: 16 } as const;

export interface FichierExtrait {
  fichier: string;
  format: ExtractFormat | "schema";
  octets: number;
}

export interface Manifeste {
  /** main.execution.date_arrete, AAAA-MM-JJ. */
  dateArrete: string | null;
  jeux: (Omit<JeuExtrait, "source" | "formats" | "schema"> & {
    lignes: number;
    colonnes: string[];
    apercu: { colonnes: string[]; lignes: string[][] };
    fichiers: FichierExtrait[];
  })[];
}

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
 * The columns a CSV file is written from: decimals as text with the chosen separator (whole numbers without « .0 »),
 * texts neutralised against spreadsheet formulas (the rule of observatory/components/cellule-csv.ts, as SQL: COPY
 * quotes but cannot neutralise), everything else as DuckDB writes it. Parquet keeps the table's own values and types.
 * `devant` goes in front of the first column's name in the header.
 */
async function colonnesCsv(connection: DuckDBConnection, source: string, decimal: "." | ",", devant = ""): Promise<string> {
  const columns = await query<Column>(connection, `DESCRIBE SELECT * FROM ${source}`);
  const list = columns.map(({ column_name: c, column_type: t }, i) => {
    const q = `"${c.replace(/"/g, '""')}"`;
    const alias = i === 0 && devant ? `"${devant}${c.replace(/"/g, '""')}"` : q;
    if (t === "VARCHAR") return `${neutraliserSql(q)} AS ${alias}`;
    if (!/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return `${q} AS ${alias}`;
    const text = `CASE WHEN ${q} = trunc(${q}) AND abs(${q}) < 1e15 THEN CAST(CAST(${q} AS BIGINT) AS VARCHAR) ELSE CAST(${q} AS VARCHAR) END`;
    return `${decimal === "," ? `replace(${text}, '.', ',')` : text} AS ${alias}`;
  });
  if (devant && /[;,"\r\n]/.test(columns[0]?.column_name ?? "")) {
    throw new Error(`Extraits : DuckDB mettrait entre guillemets la première colonne de ${source} (« ${columns[0]!.column_name} »), et avec elle ce qui la précède ; renommez-la.`);
  }
  return list.join(", ");
}

/**
 * Table a data set is sorted into once (ORDER BY ALL), then written in each format from in its stored order instead
 * of sorting the texts again for each format; in the attached PARTAGE database, so that a second connection reads it
 * too. DuckDB keeps a table's order when it writes Parquet (its writer orders the batches), but its parallel CSV
 * writer interleaves the threads' chunks: a CSV file is written on one thread (unOnly), which is also faster than two
 * at this size, and the two CSV files of a data set at once, one on each connection.
 */
const TRIE = `${PARTAGE}.trie`;
const BOM = "\uFEFF";

async function classer(connection: DuckDBConnection, source: string): Promise<void> {
  await attacherMemoire(connection, PARTAGE);
  await connection.run(`CREATE OR REPLACE TABLE ${TRIE} AS SELECT * FROM ${source} ORDER BY ALL`);
}

/** Runs `travail` with DuckDB on one thread per statement (a setting of the whole instance), then the former count. */
const unOnly = <T>(connection: DuckDBConnection, travail: () => Promise<T>): Promise<T> => avecReglage(connection, "threads", 1, travail);

/**
 * Writes `table`, rows in its stored order, in one format; a CSV format inside unOnly. DuckDB writes no byte-order
 * mark and Excel needs one to read UTF-8: it goes in front of the first column's name, which DuckDB writes as it is
 * at the very start of the file.
 */
async function ecrireTrie(connection: DuckDBConnection, table: string, path: string, format: ExtractFormat): Promise<void> {
  if (format === "parquet") {
    await connection.run(`COPY ${table} TO ${sqlString(path)} (FORMAT parquet)`);
    return;
  }
  const excel = format === "excel";
  const colonnes = await colonnesCsv(connection, table, excel ? "," : ".", excel ? BOM : "");
  await connection.run(`COPY (SELECT ${colonnes} FROM ${table}) TO ${sqlString(path)} (HEADER, DELIMITER '${excel ? ";" : ","}', QUOTE '"', NEW_LINE '\\r\\n')`);
}

/** Writes one table (or query in parentheses) in one of the three formats, rows in ORDER BY ALL order. */
export async function writeExtract(connection: DuckDBConnection, source: string, path: string, format: ExtractFormat): Promise<void> {
  await classer(connection, source);
  if (format === "parquet") await ecrireTrie(connection, TRIE, path, format);
  else await unOnly(connection, () => ecrireTrie(connection, TRIE, path, format));
  await connection.run(`DROP TABLE ${TRIE}`);
}

const TITRES: Record<string, string> = { indicateurs: "Indicateurs publiés de l'Axe 2", territoires: "Référentiel des territoires" };

/** What each column of the indicator files holds (their Table Schema, the data dictionary). */
export const DESCRIPTIONS_INDICATEURS: Record<string, string> = {
  fiche: "Code de la fiche, par exemple f2_4_adsl.",
  indicateur: "Code de l'indicateur dans la fiche ; définition et unité dans catalogue-indicateurs.csv.",
  libelle_indicateur: "Libellé court de l'indicateur (catalogue des indicateurs).",
  periode: "Année (AAAA), mois (AAAA-MM) ou période de convention (AAAA-MM/AAAA-MM : premier et dernier mois).",
  type_periode: "annee, mois ou convention (période d'une convention du Département avec les opérateurs : tous les actes de la fiche datés dans ces mois).",
  libelle_periode: "Libellé de la période : 2026, octobre 2026, convention de nov. 2025 à oct. 2026.",
  niveau_territoire: "Niveau du territoire : departement, ami, territoire_lda, territoire_mds, epci, commune, lot, sans_territoire.",
  territoire: "Code du territoire : 62 pour le département, sinon le code du niveau (voir territoires.csv).",
  libelle_territoire: "Nom du territoire.",
  ventilation: "Code de la ventilation (sexe, tranche_age…) ; ensemble pour le total.",
  libelle_ventilation: "Libellé de la ventilation.",
  modalite: "Code de la modalité de la ventilation ; ensemble pour le total.",
  libelle_modalite: "Libellé de la modalité.",
  valeur: "Valeur de l'indicateur ; vide quand elle n'est pas publiée (voir marque).",
  marque: `Vide quand la valeur est publiée ; ${legendeMarques([MARQUE_SECRET, MARQUE_NON_DISPONIBLE])}.`,
  unite: "Unité de la valeur.",
  origine: "Origine du chiffre : calculé à partir des rapports, ou déclaré dans un bilan.",
};

/** What each column of the territory reference holds. */
export const DESCRIPTIONS_TERRITOIRES: Record<string, string> = {
  niveau: "Niveau du territoire (commune, epci, territoire_mds, territoire_lda, ami, lot, departement, sans_territoire).",
  code: "Code du territoire, unique dans son niveau (un même code peut désigner deux niveaux : artois, calaisis).",
  libelle: "Nom du territoire.",
  code_epci: "Code SIREN de l'EPCI qui contient le territoire.",
  code_territoire_mds: "Code du territoire de Maison du Département Solidarité qui le contient.",
  code_territoire_lda: "Code du territoire Logement d'abord qui le contient (aucun pour la CU d'Arras).",
  code_ami: "Code de l'AMI qui le contient.",
  code_departement: "62 : le Pas-de-Calais.",
  ...Object.fromEntries(NIVEAUX_PARENTS.map((n) => [`libelle_${n}`, `Nom du territoire de la colonne code_${n}.`])),
};

/** What each column of the indicator catalogue holds (sources/reference/README.md says how each is decided). */
export const DESCRIPTIONS_CATALOGUE: Record<string, string> = {
  fiche: "Code de la fiche, par exemple f2_4_adsl.",
  indicateur: "Code de l'indicateur dans la fiche (colonne indicateur des fichiers d'indicateurs).",
  libelle: "Libellé de l'indicateur tel que la fiche le formule.",
  definition: "Ce que le chiffre compte, tel qu'il est calculé.",
  unite: "Unité de la valeur.",
  ventilations: "Ventilations publiées (séparées par « ; »), en plus du total « ensemble ».",
  tables_source: "Tables des rapports des opérateurs dont le chiffre est calculé.",
  libelle_court: "Libellé court des cartes et des graphiques.",
  chiffre_cle: "Rang de 1 à 5 parmi les chiffres clés de la fiche ; vide pour les autres indicateurs.",
  agregation: "Calcul de chaque case : distinct (éléments distincts), somme, moyenne, mediane, part ou taux.",
  numerateur: "Pour une part, un taux ou une moyenne : l'indicateur de la même fiche qui en est le numérateur.",
  denominateur: "Pour une part, un taux ou une moyenne : l'indicateur de la même fiche qui en est le dénominateur.",
  additif_modalites: "oui quand le total (ensemble) est la somme des modalités d'une ventilation.",
  additif_territoires: "oui quand un territoire est la somme des territoires plus petits qu'il contient.",
  lie_mois: "oui quand le secret statistique traite l'année comme la somme de ses mois (une case masquée ne se retrouve pas par soustraction).",
  somme_mois: "oui quand l'année est la somme de ses mois dans chaque case (vérifié à chaque production) ; non pour des personnes ou ménages distincts sur l'année.",
  cellule_absente: "zero : une case sans enregistrement est publiée 0 ; vide : elle n'est pas publiée (moyennes, parts, taux).",
};

/** Table Schema of a published table, from the database's own column types. */
export async function publishedSchema(connection: DuckDBConnection, source: string, name: string) {
  const columns = await query<Column>(connection, `DESCRIBE SELECT * FROM ${source}`);
  const TYPES: [RegExp, string][] = [
    [/^(DOUBLE|FLOAT|REAL|DECIMAL)/, "number"],
    [/INT/, "integer"],
    [/^BOOLEAN/, "boolean"],
    [/^DATE$/, "date"],
  ];
  const DESCRIPTIONS =
    name === "territoires" ? DESCRIPTIONS_TERRITOIRES : name === CATALOGUE.name ? DESCRIPTIONS_CATALOGUE : name.startsWith("indicateurs") ? DESCRIPTIONS_INDICATEURS : {};
  return {
    name,
    title: TITRES[name] ?? name,
    // No URL here: the site refuses any address of another host in its files (pipelines/site/postbuild.ts).
    licenses: [{ name: "etalab-2.0", title: LICENCE.titre }],
    fields: columns.map((c) => ({
      name: c.column_name,
      type: TYPES.find(([re]) => re.test(c.column_type))?.[1] ?? "string",
      ...(DESCRIPTIONS[c.column_name] ? { description: DESCRIPTIONS[c.column_name] } : {}),
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

/** The first `n` records of a CSV file, read from its start only (the file of all indicators is gigabytes at 100×). */
function debutDuFichier(path: string, n: number): Buffer {
  const taille = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    for (let octets = 1 << 16; ; octets *= 4) {
      const buf = Buffer.alloc(Math.min(octets, taille));
      readSync(fd, buf, 0, buf.length, 0);
      let fin = 0;
      let lus = 0;
      while (lus < n && fin < buf.length) {
        const suivant = finEnregistrement(buf, fin);
        if (suivant < 0) break;
        fin = suivant;
        lus++;
      }
      if (lus === n || buf.length === taille) return buf.subarray(0, lus === n ? fin : buf.length);
    }
  } finally {
    closeSync(fd);
  }
}

/** The first rows and columns of a written CSV file, as the page shows them. */
function apercu(path: string): { colonnes: string[]; lignes: string[][] } {
  const [entete = [], ...lignes] = parse(debutDuFichier(path, APERCU.lignes + 1), { relax_column_count: false }) as string[][];
  return { colonnes: entete.slice(0, APERCU.colonnes), lignes: lignes.map((l) => l.slice(0, APERCU.colonnes)) };
}

export async function writeExtracts(connection: DuckDBConnection, dir: string): Promise<void> {
  const [soeur] = await connexionsSoeurs(connection, 1);
  if (!soeur) throw new Error("writeExtracts : cette connexion n'a pas été ouverte par openDatabase (une seconde connexion écrit le second fichier CSV)");
  try {
    await ecrireExtraits([connection, soeur], dir);
  } finally {
    soeur.closeSync();
    await connection.run(`DETACH DATABASE IF EXISTS ${PARTAGE}`);
  }
}

/** The extracts, written by the first connection; the second writes the second CSV file of a data set meanwhile. */
async function ecrireExtraits(connexions: [DuckDBConnection, DuckDBConnection], dir: string): Promise<void> {
  const [connection] = connexions;
  mkdirSync(join(dir, "dictionnaire"), { recursive: true });
  const [execution] = await query<{ date_arrete: string | null }>(connection, "SELECT strftime(date_arrete, '%Y-%m-%d') AS date_arrete FROM main.execution");
  const manifeste: Manifeste = { dateArrete: execution?.date_arrete ?? null, jeux: [] };
  // Where each group of rows lies in a written CSV file, for the data sets cut from it (JeuExtrait.tranche).
  const decoupes = new Map<string, Promise<{ entete: number; tranches: Map<string, Tranche> }>>();
  // The fiches' files, cut as soon as their parent's CSV files are written, while DuckDB writes the rest.
  const coupes = new Map<string, Promise<{ fichiers: FichierExtrait[]; lignes: number }>>();
  const colonnesDe = new Map<string, string[]>();
  const couper = async (jeu: JeuExtrait & { tranche: { jeu: string; fiche: string } }) => {
    const fichiers: FichierExtrait[] = [];
    let lignes = 0;
    for (const format of jeu.formats) {
      if (format === "parquet") throw new Error(`Extraits : ${jeu.nom} est découpé d'un fichier CSV, il ne peut pas sortir en Parquet (pipelines/extraits/jeux.ts).`);
      const parent = join(dir, nomFichier(jeu.tranche.jeu, format));
      const decoupe = await decoupes.get(parent);
      if (!decoupe) throw new Error(`Extraits : ${jeu.nom} est découpé de ${nomFichier(jeu.tranche.jeu, format)}, que ${jeu.tranche.jeu} n'écrit pas (pipelines/extraits/jeux.ts).`);
      const t = decoupe.tranches.get(jeu.tranche.fiche);
      if (!t) throw new Error(`Extraits : aucune ligne de ${jeu.tranche.fiche} dans ${parent}.`);
      // The parent's first bytes are its byte-order mark, if any, and header: the same for the fiche's file.
      const fichier = nomFichier(jeu.nom, format);
      await ecrirePlages(parent, join(dir, fichier), Buffer.alloc(0), [[0, decoupe.entete], [t.debut, t.fin]]);
      fichiers.push({ fichier, format, octets: statSync(join(dir, fichier)).size });
      lignes = t.lignes;
    }
    return { fichiers, lignes };
  };
  const jeux = await preparerJeux(connection);
  for (const jeu of jeux) {
    let fichiers: FichierExtrait[] = [];
    let lignes: number | undefined;
    let colonnes: string[] | undefined;
    if (jeu.tranche) {
      const coupe = coupes.get(jeu.nom);
      if (!coupe) throw new Error(`Extraits : ${jeu.nom} est découpé de ${jeu.tranche.jeu}, qui n'est pas écrit avant lui (pipelines/extraits/jeux.ts).`);
      ({ fichiers, lignes } = await coupe);
      // The same columns as the file it is cut from.
      colonnes = colonnesDe.get(jeu.tranche.jeu);
    } else {
      const table = jeu.trie ? jeu.source : TRIE;
      if (!jeu.trie) await classer(connection, jeu.source);
      const csv = jeu.formats.filter((f) => f !== "parquet");
      if (csv.length > connexions.length) throw new Error(`Extraits : ${jeu.nom} a plus de formats CSV (${csv.join(", ")}) que de connexions pour les écrire.`);
      // Both awaited, even when one fails: the second connection is closed afterwards, never while it writes.
      const ecrits = await unOnly(connection, () => Promise.allSettled(csv.map((format, i) => ecrireTrie(connexions[i]!, table, join(dir, nomFichier(jeu.nom, format)), format))));
      for (const e of ecrits) if (e.status === "rejected") throw e.reason;
      for (const format of csv) {
        const chemin = join(dir, nomFichier(jeu.nom, format));
        decoupes.set(chemin, tranchesParPremiereColonne(chemin, format === "excel" ? ";" : ",", format === "excel" ? Buffer.byteLength(BOM) : 0));
      }
      for (const enfant of jeux) {
        if (enfant.tranche?.jeu !== jeu.nom) continue;
        const coupe = couper(enfant as typeof enfant & { tranche: { jeu: string; fiche: string } });
        // Awaited in its data set's turn; a failure meanwhile is not an unhandled rejection.
        coupe.catch(() => undefined);
        coupes.set(enfant.nom, coupe);
      }
      if (jeu.formats.includes("parquet")) await ecrireTrie(connection, table, join(dir, nomFichier(jeu.nom, "parquet")), "parquet");
      for (const format of jeu.formats) {
        const fichier = nomFichier(jeu.nom, format);
        fichiers.push({ fichier, format, octets: statSync(join(dir, fichier)).size });
      }
      if (!jeu.trie) await connection.run(`DROP TABLE ${TRIE}`);
    }
    if (jeu.schema) {
      const fichier = join("dictionnaire", `${jeu.nom}.schema.json`);
      writeFileSync(join(dir, fichier), `${JSON.stringify(await publishedSchema(connection, jeu.source, jeu.nom), null, 2)}\n`);
      fichiers.push({ fichier, format: "schema", octets: statSync(join(dir, fichier)).size });
    }
    lignes ??= ((await query<{ lignes: number }>(connection, `SELECT count(*)::INTEGER AS lignes FROM ${jeu.source}`)) as [{ lignes: number }])[0].lignes;
    colonnes ??= (await query<Column>(connection, `DESCRIBE SELECT * FROM ${jeu.source}`)).map((c) => c.column_name);
    colonnesDe.set(jeu.nom, colonnes);
    const { nom, titre, description } = jeu;
    manifeste.jeux.push({ nom, titre, description, lignes, colonnes, apercu: apercu(join(dir, nomFichier(nom, "csv"))), fichiers });
  }
  for (const report of REPORTS) {
    writeFileSync(join(dir, "dictionnaire", `${report.table}.schema.json`), `${JSON.stringify(tableSchemaPublic(report), null, 2)}\n`);
  }
  writeFileSync(join(dir, "LICENCE.txt"), licenceText());
  writeFileSync(join(dir, MANIFESTE), `${JSON.stringify(manifeste, null, 2)}\n`);
}
