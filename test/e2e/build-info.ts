// Where the built site is, and which database it was built from (recorded by pipelines/site/postbuild.ts).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";

export const DIST = resolve(process.env.OBS_SITE_DIR ?? "dist");
const BUILD_INFO = resolve("build/site-build.json");

/** The built site (dist/, or dist-interne/ for the internal edition), which `npm test` builds before the tests. */
export function requireDist(dist = DIST): void {
  if (!existsSync(join(dist, "index.html"))) {
    throw new Error(`Site introuvable (${dist}/index.html) : lancez les tests par npm test, qui le construit (ou npm run build, npm run site -- --profile interne).`);
  }
}

/** OBS_DATABASE, else the database postbuild recorded, else the pipeline's; a mismatch is an error, not a guess. */
export function databaseOfBuild(): string {
  const recorded = existsSync(BUILD_INFO) ? resolve((JSON.parse(readFileSync(BUILD_INFO, "utf8")) as { database: string }).database) : null;
  const asked = process.env.OBS_DATABASE ? resolve(process.env.OBS_DATABASE) : null;
  if (asked && recorded && asked !== recorded) {
    throw new Error(`Le site a été construit depuis ${recorded} mais OBS_DATABASE vaut ${asked} : reconstruisez le site (npm run site) avec la même base.`);
  }
  return asked ?? recorded ?? resolve("build/observatoire.duckdb");
}

/** Rows of the database the site was built from, read-only: what a browser test compares a page with. */
export async function lire<T>(sql: string, parametres: unknown[] = []): Promise<T[]> {
  const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  try {
    return await query<T>(connection, sql, parametres as never);
  } finally {
    closeDatabase(connection);
  }
}
