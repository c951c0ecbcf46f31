import { closest } from "./suggest.ts";

// Parsers for the values French operators actually type. Each returns either
// { ok: value } or { error: French reason a person can act on }.

export type Parsed<T> = { ok: T } | { error: string };

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return raw.trim() === "";
  return false;
}

export function asText(raw: unknown): string {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

/** Strips accents and folds case/spacing so "Lens-Liévin", "LENS LIEVIN" and "lens_lievin" compare equal. */
export function foldKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, " ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Dates: dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, Excel serial numbers, JS Date (XLSX). */
export function parseDate(raw: unknown): Parsed<string> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { error: "date illisible" };
    return { ok: raw.toISOString().slice(0, 10) };
  }
  const text = asText(raw);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) {
    const iso = isoDate(+m[1]!, +m[2]!, +m[3]!);
    return iso ? { ok: iso } : { error: `« ${text} » n'est pas une date du calendrier` };
  }
  // Excel's CSV export of a date-time cell adds the time: "15/01/2026 00:00".
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (m) {
    let year = +m[3]!;
    // Two-digit years: operators' records span recent decades, births excepted (those use annee_naissance).
    if (m[3]!.length === 2) year += year >= 70 ? 1900 : 2000;
    const iso = isoDate(year, +m[2]!, +m[1]!);
    return iso ? { ok: iso } : { error: `« ${text} » n'est pas une date du calendrier (jour/mois inversés ?)` };
  }
  if (typeof raw === "number" || /^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial > 20000 && serial < 80000) {
      return { ok: new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * 86400000).toISOString().slice(0, 10) };
    }
  }
  return { error: `date illisible « ${text} » : attendu JJ/MM/AAAA ou AAAA-MM-JJ` };
}

/** Months: yyyy-mm, mm/yyyy, or any date (its month). */
export function parseMonth(raw: unknown): Parsed<string> {
  const text = asText(raw);
  let m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (!m) {
    const fr = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
    if (fr) m = [text, fr[2]!, fr[1]!] as unknown as RegExpExecArray;
  }
  if (m) {
    const month = +m[2]!;
    if (month >= 1 && month <= 12) return { ok: `${m[1]}-${pad(month)}` };
    return { error: `mois « ${text} » hors de 01 à 12` };
  }
  const date = parseDate(raw);
  if ("ok" in date) return { ok: date.ok.slice(0, 7) };
  return { error: `mois illisible « ${text} » : attendu AAAA-MM ou MM/AAAA` };
}

/** ISO weeks: yyyy-Www (also "2026-W3", "2026 S03"). */
export function parseWeek(raw: unknown): Parsed<string> {
  const text = asText(raw).toUpperCase();
  const m = /^(\d{4})[- ]?[WS](\d{1,2})$/.exec(text);
  if (m && +m[2]! >= 1 && +m[2]! <= 53) return { ok: `${m[1]}-W${pad(+m[2]!)}` };
  return { error: `semaine illisible « ${asText(raw)} » : attendu AAAA-Wss (semaine ISO), par ex. 2026-W07` };
}

/** Decimals: "1 234,50", "1.234,50", "1234.5", "1 234 €". */
export function parseDecimal(raw: unknown): Parsed<number> {
  if (typeof raw === "number") return Number.isFinite(raw) ? { ok: raw } : { error: "nombre invalide" };
  const text = asText(raw);
  let t = text.replace(/[\s\u00a0\u202f]/g, "").replace(/€|eur(os?)?$/i, "");
  // Thousands separators: "1.234,50", "1,234.50"; a leading 0 is never a group ("0.600" is a rate).
  if (/^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "");
  if (/^-?[1-9]\d{0,2}(,\d{3})+\.\d+$/.test(t)) t = t.replace(/,/g, "");
  t = t.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { error: `nombre illisible « ${text} » : écrire par ex. 1234,50` };
  return { ok: Number(t) };
}

export function parseInteger(raw: unknown): Parsed<number> {
  const d = parseDecimal(raw);
  if ("error" in d) return { error: d.error.replace("nombre illisible", "nombre entier illisible").replace("1234,50", "12") };
  if (!Number.isInteger(d.ok)) return { error: `« ${asText(raw)} » n'est pas un nombre entier` };
  return d;
}

const TRUE_WORDS = new Set(["oui", "o", "x", "vrai", "true", "1", "yes", "y"]);
const FALSE_WORDS = new Set(["non", "n", "faux", "false", "0", "no"]);

export function parseBoolean(raw: unknown): Parsed<boolean> {
  if (typeof raw === "boolean") return { ok: raw };
  const key = foldKey(asText(raw));
  if (TRUE_WORDS.has(key)) return { ok: true };
  if (FALSE_WORDS.has(key)) return { ok: false };
  return { error: `« ${asText(raw)} » n'est pas une réponse Oui/Non` };
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** Folded code and label → code, built once per code list (folding every value on every cell is the hot spot). */
const enumIndexes = new WeakMap<readonly string[], Map<object, Map<string, string>>>();

function enumIndex(values: readonly string[], labels: Readonly<Record<string, string>>): Map<string, string> {
  const byLabels = enumIndexes.get(values) ?? new Map<object, Map<string, string>>();
  enumIndexes.set(values, byLabels);
  let index = byLabels.get(labels);
  if (!index) {
    index = new Map();
    for (const code of values) {
      const label = labels[code];
      if (label && !index.has(foldKey(label))) index.set(foldKey(label), code);
    }
    // Codes win over labels that happen to fold to the same key.
    for (const code of values) index.set(foldKey(code), code);
    byLabels.set(labels, index);
  }
  return index;
}

/** Enumerations match on the code or the French label, ignoring case, accents and punctuation. */
export function parseEnum(raw: unknown, values: readonly string[], labels: Readonly<Record<string, string>> = NO_LABELS): Parsed<string> {
  const text = asText(raw);
  const hit = values.includes(text) ? text : enumIndex(values, labels).get(foldKey(text));
  if (hit) return { ok: hit };
  // "Lens Lievn" for lens_lievin: a near miss gets the code to write.
  // One or two letters are too short to guess from ("X" is no misspelt "F").
  const near = foldKey(text).length >= 3 ? closest(foldKey(text), enumIndex(values, labels).entries()) : null;
  const shown = values.length <= 12 ? values.join(", ") : `${values.slice(0, 12).join(", ")}…`;
  return { error: `valeur « ${text} » inconnue ; ${near ? `vouliez-vous dire « ${near} » ? ` : ""}valeurs admises : ${shown}` };
}

/** Lists: codes separated by "|" (also ";" or "," when operators type them by hand). */
export function parseList(raw: unknown, values: readonly string[], labels: Readonly<Record<string, string>> = NO_LABELS): Parsed<string[]> {
  const parts = asText(raw).split(/[|;,]/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const r = parseEnum(part, values, labels);
    if ("error" in r) return r;
    if (!out.includes(r.ok)) out.push(r.ok);
  }
  return { ok: out };
}
