// The browser harness the e2e tests share: headless Chromium on the built site, served from 127.0.0.1, every request
// to another host refused and recorded, console errors recorded, and axe-core (injected from node_modules, never a CDN).
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { lancerChromium } from "../../pipelines/site/chromium.ts";
import { DIST } from "./build-info.ts";
import { servirDossier } from "../../pipelines/site/serveur-statique.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface Journal {
  externes: string[];
  erreurs: string[];
}

export interface Ouverte {
  page: Page;
  journal: Journal;
  /** Milliseconds from navigation to network idle (every data file loaded, every cell run). */
  duree: number;
}

const hoteLocal = (url: string) => /^(data|blob|about):/.test(url) || ["127.0.0.1", "localhost"].includes(new URL(url).hostname);

export interface Navigateur {
  url: string;
  context: BrowserContext;
  ouvrir(chemin: string): Promise<Ouverte>;
  fermer(ouverte: Ouverte): Promise<void>;
  close(): Promise<void>;
}

/** `racine`: the built site to serve (dist/ by default; dist-interne/ for the internal edition). */
export async function lancer(racine: string = DIST): Promise<Navigateur> {
  const server = await servirDossier(racine);
  const browser: Browser = await lancerChromium();
  const context = await browser.newContext({ acceptDownloads: true, locale: "fr-FR" });
  return {
    url: server.url,
    context,
    async ouvrir(chemin) {
      const page = await context.newPage();
      const journal: Journal = { externes: [], erreurs: [] };
      await page.route("**/*", (route) => {
        if (hoteLocal(route.request().url())) return route.continue();
        journal.externes.push(route.request().url());
        return route.abort();
      });
      page.on("console", (m) => {
        if (m.type() === "error") journal.erreurs.push(m.text());
      });
      page.on("pageerror", (e) => journal.erreurs.push(e.message));
      const debut = Date.now();
      await page.goto(`${server.url}${chemin}`, { waitUntil: "networkidle" });
      return { page, journal, duree: Date.now() - debut };
    },
    async fermer({ page, journal }) {
      await page.close();
      expect(journal.erreurs, "erreurs dans la console").toEqual([]);
      expect(journal.externes, "requêtes hors de 127.0.0.1").toEqual([]);
    },
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  cibles: string[];
}

/** axe-core on the page as it is (WCAG 2.x A/AA rules); the serious and critical violations. */
export async function violationsGraves(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, cibles: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
