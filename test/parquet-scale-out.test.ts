// The scale-out path (issue 16 point 7) on a small fixture: the Logement d'abord files (snapshot 2026-12) plus an
// older snapshot (2026-11) of one measure, so a table spans two partitions and the version rule must choose across
// them. Exported as partitioned Parquet, the models and the secret rerun over views of the folder must give every
// mart row for row; one altered Parquet row must show as a difference.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { comparerAvecSurParquet, verifierSurParquet, BASE_SUR_PARQUET, type VerdictParquet } from "../pipelines/parquet/verifier.ts";
import { executerModelesSurParquet } from "../pipelines/parquet/modeles.ts";
import { PARTITION_NULLE } from "../pipelines/parquet/exporter.ts";
import { applyStatisticalSecret } from "../pipelines/publish/secret.ts";
import { loadFixture } from "./helpers/published.ts";

const REFERENCE = "2026-12-31";
let dossier: string;
let racine: string;
let source: DuckDBConnection;
let verdict: VerdictParquet;

beforeAll(async () => {
  dossier = mkdtempSync(join(tmpdir(), "obs-parquet-"));
  const inbox = join(dossier, "inbox");
  mkdirSync(inbox);
  for (const f of readdirSync("test/fixtures/lda").filter((f) => f.endsWith(".csv"))) copyFileSync(join("test/fixtures/lda", f), join(inbox, f));
  // November's snapshot of OP-A's measure M1 said « M »; December's (the fixture's file) says « F » and must win.
  const [entete, m1] = readFileSync(join(inbox, "lda_mesures__OP-A__2026-12.csv"), "utf8").split("\n") as [string, string];
  expect(m1.startsWith("OP-A,M1,P1,H1,adsl,lens_henin,F,")).toBe(true);
  writeFileSync(join(inbox, "lda_mesures__OP-A__2026-11.csv"), `${entete}\n${m1.replace(",lens_henin,F,", ",lens_henin,M,")}\n`);
  source = await loadFixture(inbox, { dateReference: REFERENCE });
  await applyStatisticalSecret(source);
  racine = join(dossier, "parquet");
  verdict = await verifierSurParquet(source, racine);
});

afterAll(() => {
  if (source) closeDatabase(source);
  if (dossier) rmSync(dossier, { recursive: true, force: true });
});

const sexeI01 = async (catalogue: string, modalite: string) =>
  (
    await query<{ valeur: number }>(
      source,
      `SELECT valeur FROM "${catalogue}".main.mart_indicateurs WHERE fiche = 'f2_4_adsl' AND indicateur = 'i01' AND periode = '2026'
       AND territoire = '62' AND ventilation = 'sexe' AND modalite = $1`,
      [modalite],
    )
  ).map((r) => r.valeur);

describe("export", () => {
  it("writes one folder per table and one Hive partition per file period", () => {
    const partitions = (table: string) => readdirSync(join(racine, "raw", table)).sort();
    // two snapshots of lda_mesures: 2026-11 (added above) and 2026-12; the conventions file is yearly (2026)
    expect(partitions("lda_mesures")).toEqual(["periode_fichier=2026-11", "periode_fichier=2026-12"]);
    expect(partitions("conventions")).toEqual(["periode_fichier=2026"]);
    // the ledger is partitioned by its own period: the yearly conventions, the November file, the December ones
    expect(partitions("fichiers")).toEqual(["periode_fichier=2026", "periode_fichier=2026-11", "periode_fichier=2026-12"]);
    // a table no fixture file fills keeps its columns in one file of the null partition
    expect(existsSync(join(racine, "raw", "pe_menages", `periode_fichier=${PARTITION_NULLE}`, "data_0.parquet"))).toBe(true);
    expect(readdirSync(join(racine, "ref", "communes"))).toEqual(["data_0.parquet"]);
    const mesures = verdict.tables.find((t) => t.table === "lda_mesures")!;
    // every data line of the two December files (header excluded) plus the one November line
    const lignesFichiers = ["lda_mesures__OP-A__2026-12.csv", "lda_mesures__OP-B__2026-12.csv"]
      .map((f) => readFileSync(join("test/fixtures/lda", f), "utf8").trim().split("\n").length - 1)
      .reduce((a, b) => a + b, 1);
    expect(mesures.lignes).toBe(lignesFichiers);
    expect(mesures.partitions).toEqual(["2026-11", "2026-12"]);
  });
});

describe("models over Parquet", () => {
  it("read views over read_parquet only: no table is loaded into raw or ref", async () => {
    const base = await openDatabase(join(racine, BASE_SUR_PARQUET), { readOnly: true });
    try {
      const [{ tables }] = (await query<{ tables: number }>(base, "SELECT count(*) AS tables FROM duckdb_tables() WHERE schema_name IN ('raw', 'ref')")) as [{ tables: number }];
      const vues = await query<{ sql: string }>(base, "SELECT sql FROM duckdb_views() WHERE schema_name IN ('raw', 'ref')");
      expect(tables).toBe(0);
      expect(vues).toHaveLength(verdict.tables.length);
      expect(vues.every((v) => v.sql.includes("read_parquet("))).toBe(true);
    } finally {
      closeDatabase(base);
    }
  });

  it("give every mart of the database row for row, the published one included", () => {
    const marts = verdict.ecarts.map((e) => e.mart);
    expect(marts).toContain("mart_indicateurs");
    expect(marts).toContain("mart_indicateurs_publics");
    expect(verdict.ecarts.find((e) => e.mart === "mart_indicateurs")!.lignes_gauche).toBeGreaterThan(0);
    expect(verdict.ecarts.filter((e) => e.seulement_gauche || e.seulement_droite || e.lignes_gauche !== e.lignes_droite)).toEqual([]);
    expect(verdict.identiques).toBe(true);
  });

  it("keep December's snapshot over November's across partitions", async () => {
    // 2026 persons by sex (lda-fixture.test.ts): F = OP-A/P1 (M1, December says F), OP-B/P1 = 2
    expect(await sexeI01("memory", "F")).toEqual([2]);
  });

  it("show a difference when one Parquet row is altered", async () => {
    const partition = join(racine, "raw", "lda_mesures", "periode_fichier=2026-12");
    const [fichier] = readdirSync(partition);
    const chemin = join(partition, fichier!);
    const edition = await openDatabase(":memory:");
    try {
      await edition.run(
        `COPY (SELECT * REPLACE (CASE WHEN code_operateur = 'OP-A' AND id_mesure = 'M1' THEN 'M' ELSE sexe END AS sexe) FROM read_parquet('${chemin}'))
         TO '${chemin}.modifie' (FORMAT parquet)`,
      );
    } finally {
      closeDatabase(edition);
    }
    renameSync(`${chemin}.modifie`, chemin);
    const base = join(racine, BASE_SUR_PARQUET);
    const { connection } = await executerModelesSurParquet(racine, base);
    closeDatabase(connection);
    const ecarts = await comparerAvecSurParquet(source, base);
    const indicateurs = ecarts.find((e) => e.mart === "mart_indicateurs")!;
    expect(indicateurs.seulement_gauche).toBeGreaterThan(0);
    expect(indicateurs.seulement_droite).toBeGreaterThan(0);
    await source.run(`ATTACH '${base}' AS modifie (READ_ONLY)`);
    try {
      // M1 now « M » in both snapshots: F = OP-B/P1 alone = 1; M = OP-A/P1, OP-A/P2, OP-A/P7 = 3 (was 2)
      expect(await sexeI01("modifie", "F")).toEqual([1]);
      expect(await sexeI01("modifie", "M")).toEqual([3]);
    } finally {
      await source.run("DETACH modifie");
    }
  });
});
