// Ingests every operator file of a directory: identify → read → validate → load or quarantine.
// Every row read ends loaded or in quarantine; a file already loaded (same sha256) changes nothing.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REPORTS } from "../contracts/index.ts";
import { LEDGER_DDL, rawTableDDL } from "../db/ddl.ts";
import { kyselyFor } from "../db/kysely.ts";
import { matchHeaders } from "./headers.ts";
import { parseFileName, reportFromHeaders, reportFromName } from "./identify.ts";
import { writeOutcome, type FileOutcome } from "./load.ts";
import { readOperatorFile } from "./read-file.ts";
import { personalColumns, pseudonymiser, resolvePseudonymKey } from "./pseudonymise.ts";
import { rowValidator, type QuarantineEntry } from "./validate.ts";

export interface FileReport {
  nom: string;
  fichier: string;
  table: string | null;
  operateur: string | null;
  periode: string | null;
  statut: "charge" | "rejete" | "deja_charge";
  lues: number;
  chargees: number;
  rejetees: number;
  motif: string | null;
  avertissements: string[];
  remplace: string[];
}

export interface IngestReport {
  repertoire: string;
  fichiers: FileReport[];
}

export interface IngestOptions {
  onProgress?: (message: string) => void;
  /** Key of the keyed hash applied to personal columns; resolved from the environment when a file needs it. */
  pseudonymKey?: string;
}

const PROGRESS_EVERY = 50_000;

export async function prepareRawSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run(LEDGER_DDL);
  for (const report of REPORTS) await connection.run(rawTableDDL(report));
}

export function operatorFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => [".csv", ".xlsx"].includes(extname(f).toLowerCase()) && !f.startsWith("~$"))
    .sort()
    .map((f) => join(dir, f));
}

export async function ingestDirectory(connection: DuckDBConnection, dir: string, options: IngestOptions = {}): Promise<IngestReport> {
  await prepareRawSchema(connection);
  const files = operatorFiles(dir);
  const fichiers: FileReport[] = [];
  for (const [i, path] of files.entries()) {
    options.onProgress?.(`[${i + 1}/${files.length}] ${basename(path)}`);
    fichiers.push(await ingestFile(connection, path, options));
  }
  return { repertoire: dir, fichiers };
}

export async function ingestFile(connection: DuckDBConnection, path: string, options: IngestOptions = {}): Promise<FileReport> {
  const bytes = readFileSync(path);
  const fichier = createHash("sha256").update(bytes).digest("hex");
  const nom = basename(path);
  const known = await kyselyFor(connection).selectFrom("raw.fichiers").selectAll().where("fichier", "=", fichier).executeTakeFirst();
  if (known) {
    return {
      nom,
      fichier,
      table: known.table_rapport,
      operateur: known.code_operateur,
      periode: known.periode,
      statut: "deja_charge",
      lues: known.lignes_lues,
      chargees: 0,
      rejetees: 0,
      motif: `déjà chargé (fichier identique à « ${known.nom} ») : rien n'a changé`,
      avertissements: [],
      remplace: [],
    };
  }

  const name = parseFileName(path);
  let report = reportFromName(name);
  const base = { nom, fichier, format: extname(path).slice(1).toLowerCase(), periode: name?.periode ?? null };
  const reject = async (motif: string, lines: number[] = [], table = report?.table ?? null, operator = name?.operator ?? null) => {
    const outcome: FileOutcome = {
      ledger: { ...base, table_rapport: table, code_operateur: operator, lignes_lues: lines.length, lignes_chargees: 0, lignes_rejetees: lines.length, statut: "rejete", motif },
      report: undefined,
      rows: [],
      // A rejected file still accounts for each of its rows, so read = loaded + rejected holds.
      quarantine: lines.length ? lines.map((line) => ({ line, column: null, rawValue: null, reason: motif })) : [{ line: 0, column: null, rawValue: null, reason: motif }],
    };
    await writeOutcome(connection, outcome);
    return { nom, fichier, table, operateur: operator, periode: base.periode, statut: "rejete" as const, lues: lines.length, chargees: 0, rejetees: lines.length, motif, avertissements: [], remplace: [] };
  };

  if (name && !report) return reject(`type de rapport « ${name.table} » inconnu ; types admis : ${REPORTS.map((r) => r.table).join(", ")}`);

  let sheet;
  try {
    sheet = await readOperatorFile(path, bytes, report);
  } catch (error) {
    return reject(`fichier illisible : ${error instanceof Error ? error.message : String(error)}`);
  }
  const lines = sheet.rows.map((r) => r.line);
  report ??= reportFromHeaders(sheet.headers);
  if (!report) {
    return reject(
      "type de rapport non reconnu : nommer le fichier <table>__<code opérateur>__<AAAA-MM>.csv (voir sources/inbox/README.md) ou reprendre les en-têtes du modèle",
      lines,
      null,
    );
  }
  const match = matchHeaders(report, sheet.headers);
  if (match.missingRequired.length) {
    const labels = new Map(report.columnList.map((c) => [c.name, c.label]));
    const missing = match.missingRequired.map((c) => `${c} (${labels.get(c)})`).join(", ");
    return reject(`colonne(s) obligatoire(s) absente(s) : ${missing} — ajouter la colonne ou repartir du modèle du rapport ${report.table}`, lines);
  }

  const fileOperator = report.producer === "operateur" ? (name?.operator ?? null) : null;
  const validator = rowValidator(report, fileOperator);
  let protect = (row: Record<string, unknown>) => row;
  if (personalColumns(report).length) {
    let key: string;
    try {
      key = options.pseudonymKey ?? resolvePseudonymKey();
    } catch (error) {
      // Nothing of the file is stored, not even in quarantine: its rows would carry personal data in clear.
      return reject(error instanceof Error ? error.message : String(error), lines);
    }
    protect = pseudonymiser(report, key);
  }
  const rows: FileOutcome["rows"] = [];
  const quarantine: QuarantineEntry[] = [];
  let rejected = 0;
  for (const [i, { line, values }] of sheet.rows.entries()) {
    const raw: Record<string, unknown> = {};
    match.columns.forEach((column, c) => {
      if (column) raw[column] = values[c];
    });
    const result = validator.validate(line, raw);
    if ("row" in result) rows.push({ line, row: protect(result.row) });
    else {
      rejected++;
      quarantine.push(...result.issues);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(`  … ${(i + 1).toLocaleString("fr-FR")} lignes validées`);
  }

  const operator = name?.operator ?? (rows[0]?.row.code_operateur as string | undefined) ?? null;
  const avertissements = [
    ...match.unknown.map((h) => `colonne « ${h} » inconnue du modèle : ignorée`),
    ...match.duplicated.map((h) => `colonne « ${h} » en double : seule la première est lue`),
  ];
  const remplace = await writeOutcome(connection, {
    ledger: {
      ...base,
      table_rapport: report.table,
      code_operateur: operator,
      lignes_lues: sheet.rows.length,
      lignes_chargees: rows.length,
      lignes_rejetees: rejected,
      statut: "charge",
      motif: avertissements.length ? avertissements.join(" ; ") : null,
    },
    report,
    rows,
    quarantine,
  });
  return {
    nom,
    fichier,
    table: report.table,
    operateur: operator,
    periode: base.periode,
    statut: "charge",
    lues: sheet.rows.length,
    chargees: rows.length,
    rejetees: rejected,
    motif: null,
    avertissements,
    remplace,
  };
}
