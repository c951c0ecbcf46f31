// What the fault tests share: a build folder of their own beside the project's, and a fingerprint of every file in it.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export const tsx = join("node_modules", ".bin", "tsx");

/**
 * A fresh root with inbox/ and build/, and the environment that points a pipeline run at them. Every run recomputes
 * (OBS_RECONSTRUIRE): these tests rerun the same files and kill the runs mid-way; reuse is tested on its own.
 */
export function espacePannes() {
  const root = mkdtempSync(join(tmpdir(), "obs-pannes-"));
  const inbox = join(root, "inbox");
  const build = join(root, "build");
  const database = join(build, "observatoire.duckdb");
  const env = { ...process.env, OBS_INBOX: inbox, OBS_BUILD: build, OBS_DATABASE: database, OBS_CLE_PSEUDONYMISATION: "cle-de-test-des-pannes-assez-longue", OBS_RECONSTRUIRE: "1" };
  return { root, inbox, build, database, env };
}

export const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Every file under `dir` (hidden ones included) → its sha256: what a failed run must leave exactly as it was. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = sha(path);
    }
  };
  walk(dir);
  return files;
}
