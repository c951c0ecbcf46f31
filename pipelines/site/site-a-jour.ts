// A build of the site with nothing new — same database, same pages and code, same edition — would make the very site
// already in place: the build then keeps it, as the pipeline keeps its outputs (run.ts, « Rien de nouveau… »), instead
// of spending Framework's fifteen seconds to write the same files again. What was built is recorded beside the other
// build records: the site's fingerprint (cache.ts's empreinteSite, which already decides whether the loaders' outputs
// may be reused) and the list of the installed files with their sizes and modification times, so that a site
// touched since (a file edited, added or removed) is built again.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { reconstructionForcee } from "../empreinte.ts";
import { BUILD } from "../outputs.ts";
import { aside, swapIn } from "../swap.ts";
import { listFiles } from "./postbuild.ts";

/** The record of the edition's installed site (build/site-installe-<édition>.json). */
export const temoinSite = (edition: string) => join(BUILD, `site-installe-${edition}.json`);

interface Temoin {
  empreinte: string;
  /** Every file of the installed site: its path in the site, size and modification time. */
  fichiers: Record<string, [number, number]>;
}

function inventaire(dossier: string): Temoin["fichiers"] {
  const fichiers: Temoin["fichiers"] = {};
  for (const f of listFiles(dossier).sort()) {
    const { size, mtimeMs } = statSync(f);
    fichiers[relative(dossier, f).split(sep).join("/")] = [size, mtimeMs];
  }
  return fichiers;
}

/**
 * True when the site in `dossier` was built from what `empreinte` describes and has not been touched since. Never when
 * the fingerprint is unknown or a rebuild is forced (OBS_RECONSTRUIRE=1, --reconstruire).
 */
export function siteAJour(edition: string, dossier: string, empreinte: string | null): boolean {
  const fichier = temoinSite(edition);
  if (empreinte === null || reconstructionForcee() || !existsSync(fichier) || !existsSync(dossier)) return false;
  let temoin: Temoin;
  try {
    temoin = JSON.parse(readFileSync(fichier, "utf8")) as Temoin;
  } catch (error) {
    // Written whole or not at all (noterSite): only a hand could have spoilt it. The site is built again, and says why.
    process.stderr.write(`${fichier} illisible (${error instanceof Error ? error.message : String(error)}) : le site ${edition} est reconstruit.\n`);
    return false;
  }
  return temoin.empreinte === empreinte && JSON.stringify(inventaire(dossier)) === JSON.stringify(temoin.fichiers);
}

/** After the site is installed: what it was built from and what it holds. Before a build: `null` forgets it. */
export function noterSite(edition: string, dossier: string, empreinte: string | null): void {
  const fichier = temoinSite(edition);
  if (empreinte === null) return rmSync(fichier, { force: true });
  writeFileSync(aside(fichier), `${JSON.stringify({ empreinte, fichiers: inventaire(dossier) } satisfies Temoin)}\n`);
  swapIn(fichier);
}
