// `npm run bench:build`: `npm run build` cold — the database rebuilt (OBS_RECONSTRUIRE=1), the public edition's loader
// outputs and the public scan's memo dropped, as on a fresh clone — then again with nothing new (warm: the installed
// site is kept), then once more with the site's record forgotten (Framework rebuilds the pages from the loaders' kept
// outputs). The site times are the ones the build itself measured (build/chrono-site.json). Figures are printed,
// never asserted.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { MEMO_CONTROLE } from "../publish/garde.ts";
import { preparerCache } from "../site/cache.ts";
import { CHRONO_SITE, type BilanSite } from "../site/build.ts";
import { temoinSite } from "../site/site-a-jour.ts";
import { contexte, imprimerObjectifs, mesurer, type Objectif } from "./objectifs.ts";

function npmRunBuild(env: Record<string, string>): number {
  const debut = performance.now();
  const resultat = spawnSync("npm", ["run", "build"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (resultat.status !== 0) throw new Error(`npm run build a échoué (code ${resultat.status}) :\n${resultat.stderr.slice(-3000)}`);
  return (performance.now() - debut) / 1000;
}

const fr = (x: number) => x.toLocaleString("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export async function mesurerConstruction(): Promise<Objectif[]> {
  // Cold as build.ts and cache.ts allow: no kept loader output for the edition, no memo of the scan. Framework's
  // bundles of node_modules (cache entries « _… ») do not depend on the data and stay, as in every build.
  preparerCache("public", null);
  rmSync(MEMO_CONTROLE, { force: true });
  const froid = npmRunBuild({ OBS_RECONSTRUIRE: "1" });
  const site = JSON.parse(readFileSync(CHRONO_SITE, "utf8")) as BilanSite;
  if (site.etat !== "a froid") throw new Error(`la construction froide a trouvé le cache du site chaud (${CHRONO_SITE})`);
  const chargeurs = site.chargeurs.reduce((n, c) => n + c.ms, 0) / 1000;
  const chaud = npmRunBuild({});
  const siteInchange = JSON.parse(readFileSync(CHRONO_SITE, "utf8")) as BilanSite;
  if (siteInchange.etat !== "inchange") throw new Error(`la seconde construction, sans rien de nouveau, n'a pas gardé le site construit (${CHRONO_SITE} : ${siteInchange.etat})`);
  // The site built again all the same (its record forgotten): Framework's own warm build, the loaders' outputs reused.
  rmSync(temoinSite("public"), { force: true });
  const reconstruit = npmRunBuild({});
  const siteChaud = JSON.parse(readFileSync(CHRONO_SITE, "utf8")) as BilanSite;
  if (siteChaud.etat !== "a chaud") throw new Error(`la troisième construction n'a pas réutilisé les résultats des chargeurs (${CHRONO_SITE}) : rien n'y est chaud`);
  return [
    mesurer("build", froid),
    mesurer("siteFroid", site.secondes),
    contexte(
      "  dont chargeurs / Framework hors chargeurs / contrôle après Framework",
      `${fr(chargeurs)} s (${site.chargeurs.length}) / ${fr(site.framework - chargeurs)} s / ${fr(site.controle)} s`,
    ),
    mesurer("siteChaud", chaud),
    contexte("  dont vérification que le site installé est à jour", `${fr(siteInchange.secondes)} s`),
    contexte("  site reconstruit quand même (chargeurs réutilisés, Framework refait les pages)", `${fr(reconstruit)} s, dont site ${fr(siteChaud.secondes)} s`),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    imprimerObjectifs(await mesurerConstruction());
  } catch (error) {
    process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
