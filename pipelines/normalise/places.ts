// Commune codes and names, resolved against the committed reference data so that
// "62498", "Lens", "LENS" or a former commune's code all end as the current INSEE code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { type Parsed, asText, foldKey } from "./values.ts";

const REFERENCE = fileURLToPath(new URL("../../sources/reference/communes.csv", import.meta.url));

interface CommuneRef {
  code_commune: string;
  nom_commune: string;
  anciens_codes: string;
}

let index: { byCode: Map<string, string>; byName: Map<string, string>; names: [string, string][] } | null = null;

function load() {
  if (index) return index;
  const rows = parse(readFileSync(REFERENCE, "utf8"), { columns: true }) as CommuneRef[];
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  const names: [string, string][] = [];
  for (const r of rows) {
    byCode.set(r.code_commune, r.code_commune);
    for (const old of r.anciens_codes.split("|").filter(Boolean)) if (!byCode.has(old)) byCode.set(old, r.code_commune);
    byName.set(foldKey(r.nom_commune), r.code_commune);
    names.push([foldKey(r.nom_commune), r.nom_commune]);
  }
  index = { byCode, byName, names };
  return index;
}

/** Levenshtein distance, for "did you mean" suggestions on misspelt names. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function closest(key: string, candidates: Iterable<[string, string]>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const [candidateKey, label] of candidates) {
    const d = editDistance(key, candidateKey);
    if (d < bestDistance) [best, bestDistance] = [label, d];
  }
  return bestDistance <= Math.max(2, key.length / 3) ? best : null;
}

export function resolveCommune(raw: unknown): Parsed<string> {
  const { byCode, byName, names } = load();
  const text = asText(raw);
  const code = /^\d{4,5}$/.test(text) ? text.padStart(5, "0") : text.toUpperCase();
  const byCodeHit = byCode.get(code);
  if (byCodeHit) return { ok: byCodeHit };
  if (/^\d/.test(text)) return { error: `code commune « ${text} » inconnu dans le Pas-de-Calais (code INSEE à 5 chiffres, par ex. 62498 pour Lens)` };
  const byNameHit = byName.get(foldKey(text));
  if (byNameHit) return { ok: byNameHit };
  const suggestion = closest(foldKey(text), names);
  return {
    error: `commune « ${text} » inconnue dans le Pas-de-Calais${suggestion ? ` ; vouliez-vous dire « ${suggestion} » ?` : " ; indiquer le code INSEE"}`,
  };
}
