// After `observable build`: declare the pages French (Framework writes a bare <html>), refuse any reference to a
// remote resource (the site must work with no network but its own server), and record what the site was built from.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_DATABASE } from "../db/duckdb.ts";
import { LAZY_LIBRARIES } from "./offline.ts";

export const DIST = resolve(process.env.OBS_SITE_DIR ?? "dist");
export const BUILD_INFO = resolve("build/site-build.json");

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

export function frenchHtml(html: string): string {
  return html
    // Framework 1.13 writes `maximum-scale=1` in every page's viewport (no option changes it): a phone could not
    // pinch-zoom (WCAG 1.4.4).
    .replace(/<meta name="viewport" content="[^"]*">/, '<meta name="viewport" content="width=device-width, initial-scale=1">')
    .replace(/<html(\s[^>]*)?>/, (tag) => (/\slang=/.test(tag) ? tag.replace(/\slang="[^"]*"/, ' lang="fr"') : tag.replace("<html", '<html lang="fr"')))
    .replace('title="Toggle sidebar"', 'title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu"')
    // Framework puts the sidebar's close <label> inside an <ol>, where only <li> may be (axe-core: « list »).
    .replace(/(<ol>\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)(\s*)/, "$2\n  $1");
}

// XML namespace identifiers look like URLs but are never fetched.
const NAMESPACES = /^https?:\/\/www\.w3\.org\//;
const LOCAL = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/;
// The « Vérifier un fichier » worker (pipelines/site/verificateur/) bundles exceljs, JSZip, zod and a Buffer polyfill,
// whose text names OOXML, Dublin Core and JSON Schema namespaces, licence pages and documentation links inside error
// messages (and a regular expression « /^https?:\/\//i.test »): never fetched — test/e2e/verifier.test.ts records every
// request while a file is checked. Only these hosts are let through, and only in that file: a new one still stops the build.
const CHECKER_FILE = /^_file\/verifier\//;
const CHECKER_LIBRARY_TEXT = /^(https?:)?\/\/(schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org|json-schema\.org|github\.com|raw\.github\.com|stuk\.github\.io|stuartk\.com|feross\.org|i\.test)(\/|$)/;

export interface RemoteReference {
  file: string;
  url: string;
}

/**
 * URLs of other hosts in the built files. A link the reader may follow (<a href>) is allowed; anything a page
 * could load by itself (script, stylesheet, image, import, fetch, CSS url()) is not.
 */
export function remoteReferences(dir: string): RemoteReference[] {
  const found: RemoteReference[] = [];
  for (const file of listFiles(dir)) {
    if (![".html", ".js", ".css", ".json", ".svg", ".txt"].includes(extname(file))) continue;
    let text = readFileSync(file, "utf8");
    if (extname(file) === ".html") text = text.replace(/<a\s[^>]*href="https?:\/\/[^"]*"[^>]*>/g, "<a>");
    for (const [url] of text.matchAll(/(?:https?:)?\/\/[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?::\d+)?(?:\/[^\s"'`<>)\\]*)?/gi)) {
      const absolute = url.startsWith("//") ? `https:${url}` : url;
      if (NAMESPACES.test(absolute) || LOCAL.test(absolute)) continue;
      const where = relative(dir, file).split(sep).join("/");
      if (CHECKER_FILE.test(where) && CHECKER_LIBRARY_TEXT.test(url)) continue;
      found.push({ file: relative(dir, file), url });
    }
  }
  return found;
}

/**
 * Versions Framework had to ask the npm registry for during the build: it records each in its cache as
 * `_npm/<name>@<version>/`. Anything beyond the versions we seed (offline.ts) means a network request.
 */
export function npmRegistryLookups(cacheDir: string): string[] {
  const dir = join(cacheDir, "_npm");
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir).flatMap((e) => (e.startsWith("@") ? readdirSync(join(dir, e)).map((s) => `${e}/${s}`) : [e]));
  const seeded = new Set(Object.entries(LAZY_LIBRARIES).map(([name, version]) => `${name}@${version}`));
  return entries.filter((e) => !seeded.has(e)).sort();
}

export interface PageWeight {
  page: string;
  /** Bytes of JavaScript the page loads: its inline module and every module it preloads. */
  js: number;
  css: number;
  modules: number;
}

export function pageWeights(dir: string): PageWeight[] {
  return listFiles(dir)
    .filter((f) => extname(f) === ".html")
    .map((file) => {
      const html = readFileSync(file, "utf8");
      const base = dirname(file);
      const size = (href: string) => statSync(resolve(base, href.split(/[?#]/)[0]!)).size;
      const modules = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!));
      const styles = new Set([...html.matchAll(/<link rel="stylesheet"[^>]* href="([^"]+)"/g)].map((m) => m[1]!));
      const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
      return {
        page: relative(dir, file),
        js: inline + [...modules].reduce((n, href) => n + size(href), 0),
        css: [...styles].reduce((n, href) => n + size(href), 0),
        modules: modules.size,
      };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
}

/** Checks and finishes a freshly built site folder: French pages, nothing remote, page weights recorded. */
export function finishSite(DIST: string): void {
  const pages = listFiles(DIST).filter((f) => extname(f) === ".html");
  if (!pages.length) throw new Error(`Aucune page dans ${DIST} : lancez d'abord observable build.`);
  for (const file of pages) writeFileSync(file, frenchHtml(readFileSync(file, "utf8")));

  const lookups = npmRegistryLookups(resolve("observatory/.observablehq/cache"));
  if (lookups.length) {
    throw new Error(`Framework a interrogé le registre npm pendant la construction (${lookups.join(", ")}) : ajoutez ces versions à pipelines/site/offline.ts.`);
  }

  const remote = remoteReferences(DIST);
  if (remote.length) {
    const lines = remote.slice(0, 20).map((r) => `  ${r.file} : ${r.url}`);
    throw new Error(`Le site ferait appel au réseau (${remote.length} adresse(s) externe(s)) :\n${lines.join("\n")}`);
  }

  const weights = pageWeights(DIST);
  mkdirSync(dirname(BUILD_INFO), { recursive: true });
  writeFileSync(
    BUILD_INFO,
    `${JSON.stringify({ database: relative(process.cwd(), DEFAULT_DATABASE), dist: relative(process.cwd(), DIST), builtAt: new Date().toISOString(), pages: weights }, null, 2)}\n`,
  );
  const ko = (n: number) => `${(n / 1024).toFixed(0)} Ko`;
  for (const w of weights) process.stderr.write(`  ${w.page.padEnd(24)} JS ${ko(w.js).padStart(7)} (${w.modules} modules)  CSS ${ko(w.css)}\n`);
  process.stderr.write(`Site prêt : ${pages.length} pages en français, aucune ressource externe (${relative(process.cwd(), DIST)}/).\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    finishSite(DIST);
  } catch (error) {
    process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
