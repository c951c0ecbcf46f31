// Choropleth of the 7 Logement d'abord territories (d3-geo, SVG). Communes outside them are grey;
// each territory names itself and its value in a <title> tooltip; the table beside it says the same in text.
import { geoConicConformal, geoPath } from "d3-geo";
import { scaleQuantize } from "d3-scale";
import type { Feature, FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { el, svgEl } from "./dom.js";
import { nombre } from "./format.js";

// ColorBrewer Blues, 5 classes (d3-scale-chromatic's schemeBlues[5]), written out to spare the module.
const BLEUS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
const GRIS_HORS_LDA = "#d4d4d4";
const SANS_DONNEE = "#ffffff";

export interface OptionsCarte {
  width: number;
  titre: string;
  unite: string;
  libelles: Map<string, string>;
}

type Objets = { territoires_lda: GeometryCollection; hors_lda: GeometryCollection; departement: GeometryCollection };

export function carteTerritoires(topo: Topology<Objets>, valeurs: Map<string, number | null>, options: OptionsCarte): HTMLElement {
  const territoires = feature(topo, topo.objects.territoires_lda) as FeatureCollection;
  const hors = feature(topo, topo.objects.hors_lda) as FeatureCollection;
  const departement = feature(topo, topo.objects.departement) as FeatureCollection;

  const largeur = Math.max(280, Math.min(options.width, 720));
  // Lambert-93's parallels and meridian: the map looks as on the Département's own maps.
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(largeur, departement);
  const chemin = geoPath(projection);
  const [[, y0], [, y1]] = chemin.bounds(departement);
  const hauteur = Math.ceil(y1 - y0) + 2;

  const connues = [...valeurs.values()].filter((v): v is number => v !== null);
  const couleur = scaleQuantize<string>().domain([0, Math.max(1, ...connues)]).range(BLEUS).nice();

  const titreId = `carte-titre-${Math.random().toString(36).slice(2)}`;
  const svg = svgEl(
    "svg",
    { viewBox: `0 0 ${largeur} ${hauteur}`, width: largeur, height: hauteur, role: "img", "aria-labelledby": titreId, class: "obs-carte" },
    svgEl("title", { id: titreId }, options.titre),
  );
  for (const f of hors.features) {
    svg.append(svgEl("path", { d: chemin(f), fill: GRIS_HORS_LDA, stroke: "#ffffff", "data-zone": "hors_lda" }, svgEl("title", {}, "Hors territoires Logement d'abord")));
  }
  for (const f of territoires.features as Feature[]) {
    const code = String(f.id);
    const valeur = valeurs.get(code) ?? null;
    const libelle = options.libelles.get(code) ?? code;
    svg.append(
      svgEl(
        "path",
        { d: chemin(f), fill: valeur === null ? SANS_DONNEE : couleur(valeur), stroke: "#4b5563", "stroke-width": 0.8, "data-territoire": code, "data-valeur": valeur ?? "" },
        svgEl("title", {}, `${libelle} : ${valeur === null ? "sans donnée" : `${nombre(valeur)} ${options.unite}`}`),
      ),
    );
  }
  for (const f of departement.features) svg.append(svgEl("path", { d: chemin(f), fill: "none", stroke: "#1f2937", "stroke-width": 1.2, "pointer-events": "none" }));
  for (const f of territoires.features as Feature[]) {
    const [x, y] = chemin.centroid(f);
    const valeur = valeurs.get(String(f.id)) ?? null;
    svg.append(svgEl("text", { x, y, class: "obs-carte-etiquette", "text-anchor": "middle", "pointer-events": "none" }, nombre(valeur)));
  }
  return el("figure", { class: "obs-figure-carte" }, svg, legende(couleur, options.unite));
}

function legende(couleur: ReturnType<typeof scaleQuantize<string>>, unite: string): HTMLElement {
  const item = (fond: string, texte: string, bord = "#9ca3af") =>
    el("li", {}, el("span", { class: "obs-pastille", style: `background:${fond};border-color:${bord}` }), texte);
  return el(
    "figcaption",
    {},
    el("span", { class: "obs-legende-titre" }, `Légende (${unite})`),
    el(
      "ul",
      { class: "obs-legende" },
      ...couleur.range().map((c, i, classes) => {
        const [a, b] = couleur.invertExtent(c);
        return item(c, i < classes.length - 1 ? `de ${nombre(a)} à moins de ${nombre(b)}` : `${nombre(a)} ou plus`);
      }),
      item(SANS_DONNEE, "Sans donnée pour cette sélection"),
      item(GRIS_HORS_LDA, "Hors territoires Logement d'abord", GRIS_HORS_LDA),
    ),
  );
}
