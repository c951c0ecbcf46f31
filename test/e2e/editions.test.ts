// What tells the two editions apart, on every built page: phones may pinch-zoom in both (Framework's viewport forbade it),
// and every page of the internal edition — fiche and territory sheets included, which show unmasked figures — carries
// the band « Édition interne — ne pas diffuser », visible in Chromium at 1366 and 375 px even after scrolling, while no
// page of the public edition has it.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_DIRS } from "../../pipelines/site/build.ts";
import { listFiles } from "../../pipelines/site/postbuild.ts";
import { DIST, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

const DIST_INTERNE = SITE_DIRS.interne;
const BANDEAU = "Édition interne — ne pas diffuser";
const pagesHtml = (dir: string) => listFiles(dir).filter((f) => extname(f) === ".html");

/** The viewport's settings that forbid zooming: maximum-scale at 1 or less, user-scalable=no. */
function zoomInterdit(html: string): string | null {
  const metas = [...html.matchAll(/<meta\s+name="viewport"\s+content="([^"]*)"/g)].map((m) => m[1]!);
  if (metas.length !== 1) return `${metas.length} balises viewport`;
  const reglages = new Map(metas[0]!.split(",").map((r) => r.split("=").map((s) => s.trim().toLowerCase()) as [string, string]));
  const maximum = reglages.get("maximum-scale");
  if (maximum !== undefined && Number(maximum) <= 1) return `maximum-scale=${maximum}`;
  if (["no", "0"].includes(reglages.get("user-scalable") ?? "")) return "user-scalable=no";
  return null;
}

describe("les deux éditions, page par page", () => {
  beforeAll(() => {
    requireDist(DIST);
    requireDist(DIST_INTERNE);
  });

  it("la règle du zoom reconnaît ce que Framework écrivait", () => {
    expect(zoomInterdit('<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">')).toBe("maximum-scale=1");
    expect(zoomInterdit('<meta name="viewport" content="width=device-width, user-scalable=no">')).toBe("user-scalable=no");
    expect(zoomInterdit('<meta name="viewport" content="width=device-width, initial-scale=1">')).toBeNull();
  });

  it.each([
    ["public", DIST],
    ["interne", DIST_INTERNE],
  ])("édition %s : aucune page n'interdit le zoom sur téléphone", (_edition, dir) => {
    const pages = pagesHtml(dir);
    expect(pages.length).toBeGreaterThan(20);
    const fautives = pages.map((p) => [p, zoomInterdit(readFileSync(p, "utf8"))]).filter(([, f]) => f !== null);
    expect(fautives).toEqual([]);
  });

  it("chaque page de l'édition interne porte le bandeau, aucune page publique", () => {
    const internes = pagesHtml(DIST_INTERNE);
    // Fiche and territory sheets too: they show unmasked figures.
    expect(internes.some((p) => p.includes("/fiches/")) && internes.some((p) => p.includes("/territoires/"))).toBe(true);
    for (const page of internes) expect(readFileSync(page, "utf8"), page).toContain(BANDEAU);
    for (const page of pagesHtml(DIST)) expect(readFileSync(page, "utf8"), page).not.toContain("ne pas diffuser");
  });
});

describe("le bandeau de l'édition interne, dans Chromium", () => {
  let navigateur: Navigateur;
  beforeAll(async () => {
    requireDist(DIST_INTERNE);
    navigateur = await lancer(DIST_INTERNE);
  });
  afterAll(async () => navigateur?.close());

  it.each([
    ["/", 1366],
    ["/fiches/f2_4_adsl", 1366],
    ["/territoires/mds-artois", 375],
    ["/interne/alertes", 375],
  ] as const)("%s à %i px : visible, en couleur, même après défilement", async (chemin, largeur) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    await page.setViewportSize({ width: largeur, height: 800 });
    const bandeau = page.locator("#bandeau-edition-interne");
    for (const defilement of [0, 2000]) {
      await page.evaluate((y) => window.scrollTo({ top: y, behavior: "instant" }), defilement);
      if (defilement) expect(await page.evaluate(() => window.scrollY), `${chemin} : la page ne défile pas`).toBeGreaterThan(300);
      expect(await bandeau.isVisible(), `${chemin} défilé de ${defilement} px`).toBe(true);
      expect(await bandeau.innerText()).toContain(BANDEAU);
      const boite = (await bandeau.boundingBox())!;
      expect(boite.y, `${chemin} défilé de ${defilement} px : le bandeau sort de l'écran`).toBeGreaterThanOrEqual(0);
      expect(boite.y + boite.height).toBeLessThanOrEqual(800);
      // Nothing covers it: the element at its centre is the band itself or inside it.
      const dessus = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("#bandeau-edition-interne") !== null, { x: boite.x + boite.width / 2, y: boite.y + boite.height / 2 });
      expect(dessus, `${chemin} : le bandeau est recouvert`).toBe(true);
    }
    expect(await bandeau.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(155, 28, 28)");
    await navigateur.fermer(ouverte);
  });
});
