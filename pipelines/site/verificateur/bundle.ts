// The « Vérifier un fichier » worker as one browser script: the pipeline's checker and what it imports (contracts,
// normalisers, readers, zod, csv-parse, exceljs), bundled by esbuild (Observable Framework's own bundler) with Node's
// modules replaced by node-navigateur.ts and the reference files the contracts read embedded. Nothing is fetched at
// run time: the page serves this one file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ICI = fileURLToPath(new URL(".", import.meta.url));
const ENTREE = `${ICI}worker.ts`;
const NODE = `${ICI}node-navigateur.ts`;
const GLOBAUX = `${ICI}globaux-navigateur.ts`;
const REFERENCE = fileURLToPath(new URL("../../../sources/reference/", import.meta.url));
const MODULES_NODE = /^(node:)?(fs|fs\/promises|path|url|crypto|stream|stream\/promises|os|util)$/;

const options = (references: Record<string, string>): esbuild.BuildOptions => ({
  entryPoints: [ENTREE],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  write: false,
  metafile: true,
  logLevel: "silent",
  inject: [GLOBAUX],
  define: { REFERENCES_EMBARQUEES: JSON.stringify(references) },
  plugins: [
    {
      name: "node-navigateur",
      setup(build) {
        build.onResolve({ filter: MODULES_NODE }, () => ({ path: NODE }));
        // exceljs's browser build without its polyfills (the browsers the site supports have them): 85 Ko less.
        build.onResolve({ filter: /^exceljs$/ }, () => ({ path: fileURLToPath(import.meta.resolve("exceljs/dist/exceljs.bare.min.js")) }));
        build.onResolve({ filter: /^(node:)?buffer$/ }, () => ({ path: fileURLToPath(import.meta.resolve("buffer/index.js")) }));
      },
    },
  ],
});

/** The reference files named by the bundled modules (`sources/reference/<fichier>.csv`). */
function referencesNommees(metafile: esbuild.Metafile): string[] {
  const noms = new Set<string>();
  for (const entree of Object.keys(metafile.inputs)) {
    if (!/\.ts$/.test(entree) || entree.includes("node_modules")) continue;
    for (const m of readFileSync(entree, "utf8").matchAll(/sources\/reference\/([\w-]+\.csv)/g)) noms.add(m[1]!);
  }
  return [...noms].sort();
}

export interface Verificateur {
  script: string;
  references: string[];
}

export async function construireVerificateur(): Promise<Verificateur> {
  const premier = await esbuild.build(options({}));
  const references = referencesNommees(premier.metafile!);
  const textes = Object.fromEntries(references.map((nom) => [nom, readFileSync(`${REFERENCE}${nom}`, "utf8")]));
  const build = await esbuild.build(options(textes));
  if (build.errors.length) throw new Error(`vérificateur de fichier : le paquet navigateur n'a pas pu être construit : ${build.errors.map((e) => e.text).join(" ; ")}`);
  return { script: build.outputFiles![0]!.text, references };
}
