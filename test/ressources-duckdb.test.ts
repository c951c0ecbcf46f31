// DuckDB's memory bound and spill folder (pipelines/db/ressources.ts): sized from the machine, applied to every
// database the project opens, and an invalid override stops with the expected form; how many models run at once.
import { describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { dossierTemporaire, LIGNES_BRUTES_SIMULTANEES, memoireMo, memoireParDefautMo, modelesSimultanes } from "../pipelines/db/ressources.ts";
import { plusLents } from "../pipelines/models/chronos.ts";

const GO = 1024 ** 3;

describe("mémoire de DuckDB", () => {
  it("un douzième de la RAM, entre 512 Mo et 2 Go", () => {
    expect(memoireParDefautMo(4 * GO)).toBe(512); // 4 Go / 12 = 341 Mo → plancher
    expect(memoireParDefautMo(18 * GO)).toBe(1536); // 18 432 Mo / 12
    expect(memoireParDefautMo(24 * GO)).toBe(2048);
    expect(memoireParDefautMo(256 * GO)).toBe(2048); // plafond
  });

  it("OBS_DUCKDB_MEMOIRE en mégaoctets, sinon un message qui dit la forme attendue", () => {
    expect(memoireMo("2048")).toBe(2048);
    expect(() => memoireMo("2GB")).toThrow(/OBS_DUCKDB_MEMOIRE=2GB : attendu un nombre entier de mégaoctets/);
    expect(() => memoireMo("10")).toThrow(/au moins 64/);
  });

  it("chaque base ouverte par le projet porte la limite et son dossier de débordement", async () => {
    const connection = await openDatabase(":memory:");
    try {
      const [row] = await query<{ limite: string; dossier: string }>(
        connection,
        "SELECT current_setting('memory_limit') AS limite, current_setting('temp_directory') AS dossier",
      );
      // DuckDB prints the limit in its unit with one decimal, cut rather than rounded (« 1004.0 MiB », « 1.9 GiB » for
      // 2 008 MiB): the figure must be ours to that tenth, not 80 % of the RAM.
      const [, nombre, unite] = /^([\d.]+) (MiB|GiB)$/.exec(row!.limite) ?? [];
      const pas = unite === "GiB" ? 1024 / 10 : 1 / 10;
      const lu = Number(nombre) * (unite === "GiB" ? 1024 : 1);
      expect(memoireMo() - lu).toBeGreaterThanOrEqual(0);
      expect(memoireMo() - lu).toBeLessThan(pas);
      expect(row!.dossier).toBe(dossierTemporaire(":memory:"));
    } finally {
      closeDatabase(connection);
    }
  });
});

describe("chronos des modèles", () => {
  it("les plus lents d'abord, table et tests comptés ensemble, part du total", () => {
    const lignes = plusLents(
      [
        { modele: "a", lignes: 1, secondes_table: 1, secondes_tests: 0 },
        { modele: "b", lignes: 2, secondes_table: 2, secondes_tests: 1 },
        { modele: "c", lignes: 3, secondes_table: 0.5, secondes_tests: 0.5 },
      ],
      2,
    );
    expect(lignes).toHaveLength(2);
    expect(lignes[0]).toMatch(/^\s+b\s+3,00 s \(60 %\) dont tests 1,00 s, 2 lignes$/);
    expect(lignes[1]).toMatch(/^\s+a\s+1,00 s \(20 %\)/);
  });
});

describe("modelesSimultanes", () => {
  it("runs three at once on small data and one at a time on large data", () => {
    expect(modelesSimultanes(29_000, "")).toBe(3);
    expect(modelesSimultanes(LIGNES_BRUTES_SIMULTANEES, "")).toBe(3);
    expect(modelesSimultanes(LIGNES_BRUTES_SIMULTANEES + 1, "")).toBe(1);
  });

  it("takes OBS_MODELES_SIMULTANES when set, and refuses anything but a whole number from 1", () => {
    expect(modelesSimultanes(29_000, "1")).toBe(1);
    expect(modelesSimultanes(5_000_000, "4")).toBe(4);
    expect(() => modelesSimultanes(0, "0")).toThrow(/OBS_MODELES_SIMULTANES=0 : attendu un nombre entier/);
    expect(() => modelesSimultanes(0, "deux")).toThrow(/OBS_MODELES_SIMULTANES=deux/);
  });
});
