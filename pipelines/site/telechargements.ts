// The files of the downloads page are the pipeline's extracts themselves (pipelines/extracts.ts, build/extraits/):
// the site's loaders copy them byte for byte, so the sizes and rows the page gives are those of the files served.
import { existsSync, readFileSync } from "node:fs";
import { join, normalize } from "node:path";
import { MANIFESTE, type Manifeste } from "../extracts.ts";
import { EXTRACTS } from "../outputs.ts";

/** One file of the extracts, refused when absent or outside build/extraits/. */
export function fichierExtrait(relatif: string): Buffer {
  const chemin = normalize(join(EXTRACTS, relatif));
  if (!chemin.startsWith(`${EXTRACTS}/`)) throw new Error(`Extrait refusé : ${relatif} (hors de ${EXTRACTS})`);
  if (!existsSync(chemin)) throw new Error(`Extrait introuvable : ${chemin}. Lancez d'abord le pipeline (npm run pipeline), qui écrit les extraits.`);
  return readFileSync(chemin);
}

/** The manifest of the extracts: each data set, its files with their size, its rows and a preview. */
export function lireManifeste(): Manifeste {
  return JSON.parse(fichierExtrait(MANIFESTE).toString("utf8")) as Manifeste;
}
