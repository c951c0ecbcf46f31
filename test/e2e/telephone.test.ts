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
});
