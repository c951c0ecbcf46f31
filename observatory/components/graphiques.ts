// The sheets' charts: plain SVG bars drawn here, with d3-array for the axis ticks. Observable Plot would cost the
// page ~200 Ko of its own plus all of d3 (~300 Ko); three kinds of bar chart do not need it. Every chart has an
// accessible name (role="img", aria-label) and a <title> per bar; the table under it carries the same figures.
import { max, ticks } from "d3-array";
import { el, svgEl } from "./dom.js";
import { nombre, valeurPubliee } from "./format.js";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "./marques.js";

export interface Barre {
  libelle: string;
  valeur: number | null;
  /** Masked by statistical secret: drawn as « s », never as 0. */
  secret?: boolean;
}

const BLEU = "#1f5a96";
const hauteurBarre = 26;
const LARGEUR_MIN = 280;
const MARGE_DROITE = 48;
// An upper bound of a character's width in the charts' font (system sans-serif, 11 px): 6,4 let long labels spill out on
// a phone (« Commandement de payer »).
const PX_PAR_CARACTERE = 7;
const COULEURS_SERIES = ["#c2410c", "#1f5a96", "#6b7280", "#4d7c0f", "#7c3aed", "#0e7490", "#be185d"];

/** Room for the longest label, but never more than leaves the bars 120 px; longer labels end with an ellipsis. */
function margeGauche(libelles: readonly string[], largeur: number): number {
  return Math.max(60, Math.min(260, 16 + PX_PAR_CARACTERE * Math.max(0, ...libelles.map((l) => l.length)), largeur - MARGE_DROITE - 120));
}

function tronquer(texte: string, largeur: number): string {
  const n = Math.floor(largeur / PX_PAR_CARACTERE);
  return texte.length <= n ? texte : `${texte.slice(0, Math.max(1, n - 1))}…`;
}

const texteValeur = (d: { valeur: number | null; secret?: boolean }, unite: string) => valeurPubliee(d, unite).texte;

export const PHRASE_TOUT_SECRET = `Toutes les valeurs de ce graphique sont soumises au secret statistique : le tableau ci-dessous les note « ${MARQUE_SECRET} ».`;
export const PHRASE_RIEN_A_TRACER = `Aucune valeur de ce graphique ne peut être tracée (« ${MARQUE_SECRET} » : secret statistique ; « ${MARQUE_NON_DISPONIBLE} » : non disponible) : voir le tableau ci-dessous.`;

/** A chart with not one bar to draw is a sentence instead: an empty frame of « s » says nothing a reader can use. */
function sansBarre(valeurs: readonly { valeur: number | null; secret?: boolean }[], titre: string): HTMLElement | null {
  if (valeurs.some((d) => d.valeur !== null)) return null;
  const phrase = valeurs.length && valeurs.every((d) => d.secret) ? PHRASE_TOUT_SECRET : PHRASE_RIEN_A_TRACER;
  return el("p", { class: "obs-note obs-graphique-vide", role: "note", "aria-label": titre }, phrase);
}

/** A linear scale from 0 to a nice maximum, and its ticks. */
function echelle(maximum: number, longueur: number, nombreTicks: number) {
  const graduations = ticks(0, Math.max(1, maximum), nombreTicks);
  const pas = graduations.length > 1 ? graduations[1]! - graduations[0]! : 1;
  const haut = Math.max(graduations.at(-1) ?? 1, Math.ceil(Math.max(1, maximum) / pas) * pas);
  return { f: (v: number) => (v / haut) * longueur, graduations: graduations.filter((t) => t <= haut) };
}

function cadre(largeur: number, hauteur: number, titre: string): SVGSVGElement {
  return svgEl("svg", {
    class: "obs-graphique",
    viewBox: `0 0 ${largeur} ${hauteur}`,
    width: largeur,
    height: hauteur,
    role: "img",
    "aria-label": titre,
    "font-size": 11,
  });
}

/** Vertical grid lines and the value axis at the bottom of horizontal bars. */
function axeX(svg: SVGSVGElement, x: ReturnType<typeof echelle>, gauche: number, haut: number, bas: number, unite: string): void {
  for (const t of x.graduations) {
    const px = gauche + x.f(t);
    svg.append(
      svgEl("line", { x1: px, x2: px, y1: haut, y2: bas, stroke: "currentColor", "stroke-opacity": t === 0 ? 1 : 0.12 }),
      svgEl("text", { x: px, y: bas + 14, "text-anchor": "middle", fill: "currentColor" }, nombre(t)),
    );
  }
  if (unite) svg.append(svgEl("text", { x: gauche + x.f(x.graduations.at(-1) ?? 0), y: bas + 28, "text-anchor": "end", fill: "currentColor" }, `${unite} →`));
}

/** Horizontal bars, largest first. */
export function barres(donnees: readonly Barre[], options: { width: number; unite: string; titre: string; trier?: boolean }): Element {
  const vide = sansBarre(donnees, options.titre);
  if (vide) return vide;
  const lignes = options.trier === false ? [...donnees] : [...donnees].sort((a, b) => (b.valeur ?? -1) - (a.valeur ?? -1));
  const largeur = Math.max(LARGEUR_MIN, Math.min(options.width, 900));
  const gauche = margeGauche(lignes.map((d) => d.libelle), largeur);
  const haut = 8;
  const bas = haut + hauteurBarre * lignes.length;
  const svg = cadre(largeur, bas + 34, options.titre);
  const x = echelle(max(lignes, (d) => d.valeur) ?? 0, largeur - gauche - MARGE_DROITE, Math.max(2, Math.floor((largeur - gauche) / 80)));
  axeX(svg, x, gauche, haut, bas, options.unite);
  lignes.forEach((d, i) => {
    const y = haut + i * hauteurBarre;
    const libelle = tronquer(d.libelle, gauche - 10);
    svg.append(
      svgEl("text", { x: gauche - 6, y: y + hauteurBarre / 2, dy: "0.32em", "text-anchor": "end", fill: "currentColor" }, libelle, libelle !== d.libelle ? svgEl("title", {}, d.libelle) : null),
    );
    if (d.valeur !== null) {
      svg.append(svgEl("rect", { x: gauche, y: y + 3, width: Math.max(0, x.f(d.valeur)), height: hauteurBarre - 6, fill: BLEU }, svgEl("title", {}, `${d.libelle} : ${texteValeur(d, options.unite)}`)));
    }
    svg.append(svgEl("text", { x: gauche + x.f(d.valeur ?? 0) + 4, y: y + hauteurBarre / 2, dy: "0.32em", fill: "currentColor" }, texteValeur(d, options.unite)));
  });
  return el("figure", { class: "obs-figure" }, svg);
}

export interface BarreEmpilee {
  groupe: string;
  serie: string;
  valeur: number | null;
  secret?: boolean;
}

/** Stacked horizontal bars (age band × sex); `groupes` and `series` give the order. */
export function barresEmpilees(
  donnees: readonly BarreEmpilee[],
  options: { width: number; unite: string; titre: string; groupes: string[]; series: string[] },
): Element {
  const vide = sansBarre(donnees, options.titre);
  if (vide) return vide;
  const largeur = Math.max(LARGEUR_MIN, Math.min(options.width, 900));
  const gauche = margeGauche(options.groupes, largeur);
  const haut = 8;
  const bas = haut + hauteurBarre * options.groupes.length;
  const svg = cadre(largeur, bas + 34, options.titre);
  const totaux = options.groupes.map((g) => donnees.filter((d) => d.groupe === g).reduce((s, d) => s + (d.valeur ?? 0), 0));
  const x = echelle(Math.max(0, ...totaux), largeur - gauche - MARGE_DROITE, Math.max(2, Math.floor((largeur - gauche) / 80)));
  axeX(svg, x, gauche, haut, bas, options.unite);
  const couleur = (serie: string) => COULEURS_SERIES[Math.max(0, options.series.indexOf(serie)) % COULEURS_SERIES.length]!;
  options.groupes.forEach((g, i) => {
    const y = haut + i * hauteurBarre;
    const libelle = tronquer(g, gauche - 10);
    svg.append(svgEl("text", { x: gauche - 6, y: y + hauteurBarre / 2, dy: "0.32em", "text-anchor": "end", fill: "currentColor" }, libelle));
    let cumul = 0;
    for (const s of options.series) {
      const d = donnees.find((e) => e.groupe === g && e.serie === s);
      if (!d || d.valeur === null) continue;
      svg.append(
        svgEl("rect", { x: gauche + x.f(cumul), y: y + 3, width: Math.max(0, x.f(d.valeur)), height: hauteurBarre - 6, fill: couleur(s), stroke: "#ffffff" }, svgEl("title", {}, `${g}, ${s} : ${texteValeur(d, options.unite)}`)),
      );
      cumul += d.valeur;
    }
  });
  const legende = el(
    "ul",
    { class: "obs-legende" },
    ...options.series.map((s) => el("li", {}, el("span", { class: "obs-pastille", style: `background:${couleur(s)};border-color:${couleur(s)}` }), s)),
  );
  return el("figure", { class: "obs-figure" }, legende, svg);
}

export interface Mois {
  periode: string;
  libelle: string;
  valeur: number | null;
  secret?: boolean;
}

/** Vertical bars in the given order of periods (months, or years for an evolution). */
export function barresMensuelles(donnees: readonly Mois[], options: { width: number; unite: string; titre: string }): Element {
  const vide = sansBarre(donnees, options.titre);
  if (vide) return vide;
  const lignes = [...donnees].sort((a, b) => a.periode.localeCompare(b.periode));
  const largeur = Math.max(LARGEUR_MIN, Math.min(options.width, 900));
  const etroit = largeur < 520 || lignes.length > 14;
  const gauche = 44;
  const haut = 18;
  const hauteur = 240;
  // Labels turned 45° need the height of their longest one (« 2026 (en cours) » was cut at the bottom on a phone).
  const plusLong = Math.max(0, ...lignes.map((d) => d.libelle.length));
  const bas = hauteur - (etroit ? Math.max(46, Math.ceil(14 + plusLong * PX_PAR_CARACTERE * Math.SQRT1_2)) : 26);
  const svg = cadre(largeur, hauteur, options.titre);
  const y = echelle(max(lignes, (d) => d.valeur) ?? 0, bas - haut, 5);
  for (const t of y.graduations) {
    const py = bas - y.f(t);
    svg.append(
      svgEl("line", { x1: gauche, x2: largeur - 8, y1: py, y2: py, stroke: "currentColor", "stroke-opacity": t === 0 ? 1 : 0.12 }),
      svgEl("text", { x: gauche - 6, y: py, dy: "0.32em", "text-anchor": "end", fill: "currentColor" }, nombre(t)),
    );
  }
  if (options.unite) svg.append(svgEl("text", { x: 2, y: 10, fill: "currentColor" }, `↑ ${options.unite}`));
  const pas = (largeur - gauche - 8) / Math.max(1, lignes.length);
  lignes.forEach((d, i) => {
    const cx = gauche + pas * (i + 0.5);
    if (d.valeur !== null) {
      svg.append(svgEl("rect", { x: cx - pas * 0.4, y: bas - y.f(d.valeur), width: pas * 0.8, height: Math.max(0, y.f(d.valeur)), fill: BLEU }, svgEl("title", {}, `${d.libelle} : ${texteValeur(d, options.unite)}`)));
    } else if (d.secret) {
      svg.append(svgEl("text", { x: cx, y: bas - 4, "text-anchor": "middle", fill: "currentColor" }, texteValeur(d, options.unite)));
    }
    svg.append(
      etroit
        ? svgEl("text", { transform: `translate(${cx},${bas + 8}) rotate(-45)`, "text-anchor": "end", fill: "currentColor" }, d.libelle)
        : svgEl("text", { x: cx, y: bas + 14, "text-anchor": "middle", fill: "currentColor" }, d.libelle),
    );
  });
  return el("figure", { class: "obs-figure" }, svg);
}
