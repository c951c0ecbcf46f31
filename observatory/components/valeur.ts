// A published value as a page element: the figure, or its mark (« s », « nd ») with its explanation as a title
// that screen readers also read (format.ts, valeurPubliee, decides which). Two renderings of the same attributes:
// a DOM node for the client-side components, an HTML string for the pages built by page loaders.
import { el } from "./dom.js";
import { valeurPubliee, type CelluleAffichee } from "./format.js";

function attributsMarque(cellule: CelluleAffichee, unite?: string | null) {
  const v = valeurPubliee(cellule, unite);
  return v.marque ? { texte: v.texte, attributs: { class: "obs-marque", "data-marque": v.marque, title: v.explication!, "aria-label": `${v.marque} — ${v.explication}` } } : { texte: v.texte, attributs: null };
}

export function elementValeur(cellule: CelluleAffichee, unite?: string | null): Node {
  const { texte, attributs } = attributsMarque(cellule, unite);
  return attributs ? el("abbr", attributs, texte) : document.createTextNode(texte);
}

const echapper = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export function htmlValeur(cellule: CelluleAffichee, suffixe = "", unite?: string | null): string {
  const { texte, attributs } = attributsMarque(cellule, unite);
  if (!attributs) return `${echapper(texte)}${suffixe}`;
  return `<abbr ${Object.entries(attributs).map(([k, v]) => `${k}="${echapper(v)}"`).join(" ")}>${echapper(texte)}</abbr>`;
}
