// `npm run site [-- --profile public|interne]`: builds the site of one profile into a temporary folder and swaps it
// into place only once Framework and the post-build checks succeeded — for the public site, the scan of everything it
// publishes (pipelines/publish/garde.ts) included —, so a failed or killed build leaves the previous site whole. public → dist/ (what partners see: figures under statistical secret, no operator finance, no
// alerts); interne → dist-interne/ (department staff). Pages and loaders read the profile from OBS_PROFIL.
import { spawnSync } from "node:child_process";
import { demarrerChargeurs } from "./chargeurs-processus.ts";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { acquireRunLock, EXTRACTS } from "../outputs.ts";
import { refuserFuites } from "../publish/garde.ts";
import { buildAside } from "../swap.ts";
import { finishSite, listFiles } from "./postbuild.ts";
import { empreinteSite, garderCache, preparerCache } from "./cache.ts";

export type Profile = "public" | "interne";
export const SITE_DIRS: Record<Profile, string> = { public: resolve("dist"), interne: resolve("dist-interne") };

export function parseProfile(args = process.argv.slice(2)): Profile {
  const { values } = parseArgs({ args, options: { profile: { type: "string", default: "public" } }, allowPositionals: true });
  if (values.profile !== "public" && values.profile !== "interne") throw new Error(`profil « ${values.profile} » inconnu : public ou interne`);
  return values.profile;
}

/**
 * The public site holds no internal page nor internal data file (/interne/ pages, data/interne/ files): the
 * configuration lists them only for the internal profile and their loaders refuse any other; this checks the result.
 */
export function refuserPagesInternes(dir: string): void {
  const internes = listFiles(dir)
    .map((f) => relative(dir, f).split(sep).join("/"))
    .filter((f) => /^interne\//.test(f) || /^_file\/data\/interne\//.test(f));
  if (internes.length) throw new Error(`le site public contient des fichiers de l'édition interne : ${internes.slice(0, 5).join(", ")}`);
}

/** The caller holds the run lock. */
export function buildSite(profile: Profile): Promise<string> {
  return buildAside(SITE_DIRS[profile], (temporary) => frameworkBuild(profile, temporary));
}

async function frameworkBuild(profile: Profile, temporary: string): Promise<void> {
  // Loader outputs are data of one database and one edition: kept per edition, reused only when both are unchanged.
  const fingerprint = empreinteSite(profile);
  const started = performance.now();
  const etat = preparerCache(profile, fingerprint);
  const env = { ...process.env, OBS_PROFIL: profile, OBS_SITE_DIR: temporary };
  const chargeurs = await demarrerChargeurs(env);
  let framework;
  try {
    framework = spawnSync("npx", ["observable", "build"], { env: { ...env, OBS_CHARGEURS: chargeurs.socket }, stdio: "inherit" });
  } finally {
    await chargeurs.arreter();
  }
  if (framework.status !== 0) throw new Error(`la construction du site (${profile}) a échoué : le site précédent est conservé`);
  finishSite(temporary);
  if (profile === "public") await verifierSitePublic(temporary);
  garderCache(profile, fingerprint);
  const secondes = ((performance.now() - started) / 1000).toFixed(1).replace(".", ",");
  process.stderr.write(`Site ${profile} construit ${etat === "a chaud" ? "à chaud (données inchangées : résultats des chargeurs réutilisés)" : "à froid"} en ${secondes} s\n`);
}

/** What the public build checks before the swap: no internal page, and nothing forbidden in it nor in the extracts. */
export async function verifierSitePublic(dossier: string): Promise<void> {
  refuserPagesInternes(dossier);
  await refuserFuites([dossier, EXTRACTS]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const profile = parseProfile();
    const release = acquireRunLock(Object.values(SITE_DIRS));
    try {
      process.stderr.write(`Site ${profile} prêt : ${await buildSite(profile)}\n`);
    } finally {
      release();
    }
  } catch (error) {
    process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
