// A run that would meet personal columns without a pseudonymisation key stops before loading anything: rejecting those
// files one by one would publish their fiches as if nobody had been accompanied (2.12 with 0 households, every act
// refused, a trop-perçu claimed from every operator) and the run would still look successful.
import { basename } from "node:path";
import type { AnyReport } from "../contracts/index.ts";
import { parseFileName, reportFromName, reportsFromHeaders } from "./identify.ts";
import { personalColumns, resolvePseudonymKey } from "./pseudonymise.ts";
import { openOperatorFile } from "./read-file.ts";

/** The report a file would be read as, by its name, else by its headers (undefined: unidentified, rejected later anyway). */
async function likelyReports(path: string): Promise<AnyReport[]> {
  const named = reportFromName(parseFileName(path));
  if (named) return [named];
  try {
    const sheet = await openOperatorFile(path, undefined);
    await sheet.csv?.close();
    return reportsFromHeaders(sheet.headers);
  } catch {
    // An unreadable file is refused by its own ingest, with its reason; it cannot carry personal data into the base.
    return [];
  }
}

/** Files of the list that hold personal columns. */
export async function filesWithPersonalColumns(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) if ((await likelyReports(path)).some((r) => personalColumns(r).length > 0)) found.push(path);
  return found;
}

/** The key to use: the given one, else the environment's or the key file's; throws (run stopped) when files need one and there is none. */
export async function requirePseudonymKey(paths: string[], given?: string): Promise<string | undefined> {
  if (given) return given;
  const personal = await filesWithPersonalColumns(paths);
  if (!personal.length) return undefined;
  try {
    return resolvePseudonymKey();
  } catch (error) {
    const names = personal.map((p) => `« ${basename(p)} »`).join(", ");
    throw new Error(`${error instanceof Error ? error.message : String(error)} Fichiers concernés : ${names}. Rien n'a été chargé.`);
  }
}
