// `npm run report`: the youth observatory's full report as a PDF. Serves the built site (dist/, or OBS_SITE_DIR) on
// 127.0.0.1 (serveur-statique.ts), opens /jeunes/rapport in headless Chromium (playwright-core, no download;
// which Chromium: pipelines/site/chromium.ts), waits until every section has rendered, and prints the page to
// build/rapport-jeunes.pdf (A4, backgrounds, the print stylesheet of observatory/style.css: data tables open), the
// page's demo banner atop every PDF page and the contents numbered (imprimerAvecSommaire). Every request to another
// host is refused: the report is made offline like the site.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { lancerChromium } from "./chromium.ts";
import { destinationsPdf } from "./pdf.ts";
import { servirDossier } from "./serveur-statique.ts";

export const RAPPORT_PDF = resolve("build/rapport-jeunes.pdf");
export const CHEMIN_RAPPORT = "/jeunes/rapport";

const echapper = (texte: string) => texte.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

// Chromium has no CSS target-counter(): the contents get their page numbers from a first printing. The contents link
// to each section (#section-…), so Chromium writes every section's position as a named destination of the PDF; the
// page of each destination goes into the contents and the report is printed again. The numbers sit in a space kept
// for them (style.css), so filling them moves nothing; the reprint is read back, and it must give the same pages.
const TOURS_MAX = 3;

async function imprimerAvecSommaire(page: Page, imprimer: () => Promise<Buffer>): Promise<Buffer> {
  const cibles = await page.locator(".obs-sommaire-page").evaluateAll((spans) => spans.map((s) => s.getAttribute("data-section") ?? ""));
  if (!cibles.length) throw new Error(`Le rapport n'a pas de sommaire à numéroter (.obs-sommaire-page) : voir observatory/jeunes/rapport.md.ts.`);
  let numeros = new Map<string, number>();
  for (let tour = 1; tour <= TOURS_MAX; tour++) {
    const pdf = await imprimer();
    const destinations = await destinationsPdf(pdf);
    const manquantes = cibles.filter((c) => !destinations.has(c));
    if (manquantes.length) throw new Error(`Le PDF imprimé n'a pas de destination pour ${manquantes.join(", ")} : chaque entrée du sommaire doit pointer vers l'identifiant de sa section.`);
    if (cibles.every((c) => numeros.get(c) === destinations.get(c))) return pdf;
    numeros = new Map(cibles.map((c) => [c, destinations.get(c)!]));
    await page.evaluate((paires) => {
      for (const [cible, numero] of paires) document.querySelector(`.obs-sommaire-page[data-section="${cible}"]`)!.textContent = String(numero);
    }, [...numeros]);
  }
  throw new Error(`Les numéros de page du sommaire changent encore après ${TOURS_MAX} impressions : la place réservée aux numéros (.obs-sommaire-page, observatory/style.css) est sans doute trop étroite.`);
}

export interface OptionsRapport {
  dist?: string;
  sortie?: string;
  chromium?: string;
}

/** Prints the report; returns the PDF's path and the number of sections rendered. */
export async function imprimerRapport(options: OptionsRapport = {}): Promise<{ pdf: string; sections: number; ms: number }> {
  const dist = resolve(options.dist ?? process.env.OBS_SITE_DIR ?? "dist");
  const sortie = resolve(options.sortie ?? RAPPORT_PDF);
  if (!existsSync(join(dist, "jeunes", "rapport.html"))) throw new Error(`Rapport introuvable (${dist}/jeunes/rapport.html) : lancez d'abord npm run site.`);
  const debut = Date.now();
  const serveur = await servirDossier(dist);
  const browser = await lancerChromium(options.chromium);
  try {
    const page = await browser.newPage({ locale: "fr-FR" });
    const externes: string[] = [];
    const erreurs: string[] = [];
    await page.route("**/*", (route) => {
      const cible = route.request().url();
      if (/^(data|blob|about):/.test(cible) || new URL(cible).hostname === "127.0.0.1") return route.continue();
      externes.push(cible);
      return route.abort();
    });
    page.on("pageerror", (e) => erreurs.push(e.message));
    await page.goto(`${serveur.url}${CHEMIN_RAPPORT}`, { waitUntil: "networkidle" });
    // Rendered: every section has its content (key figures or the « not yet published » note), no cell in error.
    await page.waitForFunction(
      () => {
        const sections = [...document.querySelectorAll(".obs-rapport-section")];
        return sections.length > 0 && sections.every((s) => s.querySelector(".obs-theme-jeunes, .obs-en-attente"));
      },
      undefined,
      { timeout: 60_000 },
    );
    const enErreur = await page.locator(".observablehq--error").count();
    if (enErreur || erreurs.length) throw new Error(`Le rapport a des cellules en erreur : ${erreurs.join(" ; ") || `${enErreur} cellule(s)`}`);
    if (externes.length) throw new Error(`Le rapport a demandé des ressources externes : ${externes.join(", ")}`);
    const sections = await page.locator(".obs-rapport-section").count();
    await page.emulateMedia({ media: "print" });
    // Print media opens every data table (style.css); one left folded or hidden would be missing from the report.
    const tablesCachees = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLTableElement>(".obs-rapport-section table.obs-tableau")].filter((t) => !t.checkVisibility()).map((t) => t.caption?.textContent ?? "(sans légende)"),
    );
    if (tablesCachees.length) throw new Error(`Le rapport imprimé cache ${tablesCachees.length} tableau(x) de données (${tablesCachees.slice(0, 3).join(" ; ")}…) : vérifier les règles @media print de observatory/style.css (details.obs-bloc-tableau).`);
    // The page's own demo banner (the site header, hidden in print) goes into the header of every PDF page.
    // Absent when the build read real operator files.
    const bandeau = await page.evaluate(() => document.querySelector("#bandeau-donnees-fictives strong")?.textContent ?? null);
    const options = {
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: bandeau ? `<div class="obs-pdf-bandeau" style="font-size:9px;width:100%;text-align:center;font-weight:bold;color:#7a4b00">${echapper(bandeau)}</div>` : "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">Observatoire des jeunes 18-25 ans — Pas-de-Calais — page <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    } as const;
    const pdf = await imprimerAvecSommaire(page, () => page.pdf(options));
    mkdirSync(dirname(sortie), { recursive: true });
    writeFileSync(sortie, pdf);
    return { pdf: sortie, sections, ms: Date.now() - debut };
  } finally {
    await browser.close();
    await serveur.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const { pdf, sections, ms } = await imprimerRapport();
    process.stderr.write(`Rapport complet : ${pdf} (${sections} sections, ${(ms / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
