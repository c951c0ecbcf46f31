// The SQL path (DuckDB reads the CSV and checks it with SQL derived from the contracts) must load, reject and explain
// exactly as the JavaScript reader and zod do: same ledger, same raw rows, same quarantine, on tricky hand-made files,
// on the test fixtures and on every demo sample file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory, type IngestReport } from "../pipelines/ingest/index.ts";
import { DEMO_KEY } from "../pipelines/ingest/pseudonymise.ts";
import { TEXT_IS_VALUE } from "../pipelines/ingest/sql-normalise.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";

interface Outcome {
  report: IngestReport;
  state: Record<string, unknown[]>;
}

/** Everything an ingest leaves in the database, in a stable order. */
async function dump(connection: DuckDBConnection): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {
    fichiers: await query(connection, "SELECT * EXCLUDE (charge_le) FROM raw.fichiers ORDER BY nom"),
    quarantaine: await query(connection, "SELECT * FROM raw.quarantaine ORDER BY ALL"),
    valeurs_ignorees: await query(connection, "SELECT * FROM raw.valeurs_ignorees ORDER BY ALL"),
  };
  for (const r of REPORTS) state[r.table] = await query(connection, `SELECT * FROM raw.${r.table} ORDER BY _fichier, _ligne`);
  return state;
}

async function ingest(dirs: string[], sql: boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const dir of dirs) {
    const connection = await openDatabase(":memory:");
    const report = await ingestDirectory(connection, dir, { sql, pseudonymKey: DEMO_KEY });
    outcomes.push({ report, state: await dump(connection) });
    closeDatabase(connection);
  }
  return outcomes;
}

const voies = (o: Outcome) => Object.fromEntries(o.report.fichiers.map((f) => [f.nom, f.voie]));

describe("SQL-side validation", () => {
  let samples: string;
  const dirs: string[] = [];
  let zod: Outcome[];
  let sql: Outcome[];
  beforeAll(async () => {
    samples = mkdtempSync(join(tmpdir(), "obs-parite-"));
    await generateSamples(samples, { seed: 7, scale: 0.2 });
    dirs.push("test/fixtures/ingest-sql", "test/fixtures/ingest", "test/fixtures/lda", samples);
    zod = await ingest(dirs, false);
    sql = await ingest(dirs, true);
  }, 240_000);

  it("accepts, rejects and explains the tricky rows exactly as zod does", () => {
    expect(sql[0]!.state).toEqual(zod[0]!.state);
    const mesures = sql[0]!.report.fichiers.find((f) => f.table === "lda_mesures" && f.nom.includes("__ASSO-9__"));
    // 19 data lines, 2 of them blank (a row of spaces and tabs, a row of separators): 17 read.
    // Accepted: M1, M2 (labels, d/m/yy, « O »…), M5 (line 7, labels), M10, M11 (sex X read « non renseigné »,
    // « isolment » ignored: both non-blocking), M12, M13 (Excel serial date) = 7.
    // Rejected: M3 (exit without end date), M4 (31/02), M1 again (line 6), M5 again (line 8: first at line 7),
    // ASSO-8 (operator), M7 (age 111), M8 (age 1234567890), M9 (end before start), M14 (start in 1900),
    // M15 (start in 2099) = 10.
    expect([mesures!.lues, mesures!.chargees, mesures!.rejetees, mesures!.valeurs_ignorees]).toEqual([17, 7, 10, 2]);
    const ignorees = (sql[0]!.state.valeurs_ignorees as { fichier: string; colonne: string; valeur_brute: string }[]).filter((q) => q.fichier === mesures!.fichier);
    expect(ignorees.map((q) => [q.colonne, q.valeur_brute])).toEqual([["sexe", "X"], ["vulnerabilites", "isolment"]]);
    const invraisemblables = (sql[0]!.state.quarantaine as { fichier: string; ligne: number; motif: string }[]).filter((q) => q.motif.includes("invraisemblable"));
    expect(invraisemblables.map((q) => q.ligne)).toEqual([19, 20]);
    expect(mesures!.voie).toBe("duckdb");
    const doublon = (sql[0]!.state.quarantaine as { fichier: string; ligne: number; motif: string }[]).find((q) => q.fichier === mesures!.fichier && q.ligne === 8)!;
    expect(doublon.motif).toContain("déjà présent ligne 7");
  });

  it("normalises decimals, dates and booleans to the values zod gives", () => {
    const subsides = sql[0]!.state.envaul_subsides as { _fichier: string; id_subside: string; montant: number; justificatif: boolean }[];
    const asso9 = sql[0]!.report.fichiers.find((f) => f.nom.includes("ASSO-9") && f.table === "envaul_subsides")!;
    const montants = Object.fromEntries(subsides.filter((s) => s._fichier === asso9.fichier!).map((s) => [s.id_subside, Number(s.montant)]));
    // 85.40 | "85,4" | "1 234,50" | 1.234 (thousands group) | "1,234" (decimal comma) | 0.600 (a rate, not a group) |
    // -5 and 5000.01 outside 0–5000 | 2026-02-30 | « 12 € » | « Loyer » accepted, « peut-être » not | S1 twice | "S12" quoted
    expect(montants).toEqual({ S1: 85.4, S2: 85.4, S3: 1234.5, S4: 1234, S5: 1.23, S6: 0.6, S10: 12, S12: 4.5 });
    expect(asso9.voie).toBe("duckdb");
  });

  it("leaves a file with a blank line inside to the JavaScript reader, which counts its lines", () => {
    const asso7 = sql[0]!.report.fichiers.find((f) => f.nom.includes("ASSO-7"))!;
    expect(asso7.voie).toBe("javascript");
    const lignes = (sql[0]!.state.quarantaine as { fichier: string; ligne: number; motif: string }[]).filter((q) => q.fichier === asso7.fichier);
    // The blank line is line 5: S8 (−5) is on line 10 there, against 9 in the ASSO-9 file.
    expect(lignes.find((q) => q.motif.includes("minimum"))?.ligne).toBe(10);
  });

  it("leaves « #… » texts and « 018 » to zod, and a quoted line break to the JavaScript reader", () => {
    const file = (operator: string) => sql[0]!.report.fichiers.find((f) => f.nom.includes(`__${operator}__`))!;
    const quarantine = (operator: string) =>
      (sql[0]!.state.quarantaine as { fichier: string; ligne: number; valeur_brute: string; motif: string }[]).filter((q) => q.fichier === file(operator).fichier);
    // ASSO-11: #M1 (age « 018 ») and M2 loaded; #N/A (line 4) refused; M2 again (line 5) a duplicate of line 3.
    expect([file("ASSO-11").voie, file("ASSO-11").chargees, file("ASSO-11").rejetees]).toEqual(["duckdb", 2, 2]);
    expect(quarantine("ASSO-11").map((q) => [q.ligne, q.valeur_brute])).toEqual([[4, "#N/A"], [5, "M2"]]);
    // ASSO-10: « P4⏎bis » spans lines 5–6, so #N/A is on line 8, as the JavaScript reader counts.
    expect([file("ASSO-10").voie, file("ASSO-10").lues, file("ASSO-10").chargees]).toEqual(["javascript", 6, 5]);
    expect(quarantine("ASSO-10").map((q) => q.ligne)).toEqual([8]);
  });

  it("ignores a non-blocking value in both paths, but not in a duplicate nor in a row a blocking value refuses", () => {
    const file = sql[0]!.report.fichiers.find((f) => f.nom.includes("__ASSO-12__"))!;
    // Line 2: M1 with sex « X » → loads, sex read « non renseigné », one ignored value. Line 3: M1 again → duplicate,
    // nothing ignored. Line 4: M2 loads. Line 5: M3, age « trente » (blocking) and family « seul » → refused with both.
    expect([file.voie, file.lues, file.chargees, file.rejetees, file.valeurs_ignorees]).toEqual(["duckdb", 4, 2, 2, 1]);
    const ignorees = (sql[0]!.state.valeurs_ignorees as { fichier: string; ligne: number; colonne: string }[]).filter((q) => q.fichier === file.fichier);
    expect(ignorees.map((q) => [q.ligne, q.colonne])).toEqual([[2, "sexe"]]);
    const rejets = (sql[0]!.state.quarantaine as { fichier: string; ligne: number; colonne: string }[]).filter((q) => q.fichier === file.fichier);
    expect(rejets.map((q) => [q.ligne, q.colonne])).toEqual([[3, "id_mesure"], [5, "age_entree"], [5, "composition_familiale"]]);
    const mesures = (sql[0]!.state.lda_mesures as { _fichier: string; id_mesure: string; sexe: string }[]).filter((m) => m._fichier === file.fichier);
    expect(mesures.map((m) => [m.id_mesure, m.sexe])).toEqual([["M1", "non_renseigne"], ["M2", "F"]]);
  });

  it("quotes a duplicate's key as written: every contract's last key column is of a kind whose SQL spelling is its value", () => {
    const kinds = REPORTS.map((r) => r.columnList.find((c) => c.name === r.key[r.key.length - 1])!.kind);
    expect(kinds.filter((k) => !TEXT_IS_VALUE.has(k))).toEqual([]);
  });

  it("gives the same outcome as zod on the test fixtures and on every demo sample file", () => {
    for (const i of [1, 2, 3]) expect(sql[i]!.state, dirs[i]).toEqual(zod[i]!.state);
    const sampleVoies = Object.values(voies(sql[3]!));
    // The demo files in UTF-8 CSV go through DuckDB; Windows-1252 and XLSX ones through JavaScript.
    expect(sampleVoies.filter((v) => v === "duckdb").length).toBeGreaterThan(5);
    expect(sampleVoies.filter((v) => v === "javascript").length).toBeGreaterThan(5);
  });
});
