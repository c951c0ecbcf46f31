// A plain accessible table with its CSV downloads: the data behind every chart and the map.
import { boutonsCsv, type Colonne } from "./csv.js";
import { el } from "./dom.js";
import { estMarque } from "./marques.js";
import { elementValeur } from "./valeur.js";

export interface OptionsTableau<T> {
  legende: string;
  /** The columns shown; numbers are right-aligned and formatted in French. */
  colonnes: readonly Colonne<T>[];
  /** The columns of the CSV (defaults to the shown ones); context columns make the file self-explaining. */
  colonnesCsv?: readonly Colonne<T>[];
  nomFichier: string;
  /** Closed <details> under a chart; open table when it is the main content. */
  replie?: boolean;
}

export function tableau<T>(lignes: readonly T[], options: OptionsTableau<T>): HTMLElement {
  const table = el(
    "table",
    { class: "obs-tableau" },
    el("caption", {}, options.legende),
    el("thead", {}, el("tr", {}, ...options.colonnes.map((c) => el("th", { scope: "col" }, c.titre)))),
    el(
      "tbody",
      {},
      ...lignes.map((l) =>
        el(
          "tr",
          {},
          ...options.colonnes.map((c) => {
            const v = l[c.cle];
            // A value column holds a figure, a mark (« s », « nd ») or nothing (no row: « nd »); a row's `unite`, where it
            // has one, is its figures' unit (an amount keeps its cents).
            const unite = (l as { unite?: unknown }).unite;
            return typeof v === "number" || v === null || estMarque(v)
              ? el("td", { class: "obs-nombre" }, elementValeur(v as number | string | null, typeof unite === "string" ? unite : null))
              : el("td", {}, String(v ?? ""));
          }),
        ),
      ),
    ),
  );
  // Focusable, so a keyboard can scroll a table wider than the screen (axe-core: scrollable-region-focusable).
  const contenu = [el("div", { class: "obs-tableau-defilant", tabindex: 0, role: "region", "aria-label": options.legende }, table), boutonsCsv(lignes, options.colonnesCsv ?? options.colonnes, options.nomFichier)];
  if (options.replie === false) return el("div", { class: "obs-bloc-tableau" }, ...contenu);
  return el("details", { class: "obs-bloc-tableau" }, el("summary", {}, "Voir les données (tableau et CSV)"), ...contenu);
}
