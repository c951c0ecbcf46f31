// The territory synthesis sheets, the maps and the youth observatory (18-25 ans) in headless Chromium: every figure a
// territory sheet shows equals its row of the published table (the database the site was built from), a fiche with no
// figure at that level says so; the maps default to rates per 10 000 inhabitants where the unit counts people and
// their raw counts equal the table; each youth page renders without error; the full report has one section per
// thematic sheet (its PDF: rapport-jeunes.test.ts). No console error, no request off 127.0.0.1,
// no serious or critical axe-core violation (also covered page by page by pages.test.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { fichesReference, tablePubliee } from "../../pipelines/site/fiches.ts";
import { territoiresSynthese } from "../../pipelines/site/territoires.ts";
import { anneeParDefaut } from "../../observatory/components/annees.ts";
import { cheminThemeJeunes, THEMES_JEUNES } from "../../observatory/components/themes-jeunes.ts";
import { DIST, databaseOfBuild, requireDist } from "./build-info.ts";
import { lancer, violationsGraves, type Navigateur } from "./navigateur.ts";

const territoires = territoiresSynthese();
const fiches = fichesReference();
const lireNombre = (texte: string | null) => Number((texte ?? "").replace(/[\s\u202f\u00a0]/g, "").replace(",", "."));

type Cellule = { valeur: number | null; secret: boolean };

describe("synthèses territoriales, cartes et observatoire des jeunes, dans Chromium", () => {
  let navigateur: Navigateur;
  let table: string;
  let secret: string;
  let lire: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  let fermerBase: () => void;

  beforeAll(async () => {
    requireDist();
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    ({ table, secret } = await tablePubliee(connection));
    lire = (sql, params) => query(connection, sql, params);
    fermerBase = () => closeDatabase(connection);
    navigateur = await lancer();
  });

  afterAll(async () => {
    await navigateur?.close();
    fermerBase?.();
  });

  async function ligne(fiche: string, indicateur: string, periode: string, niveau: string, territoire: string): Promise<Cellule[]> {
    const rows = await lire(
      `SELECT valeur, ${secret} AS secret FROM ${table} WHERE fiche = ? AND indicateur = ? AND periode = ? AND type_periode = 'annee'
         AND niveau_territoire = ? AND territoire = ? AND ventilation = 'ensemble' AND modalite = 'ensemble'`,
      [fiche, indicateur, periode, niveau, territoire],
    );
    return rows.map((r) => ({ valeur: r.valeur as number | null, secret: Boolean(r.secret) }));
  }

  it("les pages nouvelles sont construites : 12 synthèses territoriales, les cartes, l'observatoire des jeunes", () => {
    expect(territoires.map((t) => t.slug)).toEqual([
      "mds-arrageois", "mds-artois", "mds-audomarois", "mds-boulonnais", "mds-calaisis", "mds-henin-carvin", "mds-lens-lievin", "mds-montreuillois", "mds-ternois", "lda-lens-henin", "ami-1", "ami-2",
    ]);
    const attendues = ["territoires/index", ...territoires.map((t) => `territoires/${t.slug}`), "cartes", "jeunes/index", "jeunes/synthese", "jeunes/cartes", "jeunes/rapport", ...THEMES_JEUNES.map((t) => cheminThemeJeunes(t.slug).slice(1))];
    for (const p of attendues) expect(existsSync(join(DIST, `${p}.html`)), p).toBe(true);
  });

  it.each(territoires.map((t) => [t.slug]))("synthèse %s : chaque chiffre égale sa ligne de la table publiée, chaque fiche présente", async (slug) => {
    const t = territoires.find((x) => x.slug === slug)!;
    const ouverte = await navigateur.ouvrir(`/territoires/${slug}`);
    const { page } = ouverte;
    expect(await page.locator("h1").textContent()).toContain(t.libelle);
    expect(await page.locator("svg.obs-carte-localisation path[data-territoire]").count()).toBe(1);
    // One section per fiche: a table of figures or the plain « no figure at this level ».
    for (const f of fiches) {
      const tableau = await page.locator(`table.obs-synthese[data-fiche="${f.fiche}"]`).count();
      const absent = await page.locator(`.obs-sans-chiffre[data-fiche="${f.fiche}"]`).count();
      expect(tableau + absent, f.fiche).toBe(1);
      const [{ n } = { n: 0 }] = (await lire(`SELECT count(*) AS n FROM ${table} WHERE fiche = ? AND niveau_territoire = ? AND territoire = ? AND type_periode = 'annee'`, [f.fiche, t.niveau, t.code])) as { n: number }[];
      expect(tableau, `${slug} ${f.fiche} : ${n} lignes dans la table publiée`).toBe(Number(n) > 0 ? 1 : 0);
      if (absent) expect(await page.locator(`.obs-sans-chiffre[data-fiche="${f.fiche}"]`).textContent()).toContain("Pas de chiffre");
    }
    const cellules = await page.locator("td.obs-valeur-territoire").all();
    expect(cellules.length).toBeGreaterThan(0);
    let verifiees = 0;
    for (const c of cellules) {
      const [fiche, indicateur, periode, niveau, territoire] = await Promise.all(["data-fiche", "data-indicateur", "data-periode", "data-niveau", "data-territoire"].map((a) => c.getAttribute(a)));
      expect([niveau, territoire]).toEqual([t.niveau, t.code]);
      const lignes = await ligne(fiche!, indicateur!, periode!, niveau!, territoire!);
      expect(lignes, `${slug} ${fiche} ${indicateur} ${periode}`).toHaveLength(1);
      const texte = (await c.textContent())!.trim();
      if (lignes[0]!.secret) expect(texte).toBe("s");
      else {
        expect(Number(await c.getAttribute("data-valeur")), `${fiche} ${indicateur}`).toBe(lignes[0]!.valeur);
        expect(lireNombre(texte), `${fiche} ${indicateur}`).toBeCloseTo(lignes[0]!.valeur!, 1);
        verifiees++;
      }
    }
    expect(verifiees, "au moins un chiffre non masqué").toBeGreaterThan(0);
    await navigateur.fermer(ouverte);
  });

  it("cartes : taux pour 10 000 habitants par défaut, nombres égaux à la table publiée, légende, infobulles, tableau, communes", async () => {
    const ouverte = await navigateur.ouvrir("/jeunes/cartes");
    const { page } = ouverte;
    const bloc = page.locator(".obs-carte-bloc");
    await bloc.waitFor();
    // The map opens on the latest complete year of the indicator's years (any level it maps), else its latest.
    const annees = ((await lire(`SELECT DISTINCT periode FROM ${table} WHERE fiche = 'f2_9_observatoire_jeunes' AND indicateur = 'x03_jeunes' AND type_periode = 'annee' AND ventilation = 'ensemble' AND modalite = 'ensemble' AND niveau_territoire IN ('territoire_mds', 'territoire_lda', 'epci', 'commune') ORDER BY 1`, [])) as { periode: string }[]).map((r) => r.periode);
    const [{ d: arrete } = { d: null }] = (await lire("SELECT CAST(date_arrete AS VARCHAR) AS d FROM main.execution", [])) as { d: string | null }[];
    expect(await bloc.getAttribute("data-indicateur")).toBe("x03_jeunes");
    expect(await bloc.getAttribute("data-annee")).toBe(anneeParDefaut(arrete, annees));
    // The latest year, where the EPCI (the page's preferred level) are published.
    const annee = annees.at(-1)!;
    await page.selectOption('select[name="annee"]', annee);
    await page.waitForFunction((a) => document.querySelector(".obs-carte-bloc")?.getAttribute("data-annee") === a, annee);
    expect(await bloc.getAttribute("data-niveau")).toBe("epci");
    expect(await bloc.getAttribute("data-mode")).toBe("taux");
    expect(await page.locator(".obs-legende li").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator("svg.obs-carte path[data-territoire] title").count()).toBe(20);
    expect(await page.locator(".obs-carte-bloc table tbody tr").count()).toBe(20);
    expect(await page.locator("svg.obs-carte path[data-territoire] title").first().textContent()).toMatch(/pour 10 000 habitants \(.+ habitants\)|secret statistique|sans donnée/);

    // Raw counts: each territory's value is its row of the published table.
    await page.selectOption('select[name="mode"]', "nombre");
    await page.waitForFunction(() => document.querySelector(".obs-carte-bloc")?.getAttribute("data-mode") === "nombre");
    const chemins = await page.locator("svg.obs-carte path[data-territoire]").all();
    let comparees = 0;
    for (const p of chemins) {
      const code = (await p.getAttribute("data-territoire"))!;
      const lignes = await ligne("f2_9_observatoire_jeunes", "x03_jeunes", annee, "epci", code);
      const affiche = await p.getAttribute("data-valeur");
      if (!lignes.length || lignes[0]!.secret) expect(affiche).toBe("");
      else {
        expect(Number(affiche), code).toBe(lignes[0]!.valeur);
        comparees++;
      }
    }
    expect(comparees).toBeGreaterThan(0);

    // The commune map loads its own geometry, without error.
    await page.selectOption('select[name="niveau"]', "commune");
    await page.waitForFunction(() => document.querySelector(".obs-carte-bloc")?.getAttribute("data-niveau") === "commune", undefined, { timeout: 20_000 });
    expect(await page.locator("svg.obs-carte path[data-territoire]").count()).toBeGreaterThan(800);
    expect(await violationsGraves(page)).toEqual([]);
    await navigateur.fermer(ouverte);
  });

  it.each([["/jeunes/"], ["/jeunes/synthese"], ["/cartes"], ...THEMES_JEUNES.map((t) => [cheminThemeJeunes(t.slug)])])("%s : rendue sans erreur", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    if (chemin.includes("/thematiques/")) {
      // The theme's cell runs after its data file arrived: network idle can come first on a loaded machine.
      await page.locator(".obs-theme-jeunes, .obs-en-attente").first().waitFor({ timeout: 30_000 });
      expect(await page.locator(".obs-theme-jeunes, .obs-en-attente").count()).toBe(1);
    }
    await navigateur.fermer(ouverte);
  });

  it("rapport complet : une section par fiche thématique (le PDF : rapport-jeunes.test.ts)", async () => {
    const ouverte = await navigateur.ouvrir("/jeunes/rapport");
    const { page } = ouverte;
    // The typographer writes French apostrophes (’).
    const titres = (await page.locator(".obs-rapport-section h2").allTextContents()).map((s) => s.replace(/’/g, "'"));
    expect(titres).toHaveLength(THEMES_JEUNES.length);
    THEMES_JEUNES.forEach((t, i) => expect(titres[i]).toContain(t.titre));
    await page.waitForFunction(() => [...document.querySelectorAll(".obs-rapport-section")].every((s) => s.querySelector(".obs-theme-jeunes, .obs-en-attente")));
    expect(await page.locator(".obs-rapport-section .obs-theme-jeunes").count()).toBeGreaterThan(0);
    expect(await violationsGraves(page)).toEqual([]);
    await navigateur.fermer(ouverte);
  });
});
