// The public documents the reference data quotes (sources/documents/, one file per code: 000_….txt).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const DOCUMENTS = "sources/documents";

/** The lines of document `code` ("000"…), so that line n of the file is element n − 1. */
export function documentLines(code: string): string[] {
  const file = readdirSync(DOCUMENTS).find((f) => f.startsWith(`${code}_`) && f.endsWith(".txt"));
  if (!file) throw new Error(`document ${code} absent de ${DOCUMENTS}/ (une ligne de référence le cite)`);
  return readFileSync(join(DOCUMENTS, file), "utf8").split("\n");
}
