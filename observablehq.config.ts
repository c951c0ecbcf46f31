// Observable Framework configuration of the observatory site (French, no network: see pipelines/site/README.md).
import { fileURLToPath } from "node:url";
import { openSiteDatabase, readExecution } from "./pipelines/site/database.ts";
import { cheminFiche, fichesReference } from "./pipelines/site/fiches.ts";
import { seedNpmVersionCache } from "./pipelines/site/offline.ts";
import { cheminsSections, pagesSections } from "./pipelines/site/sections.ts";
import { operateursInternes } from "./pipelines/site/interne.ts";
import { PAGES_INTERNES, profilSite } from "./pipelines/site/profil.ts";
import { date, dateArrete } from "./observatory/components/format.ts";
import { cheminOperateur } from "./observatory/components/operateur.ts";

// The build must make no network request: Framework would post telemetry to observablehq.com,
// and ask registry.npmjs.org for the versions of libraries our pages never load.
process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
seedNpmVersionCache(fileURLToPath(new URL("observatory", import.meta.url)));

// The sample-data banner lives in the shared header, so that no page can forget it.
const connection = await openSiteDatabase();
const execution = await readExecution(connection);
// The internal edition has one page per operator (observatory/interne/operateurs/[operateur].md.ts).
const operateurs = profilSite() === "interne" ? (await operateursInternes(connection)).map((o) => o.code_operateur) : [];
connection.closeSync();

const bandeau = execution.donneesFictives
  ? `<p class="obs-bandeau" id="bandeau-donnees-fictives" role="note"><strong>Données fictives de démonstration</strong><span class="obs-bandeau-detail"> — ces chiffres sont générés automatiquement et ne décrivent aucune personne ni aucune activité réelle.</span></p>`
  : "";

// The internal edition shows unmasked figures on every page, fiche and territory sheets included: a band in the shared
// header marks each of them, so that no screenshot of it can pass for the public site (style.css: .obs-edition-interne).
const bandeauInterne =
  profilSite() === "interne"
    ? `<p class="obs-edition-interne" id="bandeau-edition-interne" role="note"><strong>Édition interne — ne pas diffuser</strong><span class="obs-bandeau-detail"> · chiffres non masqués, financement et alertes par opérateur · <a href="/interne/accueil">accueil de l’édition interne</a></span></p>`
    : "";

// One thematic sheet per fiche (observatory/fiches/[fiche].md.ts), listed from the reference data.
const fiches = fichesReference();

export default {
  root: "observatory",
  // OBS_SITE_DIR: another output folder (the scale benchmark, the build profiles); postbuild reads the same.
  output: process.env.OBS_SITE_DIR ?? "dist",
  title: "Observatoire Axe 2 — Pas-de-Calais",
  pages: [
    { name: "Logement d’abord (2.4 à 2.7)", path: "/logement-d-abord" },
    {
      name: "Fiches de l’Axe 2",
      open: true,
      pages: [{ name: "Les 13 fiches", path: "/fiches/" }, ...fiches.map((f) => ({ name: `${f.numero} ${f.titre}`, path: cheminFiche(f.fiche) }))],
    },
    ...pagesSections(),
    { name: "Téléchargements", path: "/telechargements" },
    // Operators check a report in their browser before sending it (the pipeline's checker, bundled: observatory/verifier/).
    { name: "Vérifier un fichier", path: "/verifier-un-fichier" },
    { name: "Méthodologie et sources", path: "/methodologie" },
    { name: "Dictionnaire des données", path: "/dictionnaire" },
    // The internal edition only (OBS_PROFIL=interne): observatory/interne/[page].md.ts is a parameterised page loader,
    // so Framework builds these pages only when listed here — never in dist/ (pipelines/site/profil.ts).
    ...(profilSite() === "interne" ? [{ name: "Édition interne", open: true, pages: PAGES_INTERNES.map((p) => ({ ...p })) }] : []),
  ],
  // TypeScript loaders run in the loaders' server of the build (pipelines/site/chargeur.mjs: tsx and DuckDB loaded
  // once, not once per loader); without one (npm run dev), with tsx as Framework's default.
  interpreters: { ".ts": ["node", "pipelines/site/chargeur.mjs"] },
  // No web font, no CDN: the project stylesheet sets a system font stack.
  globalStylesheets: [],
  style: "style.css",
  // An empty icon: otherwise the browser asks the server for /favicon.ico and logs a 404.
  head: `<link rel="icon" href="data:,">`,
  header: `<a class="obs-marque" href="/">Observatoire de l’Axe 2 · Département du Pas-de-Calais</a>${bandeauInterne}${bandeau}`,
  footer:
    `Département du Pas-de-Calais — Axe 2 « Parcours logement et accompagnement budgétaire ». ` +
    `Données : Licence Ouverte 2.0. Fonds de carte : IGN ADMIN EXPRESS COG 2018, INSEE COG 2018 (Licence Ouverte). ` +
    `Données arrêtées à ${dateArrete(execution.dateArrete)}, site généré le ${date(execution.genereLe)}.`,
  dynamicPaths: [...fiches.map((f) => cheminFiche(f.fiche)), ...cheminsSections(), ...operateurs.map(cheminOperateur)],
  toc: { label: "Sur cette page" },
  pager: false,
  search: false,
  typographer: true,
  quotes: ["«\u00a0", "\u00a0»", "‹\u00a0", "\u00a0›"],
  linkify: false,
};
