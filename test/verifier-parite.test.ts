// « Vérifier un fichier » gives the pipeline's verdict: the checker the page runs in the browser (verifierFichier, from
// the file's bytes and name) and the ingest (ingestFile into DuckDB, SQL path where it applies, key set) judge the same
// files — the bad-input corpus, the test fixtures and every demo sample file — and must agree row by row: same table,
// operator and period, same file-level refusal, same warnings, same rows refused at the same lines, columns, values and
// reasons. Each file is ingested alone, in an empty database: the checker knows no ledger (a file already loaded, a
// later version already there), and says so on the page.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestFile, operatorFiles, prepareRawSchema } from "../pipelines/ingest/index.ts";
import { DEMO_KEY } from "../pipelines/ingest/pseudonymise.ts";
import { type Verdict, verifierFichier } from "../pipelines/ingest/verifier.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";

interface Comparable {
  statut: string;
  table: string | null;
  operateur: string | null;
  periode: string | null;
  motif: string | null;
  avertissements: string[];
  lues: number;
  chargees: number;
  rejetees: number;
  refus: [number, string | null, string | null, string][];
}

const ordre = (a: Comparable["refus"][number], b: Comparable["refus"][number]) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;

async function pipeline(path: string): Promise<Comparable> {
  const connection = await openDatabase(":memory:");
  try {
    await prepareRawSchema(connection);
    const f = await ingestFile(connection, path, { pseudonymKey: DEMO_KEY });
    const quarantaine = await query<{ ligne: number; colonne: string | null; valeur_brute: string | null; motif: string }>(
      connection,
      "SELECT ligne, colonne, valeur_brute, motif FROM raw.quarantaine",
    );
    return {
      statut: f.statut,
      table: f.table,
      operateur: f.operateur,
      periode: f.periode,
      motif: f.statut === "rejete" ? f.motif : null,
      avertissements: f.avertissements,
      lues: f.lues,
      chargees: f.chargees,
      rejetees: f.rejetees,
      refus: quarantaine.map((q) => [Number(q.ligne), q.colonne, q.valeur_brute, q.motif] as Comparable["refus"][number]).sort(ordre),
    };
  } finally {
    closeDatabase(connection);
  }
}

const comparable = (v: Verdict): Comparable => ({
  statut: v.statut,
  table: v.table,
  operateur: v.operateur,
  periode: v.periode,
  motif: v.motif,
  avertissements: v.avertissements,
  lues: v.lues,
  chargees: v.chargees,
  rejetees: v.rejetees,
  refus: v.refus.map((q) => [q.line, q.column, q.rawValue, q.reason] as Comparable["refus"][number]).sort(ordre),
});

const fichiers = (dir: string) => operatorFiles(dir);

describe("« Vérifier un fichier » et le pipeline", () => {
  let samples: string;
  beforeAll(async () => {
    samples = mkdtempSync(join(tmpdir(), "obs-verifier-"));
    await generateSamples(samples, { seed: 7, scale: 0.2 });
  }, 120_000);

  const corpus = ["test/fixtures/bad", "test/fixtures/bad/tardifs", "test/fixtures/ingest", "test/fixtures/ingest-sql", "test/fixtures/lda"];

  it.each(corpus)("même verdict, ligne à ligne, sur chaque fichier de %s", async (dir) => {
    const paths = fichiers(dir);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const attendu = await pipeline(path);
      const obtenu = comparable(await verifierFichier(new Uint8Array(readFileSync(path)), basename(path)));
      expect(obtenu, path).toEqual(attendu);
    }
  }, 120_000);

  it("même verdict, ligne à ligne, sur chaque fichier de démonstration", async () => {
    const paths = fichiers(samples);
    expect(paths.length).toBeGreaterThan(20);
    let refusees = 0;
    for (const path of paths) {
      const attendu = await pipeline(path);
      const obtenu = comparable(await verifierFichier(new Uint8Array(readFileSync(path)), basename(path)));
      expect(obtenu, path).toEqual(attendu);
      refusees += obtenu.rejetees;
    }
    // The demo files carry injected defects: a comparison of files with nothing refused would prove little.
    expect(refusees).toBeGreaterThan(10);
  }, 240_000);

  it("le corpus de fichiers défectueux couvre les refus de fichier entier et les avertissements", async () => {
    const verdicts = await Promise.all(fichiers("test/fixtures/bad").map(async (p) => verifierFichier(new Uint8Array(readFileSync(p)), basename(p))));
    expect(verdicts.filter((v) => v.statut === "rejete").length).toBeGreaterThan(10);
    expect(verdicts.some((v) => v.avertissements.some((a) => a.includes("inconnue du modèle")))).toBe(true);
    expect(verdicts.some((v) => v.reconnuPar === "en-tetes")).toBe(true);
  });
});
