// The sheet's charts (Observable Plot, served from node_modules). Numbers are formatted in French.
import * as Plot from "@observablehq/plot";
import { nombre } from "./format.js";

export interface Barre {
  libelle: string;
  valeur: number | null;
}

const BLEU = "#1f5a96";
const hauteurBarre = 26;

const LARGEUR_MIN = 280;
const MARGE_DROITE = 48;

/** Room for the longest label, but never more than leaves the bars 120 px; longer labels end with an ellipsis. */
function margeGauche(libelles: readonly string[], largeur: number): number {
  return Math.max(60, Math.min(260, 16 + 6.4 * Math.max(0, ...libelles.map((l) => l.length)), largeur - MARGE_DROITE - 120));
}

function axeLibelles(marge: number) {
  return Plot.axisY({ label: null, lineWidth: (marge - 14) / 10, textOverflow: "ellipsis" });
}

/** Horizontal bars, largest first. */
export function barres(donnees: readonly Barre[], options: { width: number; unite: string; titre: string }): Element {
  const lignes = donnees.filter((d) => d.valeur !== null);
  const width = Math.max(LARGEUR_MIN, options.width);
  const marge = margeGauche(lignes.map((d) => d.libelle), width);
  return Plot.plot({
    width,
    height: 40 + hauteurBarre * lignes.length,
    marginLeft: marge,
    marginRight: MARGE_DROITE,
    ariaLabel: options.titre,
    x: { label: options.unite, grid: true, tickFormat: (v: number) => nombre(v) },
    y: { label: null },
    marks: [
      axeLibelles(marge),
      Plot.barX(lignes, { x: "valeur", y: "libelle", fill: BLEU, sort: { y: "-x" }, title: (d: Barre) => `${d.libelle} : ${nombre(d.valeur)}`, tip: true }),
      Plot.text(lignes, { x: "valeur", y: "libelle", text: (d: Barre) => nombre(d.valeur), dx: 4, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX([0]),
    ],
  });
}

export interface BarreEmpilee {
  groupe: string;
  serie: string;
  valeur: number | null;
}

/** Stacked horizontal bars (age band × sex); `groupes` and `series` give the order. */
export function barresEmpilees(
  donnees: readonly BarreEmpilee[],
  options: { width: number; unite: string; titre: string; groupes: string[]; series: string[] },
): Element {
  const lignes = donnees.filter((d) => d.valeur !== null);
  const width = Math.max(LARGEUR_MIN, options.width);
  const marge = margeGauche(options.groupes, width);
  return Plot.plot({
    width,
    height: 60 + hauteurBarre * options.groupes.length,
    marginLeft: marge,
    marginRight: MARGE_DROITE,
    ariaLabel: options.titre,
    x: { label: options.unite, grid: true, tickFormat: (v: number) => nombre(v) },
    y: { label: null, domain: options.groupes },
    color: { legend: true, domain: options.series, range: ["#c2410c", "#1f5a96", "#9ca3af", "#6b8e23", "#7c3aed"] },
    marks: [
      axeLibelles(marge),
      Plot.barX(lignes, { x: "valeur", y: "groupe", fill: "serie", title: (d: BarreEmpilee) => `${d.groupe}, ${d.serie} : ${nombre(d.valeur)}`, tip: true }),
      Plot.ruleX([0]),
    ],
  });
}

export interface Mois {
  periode: string;
  libelle: string;
  valeur: number | null;
}

/** Vertical bars by month, in calendar order. */
export function barresMensuelles(donnees: readonly Mois[], options: { width: number; unite: string; titre: string }): Element {
  const lignes = [...donnees].sort((a, b) => a.periode.localeCompare(b.periode));
  const width = Math.max(LARGEUR_MIN, options.width);
  return Plot.plot({
    width,
    height: 260,
    ariaLabel: options.titre,
    x: { label: null, domain: lignes.map((d) => d.libelle), tickRotate: width < 520 ? -45 : 0 },
    y: { label: options.unite, grid: true, tickFormat: (v: number) => nombre(v) },
    marginBottom: width < 520 ? 50 : 30,
    marks: [
      Plot.barY(lignes, { x: "libelle", y: "valeur", fill: BLEU, title: (d: Mois) => `${d.libelle} : ${nombre(d.valeur)}`, tip: true }),
      Plot.ruleY([0]),
    ],
  });
}
