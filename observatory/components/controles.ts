// Plain <select> controls for view(): Framework's Inputs are not needed for a year or a fiche.
import { el } from "./dom.js";

export interface Option {
  valeur: string;
  texte: string;
}

/** A labelled select whose `value` is the chosen option; it emits « input » like Observable inputs. */
export function choix(libelle: string, options: readonly Option[], valeurInitiale?: string, nom?: string): HTMLLabelElement & { value: string } {
  const select = el("select", { name: nom }, ...options.map((o) => el("option", { value: o.valeur }, o.texte)));
  if (valeurInitiale !== undefined) select.value = valeurInitiale;
  const label = el("label", { class: "obs-choix" }, el("span", {}, libelle), select);
  Object.defineProperty(label, "value", { get: () => select.value });
  return label as HTMLLabelElement & { value: string };
}
