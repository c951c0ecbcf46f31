// The files of the downloads page, written by the same functions as the pipeline's extracts (pipelines/extracts.ts)
// from the database the site is built from, and streamed to a data loader's standard output.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CATALOGUE, publishedSchema, writeExtract, type ExtractFormat } from "../extracts.ts";
import { closeDatabase, openSiteDatabase } from "./database.ts";
import { tablePubliee } from "./fiches.ts";

/** File names offered for download (without extension) → the table they come from. */
export async function sourceOf(nom: string, connection: Awaited<ReturnType<typeof openSiteDatabase>>): Promise<string> {
  if (nom === "indicateurs") return (await tablePubliee(connection)).table;
  if (nom === CATALOGUE.name) return CATALOGUE.source;
  throw new Error(`Extrait inconnu : ${nom}`);
}

export async function extrait(nom: string, format: ExtractFormat): Promise<Buffer> {
  const connection = await openSiteDatabase();
  const dir = mkdtempSync(join(tmpdir(), "obs-extrait-"));
  try {
    const path = join(dir, "extrait");
    await writeExtract(connection, await sourceOf(nom, connection), path, format);
    return readFileSync(path);
  } finally {
    closeDatabase(connection);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function schema(nom: string): Promise<string> {
  const connection = await openSiteDatabase();
  try {
    return `${JSON.stringify(await publishedSchema(connection, await sourceOf(nom, connection), nom), null, 2)}\n`;
  } finally {
    closeDatabase(connection);
  }
}
