// `npm test` runs this first: it checks that a Chromium starts (and stops at once, before any build, if none does),
// then builds what the tests read, once: the pipeline's database and extracts, the public site (dist/) and the
// internal edition (dist-interne/). Test files only open these; none builds anything.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { acquireLock } from "../pipelines/lock.ts";
import { LOCK, runPipeline } from "../pipelines/run.ts";
import { buildSite } from "../pipelines/site/build.ts";
import { lancerChromium } from "../pipelines/site/chromium.ts";

const secondes = (debut: number) => `${((performance.now() - debut) / 1000).toFixed(0)} s`;

try {
  const navigateur = await lancerChromium();
  process.stderr.write(`Chromium ${navigateur.version()} prêt pour les tests du navigateur\n`);
  await navigateur.close();

  mkdirSync(dirname(LOCK), { recursive: true });
  const release = acquireLock(LOCK);
  try {
    const debut = performance.now();
    await runPipeline();
    for (const profil of ["public", "interne"] as const) {
      const site = performance.now();
      process.stderr.write(`Site ${profil} prêt : ${buildSite(profil)} (${secondes(site)})\n`);
    }
    process.stderr.write(`Préparation des tests : ${secondes(debut)}\n`);
  } finally {
    release();
  }
} catch (error) {
  process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
