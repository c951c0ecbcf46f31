// On a phone (375 px wide): the home page, a fiche sheet, a territory sheet, the youth observatory and the maps fit the
// screen — no page wider than the viewport (wide tables and charts scroll inside their own box) — and their key
// figures are visible without zooming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

const PAGES = ["/", "/fiches/f2_4_adsl", "/fiches/f2_9_observatoire_jeunes", "/territoires/", "/jeunes/", "/cartes", "/telechargements"];

describe("sur un téléphone (375 px)", () => {
  let navigateur: Navigateur;
  beforeAll(async () => {
    requireDist();
    navigateur = await lancer();
  });
  afterAll(async () => navigateur?.close());

  it.each(PAGES)("%s tient dans la largeur de l'écran", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    await ouverte.page.setViewportSize({ width: 375, height: 812 });
    await ouverte.page.waitForTimeout(300);
    const mesure = await ouverte.page.evaluate(() => ({
      largeur: document.documentElement.scrollWidth,
      ecran: window.innerWidth,
      police: Number.parseFloat(getComputedStyle(document.querySelector("main") ?? document.body).fontSize),
    }));
    expect(mesure.largeur, `${chemin} : ${mesure.largeur} px pour un écran de ${mesure.ecran} px`).toBeLessThanOrEqual(mesure.ecran);
    expect(mesure.police).toBeGreaterThanOrEqual(14);
    await navigateur.fermer(ouverte);
  });

  it.each(["/fiches/f2_2_numero_vert", "/fiches/f2_4_adsl"])("%s : chaque libellé des graphiques tient dans son graphique", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    await page.setViewportSize({ width: 375, height: 812 });
    // Redrawn at the new width: the charts hold their turned labels (« 2026 (en cours) »).
    await page.waitForFunction(() => [...document.querySelectorAll("svg.obs-graphique")].some((s) => Number(s.getAttribute("width")) <= 375));
    const debordements = await page.evaluate(() =>
      [...document.querySelectorAll("svg.obs-graphique")].flatMap((svg) => {
        const cadre = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("text")]
          .map((t) => ({ texte: t.textContent ?? "", r: t.getBoundingClientRect() }))
          .filter(({ texte, r }) => texte.trim() && (r.left < cadre.left - 1 || r.right > cadre.right + 1 || r.top < cadre.top - 1 || r.bottom > cadre.bottom + 1))
          .map(({ texte }) => `${svg.getAttribute("aria-label")} : « ${texte} »`);
      }),
    );
    expect(await page.locator("svg.obs-graphique").count()).toBeGreaterThan(0);
    expect(debordements).toEqual([]);
    await navigateur.fermer(ouverte);
  });
});
