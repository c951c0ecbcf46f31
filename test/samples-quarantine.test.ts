import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { reportByTable } from "../pipelines/contracts/index.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { parseFileName } from "../pipelines/ingest/identify.ts";
import { ingestDirectory, type IngestReport } from "../pipelines/ingest/index.ts";
import { DEMO_KEY } from "../pipelines/ingest/pseudonymise.ts";
import { readXlsxBytes } from "../pipelines/read/xlsx.ts";
import { generateSamples, type SampleSummary } from "../pipelines/samples/generate.ts";

const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
/** CSV bytes, and XLSX cell contents (the zip container stamps its entries with the current time). */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".xlsx")) out[f] = sha(readFileSync(join(dir, f)));
    else {
      const sheet = await readXlsxBytes(readFileSync(join(dir, f)), { isHeader: (cells) => cells.includes("code_operateur") || cells.includes("Code opérateur") });
      out[f] = sha(JSON.stringify(sheet));
    }
  }
  return out;
}

describe("demo operator files", () => {
  let dir: string;
  let summary: SampleSummary;
  let report: IngestReport;
  let connection: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "obs-samples-"));
    summary = await generateSamples(dir, { scale: 0.5 });
    connection = await openDatabase(":memory:");
    // As the demo build does: the sign-in sheets and household bilans carry personal columns, hashed with the demo key.
    report = await ingestDirectory(connection, dir, { pseudonymKey: DEMO_KEY });
  });

  it("are identical for the same seed", async () => {
    const again = mkdtempSync(join(tmpdir(), "obs-samples-"));
    await generateSamples(again, { scale: 0.5 });
    expect(await fingerprint(again)).toEqual(await fingerprint(dir));
  });

  it("follow the file-name convention, one known report table each", () => {
    for (const f of summary.files) {
      const name = parseFileName(f.name);
      expect(name, f.name).not.toBeNull();
      expect(reportByTable(name!.table), f.name).toBeDefined();
    }
    expect(new Set(summary.files.map((f) => f.name.split(".").pop()))).toEqual(new Set(["csv", "xlsx"]));
  });

  it("inject at least eight kinds of defect, each caught by the quarantine at its file, line and column", async () => {
    expect(new Set(summary.defects.map((d) => d.nature)).size).toBeGreaterThanOrEqual(8);
    const quarantined = await query<{ nom_fichier: string; ligne: number; colonne: string | null }>(
      connection,
      "SELECT nom_fichier, ligne, colonne FROM raw.quarantaine",
    );
    for (const d of summary.defects.filter((d) => !d.ignoree)) {
      const caught = quarantined.some((q) => q.nom_fichier === d.fichier && (q.ligne === d.ligne || q.colonne === null) && (q.colonne === d.colonne || q.colonne === null));
      expect(caught, `${d.nature} — ${d.fichier} ligne ${d.ligne} colonne ${d.colonne}`).toBe(true);
    }
  });

  it("report each bad value of a non-blocking column as ignored, at its file, line and column, and load its row", async () => {
    const ignored = summary.defects.filter((d) => d.ignoree);
    expect(ignored.length).toBeGreaterThan(0);
    const entries = await query<{ nom_fichier: string; ligne: number; colonne: string; valeur_brute: string }>(connection, "SELECT nom_fichier, ligne, colonne, valeur_brute FROM raw.valeurs_ignorees");
    expect(entries.map((e) => `${e.nom_fichier}:${e.ligne}:${e.colonne}:${e.valeur_brute}`).sort()).toEqual(ignored.map((d) => `${d.fichier}:${d.ligne}:${d.colonne}:${d.valeur}`).sort());
    for (const f of report.fichiers) expect(f.valeurs_ignorees, f.nom).toBe(ignored.filter((d) => d.fichier === f.nom).length);
  });

  it("account for every row: read = loaded + rejected, and nothing else is rejected", async () => {
    for (const f of report.fichiers) expect(f.lues, f.nom).toBe(f.chargees + f.rejetees);
    const rejectedRows = report.fichiers.reduce((s, f) => s + f.rejetees, 0);
    // Each injected defect spoils one row, except the duplicated id, which leaves its first occurrence loaded.
    expect(rejectedRows).toBe(new Set(summary.defects.filter((d) => !d.ignoree).map((d) => `${d.fichier}:${d.ligne}`)).size);
  });
});
