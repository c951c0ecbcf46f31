// The model runner: data tests read from header comments, dependency order derived from the SQL text, failures
// that name the model, the test and the rows; and the reference loader.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { dataTestsOf } from "../pipelines/models/data-tests.ts";
import { loadReference, referenceTableName } from "../pipelines/models/reference.ts";
import { dependencyOrder, readModels, runModels, SQL_DIR } from "../pipelines/models/run.ts";

/** A folder of models (name → SQL), with reconciliation tests when given. */
function modelsDir(models: Record<string, string>, tests?: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "obs-modeles-"));
  for (const [name, sql] of Object.entries(models)) writeFileSync(join(dir, `${name}.sql`), sql);
  if (tests) {
    mkdirSync(join(dir, "tests"));
    for (const [name, sql] of Object.entries(tests)) writeFileSync(join(dir, "tests", `${name}.sql`), sql);
  }
  return dir;
}

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDatabase(":memory:");
});

describe("data tests declared in header comments", () => {
  it("reads the four kinds, with a trailing comment allowed", () => {
    const tests = dataTestsOf(
      "mart_x",
      [
        "-- test: unique(a, b)  -- one row per pair",
        "-- test: not_null(a, b)",
        "-- test: accepted_values(niveau: departement, ami)",
        "--test: expression(valeur >= 0 AND f(x) < 3)",
        "SELECT 1",
      ].join("\n"),
    );
    expect(tests.map((t) => t.label)).toEqual(["unique(a, b)", "not_null(a, b)", "accepted_values(niveau: departement, ami)", "expression(valeur >= 0 AND f(x) < 3)"]);
    expect(tests[2]!.sql).toContain("NOT IN ('departement', 'ami')");
  });

  it("refuses a declaration it cannot read instead of skipping it", () => {
    expect(() => dataTestsOf("mart_x", "-- test: unique(a, b) because")).toThrow(/mart_x.*illisible.*unique\(a, b\) because/);
    expect(() => dataTestsOf("mart_x", "-- test: positive(valeur)")).toThrow(/mart_x.*type de test inconnu « positive »/);
    expect(() => dataTestsOf("mart_x", "-- test: accepted_values(a, b)")).toThrow(/mart_x.*accepted_values\(colonne: a, b, c\)/);
  });
});

describe("dependency order", () => {
  it("follows references in the SQL, not in comments, strings or other schemas", () => {
    const dir = modelsDir({
      mart_c: "-- built from int_b (not from staging_z, only named here)\nSELECT * FROM int_b",
      int_b: "SELECT *, 'staging_z' AS note FROM staging_a",
      staging_a: "SELECT 1 AS x",
      staging_z: "SELECT * FROM raw.mart_c",
    });
    const models = readModels(dir);
    expect(Object.fromEntries(models.map((m) => [m.name, m.dependsOn]))).toEqual({ int_b: ["staging_a"], mart_c: ["int_b"], staging_a: [], staging_z: [] });
    // alphabetical among independent models, each after what it reads
    expect(dependencyOrder(models).map((m) => m.name)).toEqual(["staging_a", "int_b", "mart_c", "staging_z"]);
  });

  it("names the models of a cycle", () => {
    const models = readModels(modelsDir({ int_a: "SELECT * FROM int_b", int_b: "SELECT * FROM int_a" }));
    expect(() => dependencyOrder(models)).toThrow(/Dépendance circulaire entre modèles : int_a → int_b → int_a/);
  });
});

describe("runModels", () => {
  it("builds each model as a table, reports name, rows and time, and runs without a tests folder", async () => {
    const lines: string[] = [];
    await runModels(connection, {
      dir: modelsDir({ staging_un: "-- test: not_null(x)\nSELECT 1 AS x UNION ALL SELECT 2;", int_deux: "SELECT x * 2 AS y FROM staging_un" }),
      onProgress: (l) => lines.push(l),
    });
    expect(await query(connection, "SELECT y FROM int_deux ORDER BY y")).toEqual([{ y: 2 }, { y: 4 }]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/staging_un\s+2 lignes\s+\d+ ms/);
    expect(lines[1]).toMatch(/int_deux\s+2 lignes\s+\d+ ms/);
  });

  it("stops on a failing data test, naming the model, the test and the failing rows", async () => {
    const dir = modelsDir({ staging_doublon: "-- test: unique(x)\nSELECT 1 AS x UNION ALL SELECT 1" });
    await expect(runModels(connection, { dir })).rejects.toThrow(/modèle staging_doublon : unique\(x\) :\s+\{"x":1,"occurrences":2\}/);
  });

  it("treats an expression that cannot be evaluated (NULL) as failing", async () => {
    const dir = modelsDir({ mart_vide: "-- test: expression(valeur >= 0)\nSELECT CAST(NULL AS INTEGER) AS valeur" });
    await expect(runModels(connection, { dir })).rejects.toThrow(/modèle mart_vide : expression\(valeur >= 0\)/);
  });

  it("stops on a failing reconciliation test, naming its file", async () => {
    const dir = modelsDir({ mart_total: "SELECT 3 AS total" }, { total_positif: "-- the total is 4\nSELECT total FROM mart_total WHERE total <> 4;" });
    await expect(runModels(connection, { dir })).rejects.toThrow(/réconciliation total_positif \(sql\/tests\/total_positif\.sql\) :\s+\{"total":3\}/);
  });

  it("names the model whose SQL fails", async () => {
    const dir = modelsDir({ int_casse: "SELECT * FROM table_absente" });
    await expect(runModels(connection, { dir })).rejects.toThrow(/Modèle int_casse en échec : .*table_absente/);
  });

  it("with liberer, drops an intermediate after its last reader, a reconciliation being one, and never a mart", async () => {
    const c = await openDatabase(":memory:");
    await runModels(c, {
      dir: modelsDir(
        { staging_l: "SELECT 1 AS x", int_l: "SELECT x + 1 AS x FROM staging_l", int_garde: "SELECT x FROM staging_l", mart_l: "SELECT x FROM int_l UNION ALL SELECT x FROM int_garde" },
        { garde: "SELECT * FROM int_garde WHERE x <> 1" },
      ),
      liberer: true,
    });
    const tables = (await query<{ t: string }>(c, "SELECT table_name AS t FROM duckdb_tables() ORDER BY 1")).map((r) => r.t);
    // staging_l is last read by int_l or int_garde, int_l by mart_l, int_garde by mart_l or the reconciliation (which
    // would fail on a missing table, had it run after the drop): all dropped.
    expect(tables).toEqual(["mart_l"]);
    expect(await query(c, "SELECT x FROM mart_l ORDER BY x")).toEqual([{ x: 1 }, { x: 2 }]);
  });
});

describe("the project's models", () => {
  const models = readModels(SQL_DIR);
  const layer = (name: string) => name.split("_")[0]!;

  it("declare data tests that can all be read, at least one per model", () => {
    for (const m of models) expect(m.tests.length, m.name).toBeGreaterThan(0);
  });

  it("respect the layering: staging reads only raw and ref, int never reads a mart", () => {
    for (const m of models) {
      if (layer(m.name) === "staging") expect(m.dependsOn, m.name).toEqual([]);
      if (layer(m.name) === "int") expect(m.dependsOn.filter((d) => layer(d) === "mart"), m.name).toEqual([]);
    }
    const order = dependencyOrder(models).map((m) => m.name);
    expect(order.indexOf("staging_lda_mesures")).toBeLessThan(order.indexOf("int_lda_mois_mesures"));
    expect(order.indexOf("int_lda_faits")).toBeLessThan(order.indexOf("mart_lda_indicateurs"));
    expect(order.indexOf("mart_lda_indicateurs")).toBeLessThan(order.indexOf("mart_indicateurs"));
  });
});

describe("reference data", () => {
  it("loads every sources/reference CSV into schema ref, codes as text, amounts as numbers", async () => {
    const db = await openDatabase(":memory:");
    const tables = await loadReference(db);
    expect(tables).toEqual(expect.arrayContaining(["communes", "territoires_lda", "parametres", "fiches", "indicateurs", "amis"]));
    expect(referenceTableName("ref_parametres.csv")).toBe("parametres");
    const types = Object.fromEntries(
      (await query<{ c: string; t: string }>(
        db,
        `SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'ref'
         AND (table_name, column_name) IN (('communes', 'code_commune'), ('communes', 'population'), ('parametres', 'valeur'), ('parametres', 'exercice'))`,
      )).map((r) => [r.c, r.t]),
    );
    expect(types).toEqual({ "communes.code_commune": "VARCHAR", "communes.population": "BIGINT", "parametres.valeur": "DOUBLE", "parametres.exercice": "VARCHAR" });
    const [tarif] = await query(db, "SELECT valeur FROM ref.parametres WHERE fiche = 'f2_5_vial' AND parametre = 'tarif_12_mois_vial'");
    expect(tarif).toEqual({ valeur: 7000 });
  });

  it("names the file when a number cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-ref-"));
    writeFileSync(join(dir, "ref_parametres.csv"), "fiche,exercice,parametre,valeur\nf2_4_adsl,2026,tarif,cinq mille\n");
    await expect(loadReference(await openDatabase(":memory:"), dir)).rejects.toThrow(/ref_parametres\.csv illisible/);
  });
});
