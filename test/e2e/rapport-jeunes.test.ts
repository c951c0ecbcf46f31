// The youth observatory's full report as `npm run report` prints it (build/rapport-jeunes.pdf), read back from the PDF
// with PDF.js: every data table is printed (each caption of the page is in the PDF, no « Voir les données »), the
// contents give for each section the page where its title is printed, the demo banner heads every page, no wording
// meant for the screen, and a chart whose values are all « s » is printed as a sentence. The page in Chromium says
// what the PDF must hold (captions, all-secret charts); the PDF is printed once, in beforeAll.
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHRASE_TOUT_SECRET } from "../../observatory/components/graphiques.ts";
import { THEMES_JEUNES } from "../../observatory/components/themes-jeunes.ts";
import { pagesPdf } from "../../pipelines/site/pdf.ts";
import { imprimerRapport } from "../../pipelines/site/report.ts";
import { DIST, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

// The typographer writes French apostrophes (’) in headings; PDF text and page text are compared without spaces
// (PDF.js splits a wrapped line where the page had a space, or none).
const compact = (texte: string) => texte.replace(/’/g, "'").replace(/[\s\u00a0\u202f]+/g, "");
const echapper = (texte: string) => texte.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A regular expression for a text whose spaces may be any run of white space, or none, in the PDF. */
const souple = (texte: string) => texte.replace(/’/g, "'").split(/\s+/).map(echapper).join("\\s*");

describe("rapport complet des jeunes en PDF (npm run report)", () => {
  let navigateur: Navigateur;
  let pages: string[];
  let sections: number;
  let legendes: string[];
  let graphiquesToutSecret: number;
  let graphiquesSansBarre: number;
  const sortie = join(tmpdir(), `rapport-jeunes-${process.pid}.pdf`);

  beforeAll(async () => {
    requireDist();
    ({ sections } = await imprimerRapport({ dist: DIST, sortie }));
    pages = await pagesPdf(readFileSync(sortie));
    navigateur = await lancer();
    const ouverte = await navigateur.ouvrir("/jeunes/rapport");
    const { page } = ouverte;
    await page.waitForFunction(() => [...document.querySelectorAll(".obs-rapport-section")].every((s) => s.querySelector(".obs-theme-jeunes, .obs-en-attente")));
    legendes = await page.locator(".obs-rapport-section table.obs-tableau caption").allTextContents();
    graphiquesToutSecret = await page.locator(".obs-rapport-section .obs-graphique-vide", { hasText: PHRASE_TOUT_SECRET }).count();
    // A drawn chart has at least one bar: an all-« s » one would have none.
    graphiquesSansBarre = await page.locator(".obs-rapport-section svg.obs-graphique:not(:has(rect))").count();
    await navigateur.fermer(ouverte);
  });

  afterAll(async () => {
    await navigateur?.close();
    rmSync(sortie, { force: true });
  });

  const texte = () => pages.map(compact).join("");

  it("une section par fiche thématique, un PDF de plusieurs pages", () => {
    expect(sections).toBe(THEMES_JEUNES.length);
    expect(readFileSync(sortie).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The cover and contents, then at least one page per section (a page break before each).
    expect(pages.length).toBeGreaterThan(THEMES_JEUNES.length);
  });

  it("les tableaux de données sont imprimés ouverts, sans « Voir les données »", () => {
    // The demo report has well over a hundred tables (one under each chart).
    expect(legendes.length).toBeGreaterThan(100);
    const tout = texte();
    const absentes = legendes.filter((l) => !tout.includes(compact(l)));
    expect(absentes).toEqual([]);
    // Every table has a « Valeur » column header (repeated when a table runs onto the next page).
    expect(tout.split("Valeur").length - 1).toBeGreaterThanOrEqual(legendes.length);
  });

  it("le sommaire donne la page où chaque section commence", () => {
    const sommaire = pages[0]!.replace(/’/g, "'");
    const premieres: number[] = [];
    THEMES_JEUNES.forEach((t, i) => {
      const entree = new RegExp(`${souple(t.titre)}\\s*(\\d+)\\b`).exec(sommaire);
      expect(entree, `entrée du sommaire « ${t.titre} » avec son numéro de page`).not.toBeNull();
      const numero = Number(entree![1]);
      // The section title (« 3. Les jeunes dans… ») is on that page, and on no page before it.
      const titre = new RegExp(`${i + 1}\\.\\s*${souple(t.titre)}`);
      const page = pages.findIndex((p, n) => n > 0 && titre.test(p.replace(/’/g, "'"))) + 1;
      expect(page, t.titre).toBe(numero);
      premieres.push(numero);
    });
    // Sections follow each other, one page break at least between two.
    premieres.slice(1).forEach((n, i) => expect(n).toBeGreaterThan(premieres[i]!));
  });

  it("le bandeau « Données fictives de démonstration » est sur chaque page", () => {
    const sansBandeau = pages.map((p, i) => (p.includes("Données fictives de démonstration") ? 0 : i + 1)).filter(Boolean);
    expect(sansBandeau).toEqual([]);
  });

  it("aucune formule propre à l'écran", () => {
    const tout = pages.join(" ");
    expect(tout).not.toMatch(/Voir les données|replié|Télécharger|cliquer|à l['’]écran/i);
  });

  it("un graphique dont toutes les valeurs sont « s » est remplacé par une phrase", () => {
    expect(graphiquesSansBarre).toBe(0);
    // The demo data have such charts (small youth counts of marginal fiches); each is printed as the sentence.
    expect(graphiquesToutSecret).toBeGreaterThan(0);
    expect(texte().split(compact(PHRASE_TOUT_SECRET)).length - 1).toBe(graphiquesToutSecret);
  });
});
