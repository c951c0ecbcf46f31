// Big-number cards. data-indicateur / data-valeur let the browser test compare them with the database.
import { el } from "./dom.js";
import { elementValeur } from "./valeur.js";

export interface Chiffre {
  indicateur: string;
  /** The short label (catalogue libelle_court). */
  libelle: string;
  /** The spec's wording and the definition, as the card's tooltip. */
  explication?: string | null;
  valeur: number | null;
  /** The catalogue's unit: an amount in euros keeps its cents. */
  unite?: string | null;
  periode?: string;
  detail?: string | null;
  /** The change from the previous period, in words (« +12 (+8,5 %) par rapport à 2025 »). */
  evolution?: string | null;
  /** The period a same-months comparison reads (« 2025-01..2025-10 ») and its value, for the browser test. */
  periodeComparee?: string | null;
  valeurComparee?: number | null;
  /** Masked by statistical secret: shown as « s ». */
  secret?: boolean;
  fiche?: string;
}

export function carteChiffre(c: Chiffre): HTMLElement {
  return el(
    "div",
    { class: "card obs-chiffre", "data-fiche": c.fiche, "data-indicateur": c.indicateur, "data-periode": c.periode, "data-valeur": c.valeur ?? "", "data-secret": c.secret ? "1" : null, "data-periode-comparee": c.periodeComparee, "data-valeur-comparee": c.periodeComparee ? (c.valeurComparee ?? "") : null, title: c.explication },
    el("span", { class: "obs-chiffre-valeur" }, elementValeur(c, c.unite)),
    el("span", { class: "obs-chiffre-libelle" }, c.libelle),
    c.detail ? el("span", { class: "obs-chiffre-detail" }, c.detail) : null,
    c.evolution ? el("span", { class: "obs-chiffre-evolution" }, c.evolution) : null,
  );
}

export function grilleChiffres(chiffres: readonly Chiffre[]): HTMLElement {
  return el("div", { class: "obs-chiffres" }, ...chiffres.map(carteChiffre));
}
