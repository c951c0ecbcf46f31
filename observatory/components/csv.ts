// CSV of the rows a table shows, built in the browser. Two flavours: what French Excel opens directly
// (UTF-8 with BOM, « ; », decimal comma) and the standard one (RFC 4180: « , », decimal point).
import { el } from "./dom.js";

export interface Colonne<T> {
  cle: keyof T & string;
  titre: string;
}

export type Variante = "excel" | "standard";

function cellule(valeur: unknown, variante: Variante): string {
  const separateur = variante === "excel" ? ";" : ",";
  let texte: string;
  if (valeur === null || valeur === undefined) texte = "";
  else if (typeof valeur === "number") texte = variante === "excel" ? String(valeur).replace(".", ",") : String(valeur);
  else texte = String(valeur);
  return texte.includes(separateur) || /["\r\n]/.test(texte) ? `"${texte.replace(/"/g, '""')}"` : texte;
}

export function versCsv<T>(lignes: readonly T[], colonnes: readonly Colonne<T>[], variante: Variante): string {
  const separateur = variante === "excel" ? ";" : ",";
  const texte = [colonnes.map((c) => cellule(c.titre, variante)), ...lignes.map((l) => colonnes.map((c) => cellule(l[c.cle], variante)))]
    .map((cellules) => cellules.join(separateur))
    .join("\r\n");
  return `${variante === "excel" ? "\uFEFF" : ""}${texte}\r\n`;
}

function telecharger(contenu: string, nomFichier: string): void {
  const url = URL.createObjectURL(new Blob([contenu], { type: "text/csv;charset=utf-8" }));
  const lien = el("a", { href: url, download: nomFichier });
  document.body.append(lien);
  lien.click();
  lien.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The two download buttons for a table; `nom` is the file name without extension. */
export function boutonsCsv<T>(lignes: readonly T[], colonnes: readonly Colonne<T>[], nom: string): HTMLElement {
  const bouton = (variante: Variante, texte: string, titre: string) => {
    const b = el("button", { type: "button", class: "obs-bouton", title: titre, "data-csv": variante }, texte);
    b.addEventListener("click", () => telecharger(versCsv(lignes, colonnes, variante), `${nom}${variante === "excel" ? "-excel" : ""}.csv`));
    return b;
  };
  return el(
    "div",
    { class: "obs-telechargements" },
    "Télécharger : ",
    bouton("excel", "CSV pour Excel", "Séparateur point-virgule, virgule décimale, UTF-8 avec BOM"),
    bouton("standard", "CSV standard", "Séparateur virgule, point décimal, UTF-8"),
  );
}
