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

export interface Groupe {
  libelle: string;
  options: readonly Option[];
}

/** Lower case, accents dropped: « numéro » is found by typing « numero ». */
function pourRecherche(texte: string): string {
  return texte.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/**
 * A grouped select with a filter box above it, for long lists (the maps' 234 indicators): typing keeps the options
 * whose text or group contains every typed word, and the count of what remains is announced. Keyboard only: type,
 * Tab to the list, arrows. `value` is the select's; « input » is emitted when the chosen option changes, not per key.
 */
export function choixAvecRecherche(libelle: string, groupes: readonly Groupe[], valeurInitiale?: string, nom?: string): HTMLDivElement & { value: string } {
  const id = `${nom ?? "choix"}-${Math.random().toString(36).slice(2)}`;
  const total = groupes.reduce((n, g) => n + g.options.length, 0);
  const filtre = el("input", { type: "search", id: `${id}-filtre`, name: nom ? `${nom}-filtre` : undefined, autocomplete: "off", placeholder: "un mot du libellé, ex. : ménages", "aria-describedby": `${id}-compte` });
  const select = el("select", { id, name: nom });
  const compte = el("span", { id: `${id}-compte`, class: "obs-note", "aria-live": "polite" });
  const remplir = (texte: string) => {
    const mots = pourRecherche(texte).split(/\s+/).filter(Boolean);
    const garde = (o: Option, g: Groupe) => mots.every((m) => pourRecherche(`${g.libelle} ${o.texte}`).includes(m));
    const avant = select.value;
    const visibles = groupes.map((g) => ({ ...g, options: g.options.filter((o) => garde(o, g)) })).filter((g) => g.options.length > 0);
    select.replaceChildren(...visibles.map((g) => el("optgroup", { label: g.libelle }, ...g.options.map((o) => el("option", { value: o.valeur }, o.texte)))));
    const n = visibles.reduce((s, g) => s + g.options.length, 0);
    compte.textContent = mots.length ? `${n} sur ${total}` : `${total} au choix`;
    if (visibles.some((g) => g.options.some((o) => o.valeur === avant))) select.value = avant;
    return avant;
  };
  remplir("");
  if (valeurInitiale !== undefined) select.value = valeurInitiale;
  const bloc = el(
    "div",
    { class: "obs-choix obs-choix-recherche" },
    el("label", { for: `${id}-filtre` }, `${libelle} — filtrer la liste`),
    filtre,
    el("label", { for: id }, libelle),
    select,
    compte,
  );
  filtre.addEventListener("input", (e) => {
    // The box's own keystrokes are not a choice: only a change of the selected option reaches view().
    e.stopPropagation();
    const avant = remplir(filtre.value);
    if (select.value !== avant && select.value !== "") select.dispatchEvent(new Event("input", { bubbles: true }));
  });
  Object.defineProperty(bloc, "value", { get: () => select.value });
  return bloc as HTMLDivElement & { value: string };
}
