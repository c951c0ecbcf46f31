// CSV of the rows a table shows, built in the browser. Two flavours: what French Excel opens directly
// (UTF-8 with BOM, « ; », decimal comma) and the standard one (RFC 4180: « , », decimal point).
import { ligneCsv } from "./cellule-csv.js";
import { el } from "./dom.js";

export interface Colonne<T> {
  cle: keyof T & string;
  titre: string;
}

export type Variante = "excel" | "standard";

export function versCsv<T>(lignes: readonly T[], colonnes: readonly Colonne<T>[], variante: Variante): string {
  const separateur = variante === "excel" ? ";" : ",";
  const ligne = (valeurs: unknown[]) => ligneCsv(valeurs, separateur, variante === "excel" ? "," : ".");
  const texte = [ligne(colonnes.map((c) => c.titre)), ...lignes.map((l) => ligne(colonnes.map((c) => l[c.cle])))].join("\r\n");
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
