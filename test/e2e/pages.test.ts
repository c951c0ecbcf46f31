// Every page of the built site in headless Chromium: French, no console error, no request leaving 127.0.0.1, and no
// serious or critical accessibility violation found by axe-core. Prints each page's load time and weight.
import { extname, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles, pageWeights } from "../../pipelines/site/postbuild.ts";
import { DIST, requireDist } from "./build-info.ts";
import { lancer, violationsGraves, type Navigateur } from "./navigateur.ts";

requireDist();
const pages = listFiles(DIST)
  .filter((f) => extname(f) === ".html")
  .map((f) => `/${relative(DIST, f).replace(/\.html$/, "").replace(/(^|\/)index$/, "$1")}`)
  .sort();

describe("chaque page, dans Chromium, hors ligne", () => {
  let navigateur: Navigateur;
  const mesures: { page: string; ms: number; js: string; donnees: string }[] = [];
  const poids = new Map(pageWeights(DIST).map((w) => [`/${w.page.replace(/\.html$/, "").replace(/(^|\/)index$/, "$1")}`, w]));

  beforeAll(async () => {
    navigateur = await lancer();
  });

  afterAll(async () => {
    await navigateur?.close();
    if (mesures.length) console.table(mesures);
  });

  it("le site a toutes ses pages (accueil, Logement d'abord, 13 fiches, synthèses territoriales, jeunes, téléchargements…)", () => {
    expect(pages).toContain("/");
    expect(pages).toContain("/logement-d-abord");
    expect(pages).toContain("/telechargements");
    expect(pages).toContain("/verifier-un-fichier");
    expect(pages).toContain("/fiches/");
    expect(pages.filter((p) => /^\/fiches\/f2_/.test(p))).toHaveLength(13);
    // The territory synthesis sheets (9 MDS territories, Lens-Hénin, AMI 1 and 2), the maps, the youth observatory.
    expect(pages).toContain("/territoires/");
    expect(pages.filter((p) => /^\/territoires\/.+/.test(p))).toHaveLength(12);
    expect(pages).toContain("/cartes");
    for (const p of ["/jeunes/", "/jeunes/synthese", "/jeunes/cartes", "/jeunes/rapport"]) expect(pages).toContain(p);
    expect(pages.filter((p) => p.startsWith("/jeunes/thematiques/"))).toHaveLength(10);
  });

  it.each(pages)("%s : en français, sans erreur, sans requête externe, sans violation grave d'accessibilité", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    // Framework shows a cell's error in the page rather than the console: none may be there either.
    expect(await page.locator(".observablehq--error").count(), "cellule en erreur").toBe(0);
    const violations = await violationsGraves(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    const donnees = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => /\/_file\//.test(e.name))
        .reduce((n, e) => n + ((e as PerformanceResourceTiming).encodedBodySize || 0), 0),
    );
    const w = poids.get(chemin);
    mesures.push({ page: chemin, ms: ouverte.duree, js: w ? `${Math.round(w.js / 1024)} Ko` : "?", donnees: `${Math.round(donnees / 1024)} Ko` });
    await navigateur.fermer(ouverte);
  });
});

