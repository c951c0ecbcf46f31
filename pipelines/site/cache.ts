// Framework keeps each data loader's output in observatory/.observablehq/cache and reruns a loader only when its own
// file changed: it cannot see that the database under it changed, nor which edition (public or interne) the output
// was made for. So the outputs are kept per edition, beside the cache, with the fingerprint of what they were made
// from (database, code, edition): a build whose fingerprint matches gets them back (warm build, seconds); any other
// build starts from an empty cache (cold). Framework's bundles of node_modules (entries starting with « _ ») do not
// depend on the data and stay in place.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { CODE_PIPELINE, CODE_SITE, ecrireEmpreinte, empreinte, lireEmpreinte } from "../empreinte.ts";
import { PIPELINE_FINGERPRINT } from "../outputs.ts";

export const CACHE = resolve("observatory/.observablehq/cache");
export const RESERVES = resolve("observatory/.observablehq/cache-editions");
const TAMPON = ".empreinte";

const partage = (nom: string) => nom.startsWith("_");

/** What an edition's loader outputs depend on; null when the database's own fingerprint is unknown (never warm). */
export function empreinteSite(edition: string): string | null {
  const base = lireEmpreinte(PIPELINE_FINGERPRINT);
  return base === null ? null : empreinte([...CODE_SITE, ...CODE_PIPELINE], { base, edition });
}

function deplacerResultats(de: string, vers: string): void {
  mkdirSync(vers, { recursive: true });
  for (const nom of readdirSync(de)) if (!partage(nom) && nom !== TAMPON) renameSync(join(de, nom), join(vers, nom));
}

/** Before a build: the cache holds the edition's kept outputs if they were made from the same things, else none. */
export function preparerCache(edition: string, empreinteCourante: string | null): "a chaud" | "a froid" {
  mkdirSync(CACHE, { recursive: true });
  for (const nom of readdirSync(CACHE)) if (!partage(nom)) rmSync(join(CACHE, nom), { recursive: true, force: true });
  const reserve = join(RESERVES, edition);
  const chaud = empreinteCourante !== null && existsSync(reserve) && lireEmpreinte(join(reserve, TAMPON)) === empreinteCourante;
  if (chaud) deplacerResultats(reserve, CACHE);
  rmSync(reserve, { recursive: true, force: true });
  return chaud ? "a chaud" : "a froid";
}

/** After a successful build: its outputs are kept for the next build of the same edition. */
export function garderCache(edition: string, empreinteCourante: string | null): void {
  const reserve = join(RESERVES, edition);
  rmSync(reserve, { recursive: true, force: true });
  if (empreinteCourante === null) return;
  deplacerResultats(CACHE, reserve);
  ecrireEmpreinte(join(reserve, TAMPON), empreinteCourante);
}
