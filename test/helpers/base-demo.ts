// The demo build's database, opened read-only around a describe block, for the tests that check what it publishes.
import { existsSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, openDatabase } from "../../pipelines/db/duckdb.ts";
import { databaseOfBuild } from "../e2e/build-info.ts";

type Connexion = Awaited<ReturnType<typeof openDatabase>>;

/** Call inside describe(); the returned function gives the connection inside its tests. */
export function baseDeDemonstration(): () => Connexion {
  const base = databaseOfBuild();
  let connection: Connexion | undefined;
  beforeAll(async () => {
    if (!existsSync(base)) throw new Error(`Base introuvable (${base}) : lancez d'abord npm run pipeline (ou npm run build).`);
    connection = await openDatabase(base, { readOnly: true });
  });
  afterAll(() => connection && closeDatabase(connection));
  return () => connection!;
}
