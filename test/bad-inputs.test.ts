// The bad-input corpus (test/fixtures/bad, made by generate.ts): truncated, empty, binary and renamed files, wrong
// encodings, broken headers, Excel formulas and errors, implausible dates and amounts, misspelt places, duplicates,
// late and repeated sendings, personal data. The ingest must never throw, must account for every row, must explain
// every refusal in French with the column to fix, must keep personal values out of the quarantine, and must give
// the same outcome through DuckDB (SQL path) and through the JavaScript reader and zod. What each file must give is
// in attendus.json.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { type FileReport, ingestDirectory, ingestFile, operatorFiles } from "../pipelines/ingest/index.ts";
import { SHOWN_CHARACTERS } from "../pipelines/ingest/quarantine-text.ts";

const DIR = "test/fixtures/bad";
const LATER = join(DIR, "tardifs");
const KEY = "cle-de-test-des-fichiers-defectueux";

interface Attendu {
  genre: string;
  statut: FileReport["statut"];
  table?: string | null;
  operateur?: string | null;
  periode?: string | null;
  lues: number;
  chargees: number;
  rejetees: number;
  voie?: "duckdb" | "javascript";
  motif?: string;
  avertissement?: string;
  quarantaine?: { ligne: number; colonne: string | null; motif: string; valeur_brute?: string }[];
  /** Values of non-blocking columns ignored in loaded rows (raw.valeurs_ignorees). */
  valeurs_ignorees?: { ligne: number; colonne: string; motif: string; valeur_brute?: string }[];
  valeurs?: ({ ligne: number; colonne: string } & ({ valeur: string | null } | { commence_par: string }))[];
}
const ATTENDUS = JSON.parse(readFileSync(join(DIR, "attendus.json"), "utf8")) as { donnees_personnelles: string[]; fichiers: Record<string, Attendu> };

interface Quarantaine {
  fichier: string;
  nom_fichier: string;
  table_rapport: string | null;
  ligne: number;
  colonne: string | null;
  valeur_brute: string | null;
  motif: string;
}

interface Outcome {
  connection: DuckDBConnection;
  /** Every file's report, keyed as in attendus.json (tardifs/… for the late ones). */
  reports: Map<string, FileReport>;
}

/** The directory, then the files that arrive later (each on its own, as a later run would). */
async function ingestCorpus(sql: boolean): Promise<Outcome> {
  const connection = await openDatabase(":memory:");
  const report = await ingestDirectory(connection, DIR, { sql, pseudonymKey: KEY });
  const reports = new Map(report.fichiers.map((f) => [f.nom, f]));
  for (const path of operatorFiles(LATER)) {
    const f = await ingestFile(connection, path, { sql, pseudonymKey: KEY });
    reports.set(`tardifs/${f.nom}`, f);
  }
  return { connection, reports };
}

/** Everything the ingest leaves in the database, in a stable order. */
async function dump(connection: DuckDBConnection): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {
    fichiers: await query(connection, "SELECT * EXCLUDE (charge_le) FROM raw.fichiers ORDER BY nom"),
    quarantaine: await query(connection, "SELECT * FROM raw.quarantaine ORDER BY ALL"),
    valeurs_ignorees: await query(connection, "SELECT * FROM raw.valeurs_ignorees ORDER BY ALL"),
  };
  for (const r of REPORTS) state[r.table] = await query(connection, `SELECT * FROM raw.${r.table} ORDER BY _fichier, _ligne`);
  return state;
}

const filesIn = (dir: string) => readdirSync(dir).filter((f) => [".csv", ".xlsx"].includes(extname(f).toLowerCase()));
// A reason a French reader can act on: French words, no English left from a library.
const FRENCH = /[éèêàùçô«»]|(^|[\s(])(le|la|les|de|du|des|un|une|est|pas|ou|et|en|par|pour|valeur|obligatoire|manquante|nombre|colonne|fichier|ligne)(?=[\s),;:]|$)/i;
const ENGLISH = /\b(the|error|invalid|unexpected|cannot|can't|found|failed|undefined|is not)\b/i;

describe("bad-input corpus", () => {
  let sql: Outcome;
  let zod: Outcome;
  let quarantaine: Quarantaine[];
  let ignorees: Quarantaine[];

  beforeAll(async () => {
    sql = await ingestCorpus(true);
    zod = await ingestCorpus(false);
    quarantaine = await query<Quarantaine>(sql.connection, "SELECT * FROM raw.quarantaine ORDER BY nom_fichier, ligne, colonne");
    ignorees = await query<Quarantaine>(sql.connection, "SELECT * FROM raw.valeurs_ignorees ORDER BY nom_fichier, ligne, colonne");
  }, 240_000);

  it("holds at least 40 files, each described in attendus.json, and reports on every one", () => {
    const names = [...filesIn(DIR), ...filesIn(LATER).map((f) => `tardifs/${f}`)];
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(new Set(names)).toEqual(new Set(Object.keys(ATTENDUS.fichiers)));
    expect(new Set(sql.reports.keys())).toEqual(new Set(names));
    // Several report tables, not one.
    const tables = new Set(Object.values(ATTENDUS.fichiers).map((a) => a.table).filter(Boolean));
    expect(tables.size).toBeGreaterThanOrEqual(10);
  });

  it("gives each file the status, counts, reasons and warnings of attendus.json", () => {
    for (const [nom, a] of Object.entries(ATTENDUS.fichiers)) {
      const f = sql.reports.get(nom)!;
      expect({ statut: f.statut, lues: f.lues, chargees: f.chargees, rejetees: f.rejetees }, nom).toEqual({ statut: a.statut, lues: a.lues, chargees: a.chargees, rejetees: a.rejetees });
      expect(f.valeurs_ignorees, `${nom}: valeurs ignorées`).toBe(a.valeurs_ignorees?.length ?? 0);
      if (a.table !== undefined) expect(f.table, nom).toBe(a.table);
      if (a.operateur !== undefined) expect(f.operateur, nom).toBe(a.operateur);
      if (a.periode !== undefined) expect(f.periode, nom).toBe(a.periode);
      if (a.voie) expect(f.voie, nom).toBe(a.voie);
      if (a.motif) expect(f.motif, nom).toContain(a.motif);
      if (a.avertissement) expect(f.avertissements.join(" ; "), nom).toContain(a.avertissement);
      if (a.statut === "rejete") expect(f.motif, nom).toBeTruthy();
    }
  });

  it("quarantines the rows attendus.json names, at their line and column, with the reason", () => {
    for (const [nom, a] of Object.entries(ATTENDUS.fichiers)) {
      if (a.statut === "deja_charge") continue;
      const f = sql.reports.get(nom)!;
      const entries = quarantaine.filter((q) => q.fichier === f.fichier);
      if (a.rejetees > 0 || a.statut === "rejete") expect(a.quarantaine?.length, `${nom}: attendus.json names no quarantined row`).toBeGreaterThan(0);
      if (a.quarantaine?.length === 0) expect(entries, nom).toEqual([]);
      for (const q of a.quarantaine ?? []) {
        const match = entries.find((e) => e.ligne === q.ligne && e.colonne === q.colonne && e.motif.includes(q.motif));
        expect(match, `${nom}: ligne ${q.ligne}, colonne ${q.colonne}, « ${q.motif} » parmi ${JSON.stringify(entries.map((e) => [e.ligne, e.colonne, e.motif]))}`).toBeDefined();
        if (q.valeur_brute !== undefined) expect(match!.valeur_brute, `${nom}: ligne ${q.ligne}, valeur brute`).toBe(q.valeur_brute);
      }
    }
  });

  it("reports the values attendus.json says are ignored, at their line and column, with the reason; their rows load", () => {
    for (const [nom, a] of Object.entries(ATTENDUS.fichiers)) {
      if (a.statut === "deja_charge") continue;
      const f = sql.reports.get(nom)!;
      const entries = ignorees.filter((q) => q.fichier === f.fichier);
      expect(entries.length, nom).toBe(a.valeurs_ignorees?.length ?? 0);
      for (const q of a.valeurs_ignorees ?? []) {
        const match = entries.find((e) => e.ligne === q.ligne && e.colonne === q.colonne && e.motif.includes(q.motif) && e.motif.includes("valeur ignorée"));
        expect(match, `${nom}: ligne ${q.ligne}, colonne ${q.colonne}, « ${q.motif} » parmi ${JSON.stringify(entries.map((e) => [e.ligne, e.colonne, e.motif]))}`).toBeDefined();
        if (q.valeur_brute !== undefined) expect(match!.valeur_brute, `${nom}: ligne ${q.ligne}, valeur brute`).toBe(q.valeur_brute);
        expect(quarantaine.some((e) => e.fichier === f.fichier && e.ligne === q.ligne), `${nom}: ligne ${q.ligne} en quarantaine`).toBe(false);
      }
    }
  });

  it("loads the values attendus.json names, normalised", async () => {
    for (const [nom, a] of Object.entries(ATTENDUS.fichiers)) {
      const f = sql.reports.get(nom)!;
      for (const v of a.valeurs ?? []) {
        const rows = await query<{ v: string | null }>(sql.connection, `SELECT CAST("${v.colonne}" AS VARCHAR) AS v FROM raw.${f.table} WHERE _fichier = $1 AND _ligne = $2`, [f.fichier, v.ligne]);
        expect(rows.length, `${nom} ligne ${v.ligne}`).toBe(1);
        if ("valeur" in v) expect(rows[0]!.v, `${nom} ligne ${v.ligne} ${v.colonne}`).toBe(v.valeur);
        else expect(rows[0]!.v, `${nom} ligne ${v.ligne} ${v.colonne}`).toMatch(new RegExp(`^${v.commence_par}`));
      }
    }
  });

  it("accounts for every row: read = loaded + rejected, in the report, the ledger, the raw tables and the quarantine", async () => {
    const ledger = await query<{ fichier: string; nom: string; table_rapport: string | null; statut: string; lignes_lues: number; lignes_chargees: number; lignes_rejetees: number }>(
      sql.connection,
      "SELECT fichier, nom, table_rapport, statut, lignes_lues, lignes_chargees, lignes_rejetees FROM raw.fichiers",
    );
    for (const [nom, f] of sql.reports) {
      expect(f.lues, nom).toBe(f.chargees + f.rejetees);
      if (f.statut === "deja_charge") {
        // Nothing of its own: the ledger row is the identical file's, loaded before it.
        expect(ledger.filter((l) => l.nom === f.nom), nom).toEqual([]);
        expect(ledger.filter((l) => l.fichier === f.fichier), nom).toHaveLength(1);
        continue;
      }
      const row = ledger.find((l) => l.fichier === f.fichier)!;
      expect(row, nom).toMatchObject({ nom: f.nom, statut: f.statut, lignes_lues: f.lues, lignes_chargees: f.chargees, lignes_rejetees: f.rejetees });
      const known = f.table !== null && REPORTS.some((r) => r.table === f.table);
      const [{ loaded } = { loaded: 0 }] = known ? await query<{ loaded: number }>(sql.connection, `SELECT count(*) AS loaded FROM raw.${f.table} WHERE _fichier = $1`, [f.fichier]) : [];
      expect(loaded, `${nom}: rows in raw.${f.table}`).toBe(f.chargees);
      // Line 0 is the single entry of a file refused before any row could be read.
      const lines = new Set(quarantaine.filter((q) => q.fichier === f.fichier && q.ligne > 0).map((q) => q.ligne));
      expect(lines.size, `${nom}: lines in quarantine`).toBe(f.rejetees);
    }
  });

  it("explains every quarantine entry in French, naming the column when there is one", () => {
    expect(quarantaine.length).toBeGreaterThan(50);
    for (const q of [...quarantaine, ...ignorees]) {
      const where = `${q.nom_fichier} ligne ${q.ligne}: ${q.motif}`;
      expect(q.motif.trim().length, where).toBeGreaterThan(10);
      expect(q.motif, where).toMatch(FRENCH);
      expect(q.motif, where).not.toMatch(ENGLISH);
      if (q.colonne !== null) expect(q.motif, where).toContain(`(${q.colonne})`);
    }
  });

  it("keeps a long value once and cut, in the raw value as in the reason that quotes it", () => {
    // The corpus's longest cell has 100 000 characters (CELLULE-100000): 200 of them and the note are kept.
    // That cell is a category (non-blocking): its value is ignored, so the cut value is in raw.valeurs_ignorees.
    const cut = SHOWN_CHARACTERS + "… (100 000 caractères)".length;
    const entries = [...quarantaine, ...ignorees];
    expect(Math.max(...entries.map((q) => q.valeur_brute?.length ?? 0))).toBe(cut);
    for (const q of entries) expect(q.motif, `${q.nom_fichier} ligne ${q.ligne}`).not.toMatch(new RegExp(`« [^«»]{${cut + 1},} »`));
    const pasted = ignorees.find((q) => q.valeur_brute?.endsWith("… (100\u00a0000 caractères)"))!;
    expect(pasted.motif).toContain(`« ${pasted.valeur_brute} »`);
  });

  it("keeps personal values out of the quarantine and out of the raw tables", async () => {
    const clear = ATTENDUS.donnees_personnelles;
    for (const q of [...quarantaine, ...ignorees]) for (const value of clear) expect(`${q.valeur_brute ?? ""} ${q.motif}`, `${q.nom_fichier} ligne ${q.ligne}`).not.toContain(value);
    for (const table of ["sens_emargements", "pe_menages"]) {
      const rows = await query(sql.connection, `SELECT * FROM raw.${table}`);
      expect(rows.length, table).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      for (const value of clear) expect(text, `${table}: ${value}`).not.toContain(value);
    }
    // The masked value is still shown as such where a personal column is at fault.
    const masked = quarantaine.filter((q) => q.valeur_brute === "(donnée personnelle masquée)");
    expect(masked.every((q) => q.table_rapport === "sens_emargements" || q.table_rapport === "pe_menages")).toBe(true);
  });

  it("gives the same outcome through DuckDB as through the JavaScript reader and zod", async () => {
    expect(await dump(sql.connection)).toEqual(await dump(zod.connection));
    const strip = ({ voie: _, ...f }: FileReport) => f;
    for (const [nom, f] of sql.reports) expect(strip(f), nom).toEqual(strip(zod.reports.get(nom)!));
    const voies = [...sql.reports.values()].map((f) => f.voie);
    // The SQL path did apply to the plain UTF-8 CSV files; the others fell back to JavaScript.
    expect(voies.filter((v) => v === "duckdb").length).toBeGreaterThanOrEqual(15);
    expect([...zod.reports.values()].every((f) => f.voie !== "duckdb")).toBe(true);
  });

  it("changes nothing when the same files arrive again", async () => {
    const before = await dump(sql.connection);
    const again = await ingestDirectory(sql.connection, DIR, { pseudonymKey: KEY });
    expect(new Set(again.fichiers.map((f) => f.statut))).toEqual(new Set(["deja_charge"]));
    expect(await dump(sql.connection)).toEqual(before);
  });
});
