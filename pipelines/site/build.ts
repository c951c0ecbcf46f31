// `npm run site [-- --profile public|interne]`: builds the site of one profile into a temporary folder and swaps it
// into place only once Framework and the post-build checks succeeded — for the public site, the scan of everything it
// publishes (pipelines/publish/garde.ts) included —, so a failed or killed build leaves the previous site whole. public → dist/ (what partners see: figures under statistical secret, no operator finance, no
// alerts); interne → dist-interne/ (department staff). Pages and loaders read the profile from OBS_PROFIL.
import { frameworkAvecChargeurs, type TempsChargeur } from "./chargeurs-processus.ts";
import { writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { acquireRunLock, BUILD, EXTRACTS } from "../outputs.ts";
import { ControlePublic, refuserFuites } from "../publish/garde.ts";
import { buildAside } from "../swap.ts";
import { finishSite, listFiles } from "./postbuild.ts";
import { empreinteSite, garderCache, preparerCache } from "./cache.ts";
import { noterSite, siteAJour } from "./site-a-jour.ts";

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

/** The caller holds the run lock. Nothing new since the installed site was built: it is kept (site-a-jour.ts). */
export async function buildSite(profile: Profile): Promise<string> {
  const started = performance.now();
  const dossier = SITE_DIRS[profile];
  // Loader outputs are data of one database and one edition: kept per edition, reused only when both are unchanged.
  const fingerprint = empreinteSite(profile);
  if (siteAJour(profile, dossier, fingerprint)) {
    const bilan: BilanSite = { etat: "inchange", secondes: (performance.now() - started) / 1000, framework: 0, chargeurs: [], finition: 0, controle: 0 };
    process.stderr.write(`${messageBilan(profile, bilan)}\n`);
    writeFileSync(CHRONO_SITE, `${JSON.stringify({ profil: profile, ...bilan }, null, 2)}\n`);
    return dossier;
  }
  noterSite(profile, dossier, null);
  await buildAside(dossier, (temporary) => frameworkBuild(profile, temporary, fingerprint, started));
  noterSite(profile, dossier, fingerprint);
  return dossier;
}

async function frameworkBuild(profile: Profile, temporary: string, fingerprint: string | null, started: number): Promise<void> {
  const etat = preparerCache(profile, fingerprint);
  const env = { ...process.env, OBS_PROFIL: profile, OBS_SITE_DIR: temporary };
  // The public build's scan takes the extracts while Framework builds (they do not depend on the site), then the site.
  let controle = null as ControlePublic | null;
  const extraits = async () => {
    controle = await ControlePublic.ouvrir();
    await controle.scannerRacines([EXTRACTS]);
  };
  let framework;
  try {
    framework = await frameworkAvecChargeurs(env, "inherit", profile === "public" ? extraits : undefined);
  } catch (error) {
    controle?.abandonner();
    throw new Error(`la construction du site (${profile}) a échoué : le site précédent est conservé (${error instanceof Error ? error.message : String(error)})`);
  }
  const finition = performance.now();
  let secondesControle = 0;
  try {
    finishSite(temporary);
    if (controle) {
      const debut = performance.now();
      refuserPagesInternes(temporary);
      await controle.scannerRacines([temporary]);
      // The extracts' scan still running when Framework ended counts as scan after Framework.
      secondesControle = (performance.now() - debut) / 1000 + framework.attente;
    }
  } catch (error) {
    controle?.abandonner();
    throw error;
  }
  controle?.terminer();
  garderCache(profile, fingerprint);
  const bilan: BilanSite = {
    etat,
    secondes: (performance.now() - started) / 1000,
    framework: framework.secondes,
    chargeurs: framework.chargeurs,
    finition: (performance.now() - finition) / 1000 - (secondesControle - framework.attente),
    controle: secondesControle,
  };
  process.stderr.write(`${messageBilan(profile, bilan)}\n`);
  writeFileSync(CHRONO_SITE, `${JSON.stringify({ profil: profile, ...bilan }, null, 2)}\n`);
}

/** The last site build's times (the build bench reads the cold site time there). */
export const CHRONO_SITE = join(BUILD, "chrono-site.json");

/** Where one site build's time went. */
export interface BilanSite {
  /** « inchange »: nothing new since the installed site was built, which was kept as it is. */
  etat: "inchange" | "a chaud" | "a froid";
  secondes: number;
  /** Framework's build, its loaders' runs included. */
  framework: number;
  chargeurs: TempsChargeur[];
  /** French pages, remote references, page weights (postbuild.ts). */
  finition: number;
  /** The public output's scan after Framework (garde.ts: the built site; the extracts were scanned during Framework); 0 for the internal edition. */
  controle: number;
}

const fr = (s: number) => s.toFixed(1).replace(".", ",");

/** « Site public construit à froid en 38,2 s : chargeurs 12,1 s (79), Framework 14,0 s, … » and the slowest loaders. */
export function messageBilan(profile: Profile, b: BilanSite): string {
  if (b.etat === "inchange") {
    return `Site ${profile} gardé tel quel : rien de nouveau depuis sa construction (même base, mêmes pages, même code, fichiers intacts) ` +
      `(${fr(b.secondes)} s). OBS_RECONSTRUIRE=1 pour le reconstruire.`;
  }
  const chargeurs = b.chargeurs.reduce((n, c) => n + c.ms, 0) / 1000;
  const lents = [...b.chargeurs].sort((x, y) => y.ms - x.ms).slice(0, 5);
  // Loaders Framework had to ask for were missing from cibles.ts's list: each cost a process start.
  const demandes = b.chargeurs.filter((c) => !c.avance);
  const etat = b.etat === "a chaud" ? "à chaud (données inchangées : résultats des chargeurs réutilisés)" : "à froid";
  return [
    `Site ${profile} construit ${etat} en ${fr(b.secondes)} s : chargeurs ${fr(chargeurs)} s (${b.chargeurs.length - demandes.length} préparés d'avance, ${demandes.length} demandés par Framework), ` +
      `Framework hors chargeurs ${fr(b.framework - chargeurs)} s, finition ${fr(b.finition)} s${b.controle ? `, contrôle de la sortie publique ${fr(b.controle)} s` : ""}`,
    ...(lents.length ? [`  chargeurs les plus lents : ${lents.map((c) => `${c.chargeur} ${fr(c.ms / 1000)} s`).join(" ; ")}`] : []),
    ...(demandes.length ? [`  demandés par Framework (absents de pipelines/site/cibles.ts) : ${demandes.map((c) => c.chargeur).join(" ; ")}`] : []),
  ].join("\n");
}

/** What the public build checks before the swap: no internal page, and nothing forbidden in it nor in the extracts. */
export async function verifierSitePublic(dossier: string): Promise<number> {
  const debut = performance.now();
  refuserPagesInternes(dossier);
  await refuserFuites([dossier, EXTRACTS]);
  return (performance.now() - debut) / 1000;
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
