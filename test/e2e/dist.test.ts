// The built files themselves: French pages, nothing fetched from elsewhere, no personal data, the banner when due.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { listFiles, remoteReferences } from "../../pipelines/site/postbuild.ts";
import { databaseOfBuild, DIST, requireDist } from "./build-info.ts";

/**
 * Every key of a data file, as field names: the label dictionaries (`modalites`: breakdown → code-list value → French
 * label) are keyed by code-list values such as « refus_menage », which name a category, not a person's field.
 */
function cles(valeur: unknown, trouvees = new Set<string>()): Set<string> {
  if (Array.isArray(valeur)) for (const v of valeur) cles(v, trouvees);
  else if (valeur && typeof valeur === "object") {
    for (const [k, v] of Object.entries(valeur)) {
      trouvees.add(k);
      if (k !== "modalites") cles(v, trouvees);
      else if (v && typeof v === "object") for (const libelles of Object.values(v)) expect(Object.values(libelles as object).every((l) => typeof l === "string")).toBe(true);
    }
  }
  return trouvees;
}

describe("fichiers du site construit", () => {
  let pages: string[];
  let donneesFictives: boolean;

  beforeAll(async () => {
    requireDist();
    pages = listFiles(DIST).filter((f) => extname(f) === ".html");
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    const [execution] = await query<{ donnees_fictives: boolean }>(connection, "SELECT donnees_fictives FROM main.execution");
    closeDatabase(connection);
    donneesFictives = execution?.donnees_fictives !== false;
  });

  it("toutes les pages sont déclarées en français", () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(readFileSync(page, "utf8"), page).toMatch(/<html lang="fr">/);
  });

  it("aucune ressource externe (CDN, polices web, télémétrie)", () => {
    expect(remoteReferences(DIST)).toEqual([]);
  });

  it("les fichiers de données ne portent aucun identifiant individuel", () => {
    const donnees = listFiles(DIST).filter((f) => f.includes("/_file/") && extname(f) === ".json");
    expect(donnees.length).toBeGreaterThanOrEqual(3);
    for (const f of donnees) {
      const texte = readFileSync(f, "utf8");
      expect([...cles(JSON.parse(texte))].filter((k) => /^id_|personne|menage|naissance/i.test(k)), f).toEqual([]);
      // The data dictionary names report columns (it holds no record value), so only its keys are checked.
      if (!/\/dictionnaire\./.test(f)) expect(texte, f).not.toMatch(/"id_(personne|menage|mesure|saisine)/);
    }
  });

  it("aucune page ni donnée de l'édition interne (suivi financier, alertes, fichiers reçus)", () => {
    const internes = listFiles(DIST).filter((f) => /\/interne\/|\/fichiers\./.test(f));
    expect(internes).toEqual([]);
    for (const page of pages) expect(readFileSync(page, "utf8"), page).not.toMatch(/href="[^"]*interne\//);
  });

  it("le bandeau « Données fictives de démonstration » est sur chaque page quand il le faut", () => {
    for (const page of pages) {
      const html = readFileSync(page, "utf8");
      expect(html.includes('id="bandeau-donnees-fictives"'), page).toBe(donneesFictives);
    }
  });
});
