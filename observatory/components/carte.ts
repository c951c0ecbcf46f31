// Choropleth of one territorial level (d3-geo, SVG): the 7 Logement d'abord territories (communes outside them grey),
// the 9 MDS territories, the 20 EPCI or the 887 communes (from data/carte-communes.json). Each territory names itself and its value in a <title> tooltip; the table
// beside it says the same in text. Classes are computed here with d3-array (d3-scale would add ~60 Ko of modules).
import { nice } from "d3-array";
import { geoConicConformal, geoPath } from "d3-geo";
import type { Feature, FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { el, svgEl } from "./dom.js";
import { nombre, valeurPubliee } from "./format.js";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "./marques.js";

// ColorBrewer Blues, the 5 darkest of 6 classes (d3-scale-chromatic's schemeBlues[6] without its first,
// #eff3ff): that near-white class could not be told from a territory without data. Written out to spare the module.
const BLEUS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const GRIS_HORS_LDA = "#d4d4d4";
// No data or secret: grey hatching on white, which no class of the scale resembles (on screen and in grey levels).
const HACHURE = "#6b7280";
const HACHURE_CSS = `repeating-linear-gradient(45deg, ${HACHURE} 0 1.5px, #ffffff 1.5px 5px)`;

/** Levels of mart_indicateurs a map can draw → their object in data/carte.json (pipelines/site/carte.ts). */
export const OBJETS_CARTE: Record<string, string> = { territoire_lda: "territoires_lda", territoire_mds: "territoires_mds", epci: "epci", commune: "communes" };

export interface OptionsCarte {
  width: number;
  /** territoire_lda (default), territoire_mds or epci. */
  niveau?: string;
  titre: string;
  unite: string;
  libelles: Map<string, string>;
  /** Territories whose value is masked by statistical secret. */
  secrets?: Set<string>;
  /** Text added to a territory's tooltip (the raw count beside a rate…). */
  complements?: Map<string, string>;
}

type Objets = Record<string, GeometryCollection>;

/** Five equal classes from 0 to a nice maximum (what scaleQuantize().nice() gave). */
function classes(maximum: number) {
  const [, haut] = nice(0, Math.max(1, maximum), 10);
  const pas = haut / BLEUS.length;
  return {
    couleur: (v: number) => BLEUS[Math.min(BLEUS.length - 1, Math.max(0, Math.floor(v / pas)))]!,
    bornes: BLEUS.map((c, i) => ({ couleur: c, de: i * pas, a: (i + 1) * pas })),
  };
}

export function carteTerritoires(topo: Topology<Objets>, valeurs: Map<string, number | null>, options: OptionsCarte): HTMLElement {
  const niveau = options.niveau ?? "territoire_lda";
  const territoires = feature(topo, topo.objects[OBJETS_CARTE[niveau] ?? "territoires_lda"]!) as FeatureCollection;
  const hors = niveau === "territoire_lda" ? (feature(topo, topo.objects.hors_lda!) as FeatureCollection) : { type: "FeatureCollection", features: [] };
  const departement = feature(topo, topo.objects.departement!) as FeatureCollection;

  const largeur = Math.max(280, Math.min(options.width, 720));
  // Lambert-93's parallels and meridian: the map looks as on the Département's own maps.
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(largeur, departement);
  const chemin = geoPath(projection);
  const [[, y0], [, y1]] = chemin.bounds(departement);
  const hauteur = Math.ceil(y1 - y0) + 2;

  const connues = [...valeurs.values()].filter((v): v is number => v !== null);
  const echelle = classes(Math.max(1, ...connues));

  const suffixe = Math.random().toString(36).slice(2);
  const titreId = `carte-titre-${suffixe}`;
  const hachureId = `carte-hachure-${suffixe}`;
  const svg = svgEl(
    "svg",
    { viewBox: `0 0 ${largeur} ${hauteur}`, width: largeur, height: hauteur, role: "img", "aria-labelledby": titreId, class: "obs-carte" },
    svgEl("title", { id: titreId }, options.titre),
    svgEl(
      "defs",
      {},
      svgEl(
        "pattern",
        { id: hachureId, width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        svgEl("rect", { width: 5, height: 5, fill: "#ffffff" }),
        svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: HACHURE, "stroke-width": 1.5 }),
      ),
    ),
  );
  for (const f of hors.features) {
    svg.append(svgEl("path", { d: chemin(f), fill: GRIS_HORS_LDA, stroke: "#ffffff", "data-zone": "hors_lda" }, svgEl("title", {}, "Hors territoires Logement d'abord")));
  }
  for (const f of territoires.features as Feature[]) {
    const code = String(f.id);
    const valeur = valeurs.get(code) ?? null;
    const libelle = options.libelles.get(code);
    if (!libelle) throw new Error(`Carte « ${options.titre} » : le territoire ${code} (${niveau}) n'a pas de nom dans les données de la page — ajoutez-le aux libellés de territoires (sources/reference/)`);
    svg.append(
      svgEl(
        "path",
        { d: chemin(f), fill: valeur === null ? `url(#${hachureId})` : echelle.couleur(valeur), stroke: "#4b5563", "stroke-width": niveau === "commune" ? 0.25 : 0.8, "data-territoire": code, "data-nom": libelle, "data-valeur": valeur ?? "" },
        svgEl("title", {}, `${libelle} : ${texteCarte(valeur, options.secrets?.has(code), options.unite)}${options.complements?.get(code) ?? ""}`),
      ),
    );
  }
  for (const f of departement.features) svg.append(svgEl("path", { d: chemin(f), fill: "none", stroke: "#1f2937", "stroke-width": 1.2, "pointer-events": "none" }));
  for (const f of territoires.features as Feature[]) {
    const [x, y] = chemin.centroid(f);
    const valeur = valeurs.get(String(f.id)) ?? null;
    // 20 EPCI are too small for a label each: their values are in the tooltip and the table.
    if (niveau !== "epci" && niveau !== "commune") {
      const texte = valeurPubliee({ valeur, secret: options.secrets?.has(String(f.id)) }, options.unite).texte;
      svg.append(svgEl("text", { x, y, class: "obs-carte-etiquette", "text-anchor": "middle", "pointer-events": "none" }, texte));
    }
  }
  return el("figure", { class: "obs-figure-carte" }, svg, legende(echelle.bornes, options.unite, niveau === "territoire_lda"));
}

/** A territory's tooltip: its figure and unit, or its mark and what the mark means. */
function texteCarte(valeur: number | null, secret: boolean | undefined, unite: string): string {
  const v = valeurPubliee({ valeur, secret }, unite);
  return v.marque ? `${v.texte} (${v.explication})` : `${v.texte} ${unite}`;
}

function legende(bornes: ReturnType<typeof classes>["bornes"], unite: string, horsLda: boolean): HTMLElement {
  const item = (fond: string, texte: string, bord = "#9ca3af") =>
    el("li", {}, el("span", { class: "obs-pastille", style: `background:${fond};border-color:${bord}` }), texte);
  return el(
    "figcaption",
    {},
    el("span", { class: "obs-legende-titre" }, unite ? `Légende (${unite})` : "Légende"),
    el(
      "ul",
      { class: "obs-legende" },
      ...bornes.map((b, i) => item(b.couleur, i < bornes.length - 1 ? `de ${nombre(b.de)} à moins de ${nombre(b.a)}` : `${nombre(b.de)} ou plus`)),
      item(HACHURE_CSS, `Hachures : sans donnée (« ${MARQUE_NON_DISPONIBLE} ») ou secret statistique (« ${MARQUE_SECRET} »)`, HACHURE),
      horsLda ? item(GRIS_HORS_LDA, "Hors territoires Logement d'abord", GRIS_HORS_LDA) : null,
    ),
  );
}
