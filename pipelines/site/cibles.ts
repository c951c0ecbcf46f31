// What Framework will ask the loaders for in a build of one edition, known before it starts: the loaders' server
// runs them first, one after another in its own process, and writes their outputs where Framework keeps them
// (observatory/.observablehq/cache), so Framework finds them fresh instead of starting a process per loader
// (110 of them, ~0,05–0,15 s each before any work). The list follows the same sources as observablehq.config.ts
// (its dynamicPaths) and the pages: a target left out is still built, by Framework through the server as before
// (the build names it); a target listed in excess costs one unused output.
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { THEMES_JEUNES } from "../../observatory/components/themes-jeunes.ts";
import { cheminOperateur } from "../../observatory/components/operateur.ts";
import { closeDatabase, openSiteDatabase } from "./database.ts";
import { cheminFiche, fichesReference } from "./fiches.ts";
import { operateursInternes } from "./interne.ts";
import { PAGES_INTERNES, type ProfilSite } from "./profil.ts";
import { cheminsSections } from "./sections.ts";
import { lireManifeste } from "./telechargements.ts";

export const RACINE_SITE = "observatory";
/** Where Framework keeps a loader's output (its LoaderResolver: .observablehq/cache/<target>). */
export const CACHE_FRAMEWORK = join(RACINE_SITE, ".observablehq", "cache");

function loaders(dossier: string): string[] {
  return readdirSync(dossier, { withFileTypes: true }).flatMap((e) => {
    const chemin = join(dossier, e.name);
    if (e.isDirectory()) return e.name === "components" || e.name.startsWith(".") ? [] : loaders(chemin);
    return /\.[a-z]+\.ts$/.test(e.name) ? [relative(RACINE_SITE, chemin).split(sep).join("/")] : [];
  });
}

/** Target paths (« /data/lda.json », « /fiches/f2_1_information.md ») of the loaders an edition's build reads. */
export async function ciblesDuSite(profil: ProfilSite): Promise<string[]> {
  const interne = (chemin: string) => /^interne\/|^data\/interne\//.test(chemin);
  // Loaders without a parameter: their one output (the internal ones only for the internal edition).
  const fixes = loaders(RACINE_SITE)
    .filter((l) => !l.includes("[") && (profil === "interne" || !interne(l)))
    .map((l) => `/${l.slice(0, -".ts".length)}`);
  const fiches = fichesReference().map((f) => f.fiche);
  const telechargements = lireManifeste().jeux.flatMap((j) => j.fichiers.map((f) => `/data/telechargements/${f.fichier.replace(/^dictionnaire\//, "")}`));
  let operateurs: string[] = [];
  if (profil === "interne") {
    const connection = await openSiteDatabase();
    try {
      operateurs = (await operateursInternes(connection)).map((o) => o.code_operateur);
    } finally {
      closeDatabase(connection);
    }
  }
  const pages = [
    ...fiches.map(cheminFiche),
    ...cheminsSections(),
    ...(profil === "interne" ? [...PAGES_INTERNES.map((p) => p.path), ...operateurs.map(cheminOperateur)] : []),
  ].map((p) => `${p}.md`);
  const donnees = [
    ...fiches.map((f) => `/data/fiches/${f}.json`),
    ...THEMES_JEUNES.map((t) => `/data/jeunes/${t.slug}.json`),
    ...telechargements,
    ...(profil === "interne" ? operateurs.map((o) => `/data/interne/operateurs/${o}.json`) : []),
  ];
  return [...new Set([...fixes, ...pages, ...donnees])];
}

const echapper = (s: string) => s.replace(/[\\^$*+?.()|[\]{}]/g, "\\$&");

/**
 * The loader of a target, as Framework routes it: « <target>.ts » itself, else a loader of the same folder whose name
 * has a parameter (« [fiche].json.ts ») matching the target's name, the parameter passed as « --fiche=<value> ».
 */
export function chargeurDe(cible: string): { chargeur: string; params: string[]; sortie: string } {
  const sortie = join(CACHE_FRAMEWORK, cible);
  const exact = join(RACINE_SITE, `${cible}.ts`);
  if (existsSync(exact)) return { chargeur: exact, params: [], sortie };
  const dossier = join(RACINE_SITE, dirname(cible));
  const nom = basename(cible);
  for (const fichier of existsSync(dossier) ? readdirSync(dossier).sort() : []) {
    if (!fichier.includes("[") || !fichier.endsWith(".ts")) continue;
    const noms: string[] = [];
    const motif = fichier.slice(0, -".ts".length).split(/\[([a-z_]\w*)\]/i).map((partie, i) => (i % 2 ? (noms.push(partie), "(.+)") : echapper(partie))).join("");
    const trouve = new RegExp(`^${motif}$`, "i").exec(nom);
    if (trouve) return { chargeur: join(dossier, fichier), params: noms.map((n, i) => `--${n}=${trouve[i + 1]}`), sortie };
  }
  throw new Error(`aucun chargeur du site ne produit ${cible} (pipelines/site/cibles.ts)`);
}
