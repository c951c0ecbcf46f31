// Columns the spec marks PERSONAL (names, addresses, contact details) never reach DuckDB in clear: each value is
// replaced at ingest by a keyed hash (HMAC-SHA-256), stable for a given key so that the same person can still be
// counted once, and impossible to reverse or to recompute without the key.
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";

export const KEY_VARIABLE = "OBS_CLE_PSEUDONYMISATION";
export const KEY_FILE = resolve(".observatoire-key");
/** Demo files carry no real person: a fixed, public key is enough and keeps the build reproducible. */
export const DEMO_KEY = "cle-de-demonstration-non-secrete";

export function personalColumns(report: AnyReport): string[] {
  return report.columnList.filter((c) => c.personal).map((c) => c.name);
}

/** The key from the environment, else from the local key file (kept out of git); a clear error otherwise. */
export function resolvePseudonymKey(env: NodeJS.ProcessEnv = process.env, file = KEY_FILE): string {
  const key = env[KEY_VARIABLE]?.trim() || (existsSync(file) ? readFileSync(file, "utf8").trim() : "");
  if (key.length >= 16) return key;
  throw new Error(
    `Clé de pseudonymisation absente ou trop courte : ce fichier contient des données personnelles, qui ne sont jamais ` +
      `enregistrées en clair. Définir la variable ${KEY_VARIABLE} (au moins 16 caractères) ou écrire la clé dans ${file} ` +
      `(fichier hors git), puis relancer. Garder la même clé d'un mois à l'autre.`,
  );
}

/** Case, accents and spacing do not change the pseudonym: « Dupont Jean » and « DUPONT  jean » are one person. */
export function pseudonym(key: string, table: string, column: string, value: string): string {
  return `ps_${createHmac("sha256", key).update(`${table}\u0000${column}\u0000${foldKey(value)}`).digest("hex").slice(0, 24)}`;
}

/** `hash`: the browser's checker, which stores nothing, keeps values in clear to tell duplicates (same verdicts). */
export function pseudonymiser(report: AnyReport, key: string, hash = pseudonym): (row: Record<string, unknown>) => Record<string, unknown> {
  const columns = personalColumns(report);
  const derived = report.columnList.filter((c) => c.derivedFrom);
  return (row) => {
    // Derived before the personal columns are hashed: the clear name is part of what identifies the person.
    for (const d of derived) {
      const parts = d.derivedFrom!.map((s) => row[s]);
      if (row[d.name] === null && parts.some((p) => typeof p === "string")) row[d.name] = hash(key, report.table, d.name, parts.map((p) => p ?? "").join(" "));
    }
    for (const c of columns) if (typeof row[c] === "string") row[c] = hash(key, report.table, c, row[c] as string);
    return row;
  };
}
