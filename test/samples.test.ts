import { FICHE_OPERATORS } from "../pipelines/samples/fiches/index.ts";
import { platformOf } from "../pipelines/samples/saisines.ts";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { reportByTable, REPORTS } from "../pipelines/contracts/index.ts";
import { parseFileName } from "../pipelines/ingest/identify.ts";
import { readCsvBytes } from "../pipelines/read/csv.ts";
import { readXlsxBytes } from "../pipelines/read/xlsx.ts";
import { moisMesureStarts } from "../pipelines/samples/dates.ts";
import { DEFECTS_FILE, generateSamples, type SampleSummary } from "../pipelines/samples/generate.ts";
import { DEPARTEMENT, OPERATORS, PERIODE } from "../pipelines/samples/operators.ts";

const SCALE = 0.2;
const hashes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));

async function readSample(dir: string, name: string) {
  const bytes = readFileSync(join(dir, name));
  if (name.endsWith(".csv")) return readCsvBytes(bytes);
  const report = reportByTable(parseFileName(name)!.table)!;
  const headers = new Set(report.columnList.flatMap((c) => [c.name, c.label]));
  return readXlsxBytes(bytes, { isHeader: (cells) => cells.filter((c) => headers.has(c)).length >= 2 });
}

describe("demo operator files (seeded generator)", () => {
  let dir: string;
  let summary: SampleSummary;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "obs-echantillons-"));
    summary = await generateSamples(dir, { seed: 42, scale: SCALE });
  });

  it("are byte-identical for the same seed, XLSX included, and change with the seed", async () => {
    const again = mkdtempSync(join(tmpdir(), "obs-echantillons-"));
    await generateSamples(again, { seed: 42, scale: SCALE });
    expect(hashes(again)).toEqual(hashes(dir));
    // Two runs within the same two seconds would match anyway: check the zip entries carry the fixed date.
    for (const f of summary.files.filter((x) => x.name.endsWith(".xlsx"))) {
      const bytes = readFileSync(join(dir, f.name));
      const dosDate = bytes.readUInt16LE(12);
      expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31], f.name).toEqual([2026, 11, 1]);
    }
    const other = mkdtempSync(join(tmpdir(), "obs-echantillons-"));
    await generateSamples(other, { seed: 43, scale: SCALE });
    const [a, b] = [hashes(dir), hashes(other)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(b[`lda_mesures__ASSO-LENS-01__${PERIODE}.csv`]).not.toBe(a[`lda_mesures__ASSO-LENS-01__${PERIODE}.csv`]);
  });

  it("name every file <table>__<operator>__<period> after a known contract, every table being sent", () => {
    // Operators, the Département, the Logement d'abord platforms that send the referral tables, the other fiches' operators.
    const platforms = [...new Set(OPERATORS.flatMap((o) => o.activity.map((a) => platformOf(a.territoire))))];
    const operators = new Set([...OPERATORS.map((o) => o.code), DEPARTEMENT, ...platforms, ...FICHE_OPERATORS]);
    const written = readdirSync(dir).filter((f) => f !== DEFECTS_FILE).sort();
    expect(written).toEqual(summary.files.map((f) => f.name).sort());
    for (const f of written) {
      const name = parseFileName(f);
      expect(name, f).not.toBeNull();
      expect(reportByTable(name!.table), f).toBeDefined();
      expect(operators.has(name!.operator), f).toBe(true);
      expect(name!.periode, f).toBe(name!.operator === DEPARTEMENT ? "2026" : PERIODE);
    }
    expect(written).toContain("conventions__CD62__2026.csv");
    // Every contract has demo data: a new contract must come with its sample generator (pipelines/samples/fiches/).
    expect(new Set(summary.files.map((f) => f.table))).toEqual(new Set(REPORTS.map((r) => r.table)));
    expect(new Set(summary.files.map((f) => f.format))).toEqual(new Set(["csv-excel-fr", "csv-utf8", "xlsx-titre", "xlsx-libelles"]));
  });

  it("write the contract's columns in order, the announced number of rows, in each operator's format", async () => {
    const encodings = new Set<string>();
    for (const f of summary.files) {
      const sheet = await readSample(dir, f.name);
      const columns = reportByTable(f.table)!.columnList;
      expect(sheet.headers, f.name).toEqual(columns.map((c) => (f.format === "xlsx-libelles" ? c.label : c.name)));
      expect(sheet.rows.length, f.name).toBe(f.rows);
      expect(f.rows, f.name).toBeGreaterThan(0);
      if (f.format === "xlsx-titre") expect(sheet.headerLine, f.name).toBe(3);
      if (f.name.endsWith(".csv")) {
        const bytes = readFileSync(join(dir, f.name));
        const { encoding, delimiter } = readCsvBytes(bytes);
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        // A Windows-1252 file without accents is also valid UTF-8: only the accented ones tell.
        expect([delimiter, bom], f.name).toEqual(f.format === "csv-utf8" ? [",", true] : [";", false]);
        encodings.add(encoding);
      }
    }
    expect(encodings).toEqual(new Set(["windows-1252", "utf-8"]));
  });

  it("list at least eight kinds of injected defects, each at an existing line and contract column", async () => {
    expect(summary.defects.length).toBeGreaterThanOrEqual(20);
    expect(new Set(summary.defects.map((d) => d.nature)).size).toBeGreaterThanOrEqual(8);
    const written = JSON.parse(readFileSync(join(dir, DEFECTS_FILE), "utf8")) as { defauts: unknown[]; fichiers: unknown[] };
    expect(written.defauts).toEqual(summary.defects);
    expect(written.fichiers).toEqual(summary.files);
    for (const d of summary.defects) {
      const file = summary.files.find((f) => f.name === d.fichier);
      expect(file, d.fichier).toBeDefined();
      expect(reportByTable(d.table)!.columnList.map((c) => c.name)).toContain(d.colonne);
      const sheet = await readSample(dir, d.fichier);
      const row = sheet.rows.find((r) => r.line === d.ligne);
      expect(row, `${d.fichier}:${d.ligne}`).toBeDefined();
      const columnIndex = sheet.headers.indexOf(file!.format === "xlsx-libelles" ? reportByTable(d.table)!.columnList.find((c) => c.name === d.colonne)!.label : d.colonne);
      const cell = row!.values[columnIndex];
      if (!(cell instanceof Date)) expect(String(cell ?? ""), `${d.nature} ${d.fichier}:${d.ligne}`).toBe(d.valeur);
    }
  });

  it("count months consistently with the measures, except the counting errors listed for rule r07", async () => {
    // ASSO-CALAIS-01 sends plain UTF-8 CSV with ISO dates: its counts can be recomputed directly.
    const operator = "ASSO-CALAIS-01";
    const mesures = await readSample(dir, `lda_mesures__${operator}__${PERIODE}.csv`);
    const mois = await readSample(dir, `lda_mois_mesures__${operator}__${PERIODE}.csv`);
    const col = (headers: string[], name: string) => headers.indexOf(name);
    const [iId, iDebut, iFin] = ["id_mesure", "date_debut", "date_fin"].map((c) => col(mesures.headers, c)) as [number, number, number];
    const counted = new Map<string, string[]>();
    for (const r of mois.rows) {
      const id = String(r.values[col(mois.headers, "id_mesure")]);
      counted.set(id, [...(counted.get(id) ?? []), String(r.values[col(mois.headers, "mois")])]);
    }
    const spoiled = new Set(
      summary.defects
        .filter((d) => d.fichier.includes(operator) && (d.table === "lda_mesures" || d.table === "lda_mois_mesures"))
        .map((d) => {
          const sheet = d.table === "lda_mesures" ? mesures : mois;
          return String(sheet.rows.find((r) => r.line === d.ligne)!.values[col(sheet.headers, "id_mesure")]);
        }),
    );
    const mismatched = new Set<string>();
    for (const r of mesures.rows) {
      const id = String(r.values[iId]);
      const expected = moisMesureStarts(String(r.values[iDebut]), String(r.values[iFin] || "2026-10-31")).map((d) => d.slice(0, 7));
      if (JSON.stringify(counted.get(id) ?? []) !== JSON.stringify(expected)) mismatched.add(id);
    }
    const r07 = new Set(summary.anomalies.filter((a) => a.regle === "r07" && a.operateur === operator).map((a) => a.id));
    expect(r07.size).toBeGreaterThan(0);
    for (const id of r07) expect(mismatched.has(id), id).toBe(true);
    for (const id of mismatched) expect(r07.has(id) || spoiled.has(id), id).toBe(true);
  });

  it("announce the business-rule cases the checks must report", () => {
    const regles = new Set(summary.anomalies.map((a) => a.regle));
    for (const r of ["r03", "2.5 r03", "r07", "2.6 r13"]) expect(regles.has(r), r).toBe(true);
    expect(summary.anomalies.filter((a) => a.description.includes("26 ans"))).toHaveLength(1);
  });
});
