// `npm run build [-- --profile public|interne]`: the main job under one lock — the pipeline (database built aside and
// moved into place on success), then the site of the profile (built aside and swapped in on success).
import { acquireRunLock } from "./outputs.ts";
import { runPipeline } from "./run.ts";
import { buildSite, parseProfile, SITE_DIRS } from "./site/build.ts";

try {
  const profile = parseProfile();
  const started = performance.now();
  const release = acquireRunLock(Object.values(SITE_DIRS));
  try {
    await runPipeline();
    process.stderr.write(`Site ${profile} prêt : ${await buildSite(profile)}\n`);
    process.stderr.write(`Construction terminée en ${((performance.now() - started) / 1000).toFixed(1).replace(".", ",")} s\n`);
  } finally {
    release();
  }
} catch (error) {
  process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
