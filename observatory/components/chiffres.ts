// Big-number cards. data-indicateur / data-valeur let the browser test compare them with the database.
import { el } from "./dom.js";
import { nombre } from "./format.js";

export interface Chiffre {
  indicateur: string;
  libelle: string;
  valeur: number | null;
  periode?: string;
  detail?: string | null;
}

export function carteChiffre(c: Chiffre): HTMLElement {
  return el(
    "div",
    { class: "card obs-chiffre", "data-indicateur": c.indicateur, "data-periode": c.periode, "data-valeur": c.valeur ?? "" },
    el("span", { class: "obs-chiffre-valeur" }, nombre(c.valeur)),
    el("span", { class: "obs-chiffre-libelle" }, c.libelle),
    c.detail ? el("span", { class: "obs-chiffre-detail" }, c.detail) : null,
  );
}

export function grilleChiffres(chiffres: readonly Chiffre[]): HTMLElement {
  return el("div", { class: "obs-chiffres" }, ...chiffres.map(carteChiffre));
}
