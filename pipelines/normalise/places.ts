// Commune codes and names, resolved against the committed reference data so that
// "62498", "Lens", "LENS" or a former commune's code all end as the current INSEE code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { closest } from "./suggest.ts";
import { type Parsed, asText, foldKey } from "./values.ts";

const REFERENCE = fileURLToPath(new URL("../../sources/reference/communes.csv", import.meta.url));
const EPCI_REFERENCE = fileURLToPath(new URL("../../sources/reference/epci.csv", import.meta.url));

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

/** The current INSEE codes, for the SQL-side validation (a former commune's code needs the JavaScript path). */
export function currentCommuneCodes(): string[] {
  return [...new Set(load().byCode.values())];
}

let epciIndex: { bySiren: Set<string>; byName: Map<string, string>; names: [string, string][] } | null = null;

// Operators write "Lens-Liévin" as often as "CA de Lens - Liévin": the legal form is optional.
const withoutLegalForm = (key: string) => key.replace(/^(ca|cc|cu)_(de_la_|de_l_|des_|du_|de_|d_)?/, "");

function loadEpci() {
  if (epciIndex) return epciIndex;
  const rows = parse(readFileSync(EPCI_REFERENCE, "utf8"), { columns: true }) as { code_epci: string; nom_epci: string }[];
  const byName = new Map<string, string>();
  const names: [string, string][] = [];
  for (const r of rows) {
    for (const key of [foldKey(r.nom_epci), withoutLegalForm(foldKey(r.nom_epci))]) byName.set(key, r.code_epci);
    names.push([withoutLegalForm(foldKey(r.nom_epci)), r.nom_epci]);
  }
  epciIndex = { bySiren: new Set(rows.map((r) => r.code_epci)), byName, names };
  return epciIndex;
}

export function epciSirens(): string[] {
  return [...loadEpci().bySiren];
}

/** EPCI by SIREN or name in any spelling → SIREN; an unknown one gets the closest name suggested. */
export function resolveEpci(raw: unknown): Parsed<string> {
  const { bySiren, byName, names } = loadEpci();
  const text = asText(raw);
  const digits = text.replace(/[\s\u00a0\u202f]/g, "");
  if (/^\d+$/.test(digits)) {
    if (bySiren.has(digits)) return { ok: digits };
    return { error: `« ${text} » n'est pas le SIREN d'un EPCI du Pas-de-Calais (9 chiffres, par ex. 246200364 pour la CA de Lens - Liévin)` };
  }
  const key = foldKey(text);
  const hit = byName.get(key) ?? byName.get(withoutLegalForm(key));
  if (hit) return { ok: hit };
  const suggestion = closest(withoutLegalForm(key), names);
  return { error: `EPCI « ${text} » inconnu dans le Pas-de-Calais${suggestion ? ` ; vouliez-vous dire « ${suggestion} » ?` : " ; indiquer son numéro SIREN"}` };
}
