// Intermediate models are tables of the run's in-memory database (pipelines/models/persistance.ts): a reader of the installed
// database that names one not listed there would find no table. The readers are the site's loaders and components,
// the feedback workbooks, and the tests that open the built database; any staging_/int_ model they name, other than
// as a file (sql/<model>.sql), must be listed with its readers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estPersiste, INTERMEDIAIRES_LUS_APRES } from "../pipelines/models/persistance.ts";
import { readModels } from "../pipelines/models/run.ts";

const LECTEURS = ["pipelines/site", "pipelines/retours", "observatory", "test/e2e", "test/helpers/differencing.ts"];
const SOURCE = /\.(ts|js|md)$/;

function fichiers(chemin: string): string[] {
  if (!statSync(chemin).isDirectory()) return [chemin];
  return readdirSync(chemin, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && e.name !== "node_modules")
    .flatMap((e) => (e.isDirectory() ? fichiers(join(chemin, e.name)) : SOURCE.test(e.name) ? [join(chemin, e.name)] : []));
}

/** Test files that open the installed database (or the one the site was built from). */
const testsSurLaBase = readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => join("test", f))
  .filter((f) => f !== "test/persistance-modeles.test.ts" && /databaseOfBuild|build\/observatoire\.duckdb/.test(readFileSync(f, "utf8")));

/** The text without its whole comment lines (// …, and the * lines of a block comment): a name in prose reads nothing. */
const code = (texte: string) => texte.split("\n").filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join("\n");

describe("modèles intermédiaires lus après le pipeline", () => {
  const modeles = new Set(readModels().map((m) => m.name));

  it("every model a reader of the installed database names is written to the file", () => {
    const manquants: string[] = [];
    for (const f of [...LECTEURS.flatMap(fichiers), ...testsSurLaBase]) {
      for (const m of code(readFileSync(f, "utf8")).matchAll(/(?<![\w/])((?:staging|int|mart)_\w+)\b(?!\.sql)/g)) {
        if (modeles.has(m[1]!) && !estPersiste(m[1]!)) manquants.push(`${m[1]} (${f})`);
      }
    }
    expect([...new Set(manquants)]).toEqual([]);
  });

  it("lists only models that exist; marts and intermediates where they belong", () => {
    expect(Object.keys(INTERMEDIAIRES_LUS_APRES).filter((m) => !modeles.has(m))).toEqual([]);
    expect(estPersiste("mart_indicateurs")).toBe(true);
    expect(estPersiste("int_lda_faits")).toBe(false);
  });

  it("leaves out of the file only the marts mart_indicateurs holds whole: the union of the fiches' marts and what it reads", () => {
    const union = readModels().find((m) => m.name === "mart_indicateurs_calcules")!;
    const horsFichier = [...modeles].filter((m) => m.startsWith("mart_") && !estPersiste(m)).sort();
    expect(horsFichier).toEqual([union.name, ...union.dependsOn].sort());
    expect(readModels().find((m) => m.name === "mart_indicateurs")!.dependsOn).toContain(union.name);
  });
});
