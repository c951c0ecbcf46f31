// `npm test` runs this first: it checks that a Chromium starts (and stops at once, before any build, if none does),
// then builds what the tests read, once: the pipeline's database and extracts, the public site (dist/) and the
// internal edition (dist-interne/). Test files only open these; none builds anything.
import { acquireRunLock } from "../pipelines/outputs.ts";
import { runPipeline } from "../pipelines/run.ts";
import { buildSite, SITE_DIRS } from "../pipelines/site/build.ts";
import { lancerChromium } from "../pipelines/site/chromium.ts";

const secondes = (debut: number) => `${((performance.now() - debut) / 1000).toFixed(0)} s`;

try {
  const navigateur = await lancerChromium();
  process.stderr.write(`Chromium ${navigateur.version()} prêt pour les tests du navigateur\n`);
  await navigateur.close();

  const release = acquireRunLock(Object.values(SITE_DIRS));
  try {
    const debut = performance.now();
    await runPipeline();
    for (const profil of ["public", "interne"] as const) {
      const site = performance.now();
      process.stderr.write(`Site ${profil} prêt : ${await buildSite(profil)} (${secondes(site)})\n`);
    }
    process.stderr.write(`Préparation des tests : ${secondes(debut)}\n`);
  } finally {
    release();
  }
} catch (error) {
  process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
