// `npm run build [-- --profile public|interne]`: the main job under one lock — the pipeline (database built aside and
// moved into place on success), then the site of the profile (built aside and swapped in on success).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { acquireLock } from "./lock.ts";
import { LOCK, runPipeline } from "./run.ts";
import { buildSite, parseProfile } from "./site/build.ts";

try {
  const profile = parseProfile();
  mkdirSync(dirname(LOCK), { recursive: true });
  const release = acquireLock(LOCK);
  try {
    await runPipeline();
    process.stderr.write(`Site ${profile} prêt : ${await buildSite(profile)}\n`);
  } finally {
    release();
  }
} catch (error) {
  process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
