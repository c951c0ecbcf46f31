// Under an indicator's short label (catalogue column libelle_court), what it is: the spec's own wording of the
// indicator when it differs, then the definition of what the figure counts.
import type { Catalogue } from "./donnees.js";
import { el } from "./dom.js";

export function explication(e: Catalogue): HTMLElement | null {
  const libelle = e.libelle && e.libelle !== e.libelle_court ? `Indicateur de la fiche : « ${e.libelle} ». ` : "";
  if (!libelle && !e.definition) return null;
  return el("p", { class: "obs-definition" }, libelle, e.definition ?? "");
}
