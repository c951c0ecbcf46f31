// « Rebuild only what changed » (issue 16.5): the fingerprint of everything a build's result depends on — the
// operator files, the code (pipelines/, sql/, observatory/), the reference data, the locked dependencies, the run's
// reference date and pseudonymisation key. A build whose fingerprint equals the one recorded beside its installed
// outputs reuses them instead of recomputing the same bytes.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { dateReference } from "./date-reference.ts";
import { KEY_FILE, KEY_VARIABLE } from "./ingest/pseudonymise.ts";

/** Files under these folders (recursively) and these files, project-relative. */
// observatory/components: the extracts take their labels, marks and CSV cell rule from the site's components.
export const CODE_PIPELINE = ["pipelines", "sql", "sources/reference", "observatory/components", "package-lock.json"];
export const CODE_SITE = ["observatory", "observablehq.config.ts"];
/** Framework's own cache and generated folders are results, not inputs. */
const IGNORES = new Set([".observablehq", "node_modules"]);

function fichiers(chemin: string): string[] {
  if (!existsSync(chemin)) return [];
  if (!statSync(chemin).isDirectory()) return [chemin];
  return readdirSync(chemin)
    .filter((nom) => !IGNORES.has(nom))
    .sort()
    .flatMap((nom) => fichiers(join(chemin, nom)));
}

/** sha256 over each file's project-relative path and contents, in a fixed order, plus the given facts. */
export function empreinte(chemins: readonly string[], faits: Record<string, string> = {}): string {
  const hash = createHash("sha256");
  for (const chemin of chemins) {
    for (const f of fichiers(resolve(chemin))) {
      hash.update(`${relative(process.cwd(), f).split(sep).join("/")}\u0000`);
      hash.update(readFileSync(f));
      hash.update("\u0000");
    }
  }
  for (const [k, v] of Object.entries(faits).sort()) hash.update(`${k}=${v}\u0000`);
  return hash.digest("hex");
}

/** The run's facts besides files: the reference date deadlines are measured from, and which key pseudonymises. */
export function faitsDeLExecution(demo: boolean): Record<string, string> {
  const cle = process.env[KEY_VARIABLE]?.trim() || (existsSync(KEY_FILE) ? readFileSync(KEY_FILE, "utf8").trim() : "");
  return {
    date_reference: dateReference(),
    donnees: demo ? "demonstration" : "operateurs",
    // The key's own hash, never the key: a new key gives new pseudonyms, so a new database.
    cle: createHash("sha256").update(`observatoire-empreinte\u0000${cle}`).digest("hex"),
  };
}

export function lireEmpreinte(fichier: string): string | null {
  return existsSync(fichier) ? readFileSync(fichier, "utf8").trim() : null;
}

export function ecrireEmpreinte(fichier: string, valeur: string): void {
  writeFileSync(fichier, `${valeur}\n`);
}

/** `OBS_RECONSTRUIRE=1` (or `--reconstruire`) forces a full build even when nothing changed. */
export const reconstructionForcee = () => process.env.OBS_RECONSTRUIRE === "1" || process.argv.includes("--reconstruire");
