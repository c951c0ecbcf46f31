// Tables of the internal edition's pages (suivi financier, alertes): formatted cells (euros, rates, dates in French)
// and the same CSV downloads as every other table of the site (raw numbers in the files).
import { boutonsCsv } from "./csv.js";
import { el } from "./dom.js";
import { nombre } from "./format.js";

const monnaie = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pourcent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

/** 10833.33 → « 10 833,33 € »; a missing amount is a dash, never 0 €. */
export function euros(valeur: number | null | undefined): string {
  return valeur === null || valeur === undefined || Number.isNaN(valeur) ? "–" : monnaie.format(valeur);
}

/** 0.6 → « 60 % ». */
export function taux(valeur: number | null | undefined): string {
  return valeur === null || valeur === undefined || Number.isNaN(valeur) ? "–" : pourcent.format(valeur);
}

/** "2026-01-31" → "31/01/2026". */
export function jour(valeur: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(valeur ?? "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (valeur ?? "–");
}

export interface ColonneFormatee<T> {
  cle: keyof T & string;
  titre: string;
  /** How the cell reads on screen; the CSV keeps the raw value. Numbers default to the French number format. */
  format?: (valeur: never) => string;
}

export function tableauFormate<T>(
  lignes: readonly T[],
  options: { legende: string; colonnes: readonly ColonneFormatee<T>[]; nomFichier: string; pied?: Partial<Record<keyof T & string, string>> },
): HTMLElement {
  const cellule = (l: T, c: ColonneFormatee<T>) => {
    const v = l[c.cle] as unknown;
    const numerique = typeof v === "number" || (v === null && c.format !== undefined);
    const texte = c.format ? (c.format as (x: unknown) => string)(v) : typeof v === "number" ? nombre(v) : String(v ?? "");
    return el("td", numerique ? { class: "obs-nombre" } : {}, texte);
  };
  const pied = options.pied
    ? el("tfoot", {}, el("tr", {}, ...options.colonnes.map((c, i) => (i === 0 ? el("th", { scope: "row" }, options.pied![c.cle] ?? "Total") : el("td", { class: "obs-nombre" }, options.pied![c.cle] ?? "")))))
    : null;
  const table = el(
    "table",
    { class: "obs-tableau" },
    el("caption", {}, options.legende),
    el("thead", {}, el("tr", {}, ...options.colonnes.map((c) => el("th", { scope: "col" }, c.titre)))),
    el("tbody", {}, ...lignes.map((l) => el("tr", {}, ...options.colonnes.map((c) => cellule(l, c))))),
    pied,
  );
  return el(
    "div",
    { class: "obs-bloc-tableau" },
    // Focusable, so a keyboard can scroll a table wider than the screen (axe-core: scrollable-region-focusable).
    el("div", { class: "obs-tableau-defilant", tabindex: 0, role: "region", "aria-label": options.legende }, table),
    boutonsCsv(lignes, options.colonnes, options.nomFichier),
  );
}

/** The options of a filter: « toutes » first, then the values found. */
export function optionsFiltre(tous: string, valeurs: Iterable<{ valeur: string; texte: string }>): { valeur: string; texte: string }[] {
  return [{ valeur: "", texte: tous }, ...valeurs];
}
