// The map's geometry: the 7 Logement d'abord territories, the communes outside them merged into one shape,
// and the département outline — simplified, so the page does not ship the 887 commune polygons.
import { readFileSync } from "node:fs";
import type { Feature, FeatureCollection } from "geojson";
import { feature, merge, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type { GeometryCollection, Objects as TopoObjects, Topology } from "topojson-specification";
import { readCsv } from "../reference/csv.ts";

const TOPOJSON = "sources/reference/geo/pas-de-calais.topojson";
const COMMUNES = "sources/reference/communes.csv";

type Sources = {
  communes: GeometryCollection;
  epci: GeometryCollection;
  territoires_mds: GeometryCollection;
  territoires_lda: GeometryCollection;
  departement: GeometryCollection;
};

/** The territorial levels of mart_indicateurs a map can draw, and the TopoJSON object holding their shapes. */
export const NIVEAUX_CARTE = { territoire_lda: "territoires_lda", territoire_mds: "territoires_mds", epci: "epci" } as const;

/**
 * Every level the fiche sheets map (Logement d'abord territories, MDS territories, EPCI), with the communes outside
 * the Logement d'abord territories merged into one shape and the département outline, in one simplified topology:
 * shared borders are stored once, and every page reads the same file (cached by the browser).
 */
export function carteLda(options: { topojson?: string; communes?: string; garder?: number } = {}): Topology {
  const source = JSON.parse(readFileSync(options.topojson ?? TOPOJSON, "utf8")) as Topology<Sources>;
  const horsLda = new Set(readCsv(options.communes ?? COMMUNES).filter((c) => !c.territoire_lda).map((c) => c.code_commune));
  const territoires = feature(source, source.objects.territoires_lda) as FeatureCollection;
  const departement = feature(source, source.objects.departement) as FeatureCollection;
  const hors: Feature = {
    type: "Feature",
    id: "hors_lda",
    properties: { nom: "Hors territoires Logement d'abord" },
    geometry: merge(source, source.objects.communes.geometries.filter((g) => horsLda.has(String(g.id))) as never),
  };
  const horsCollection: FeatureCollection = { type: "FeatureCollection", features: [hors] };
  const mds = feature(source, source.objects.territoires_mds) as FeatureCollection;
  const epci = feature(source, source.objects.epci) as FeatureCollection;
  const carte = topology({ territoires_lda: territoires, hors_lda: horsCollection, territoires_mds: mds, epci, departement }, 1e5) as unknown as Topology<TopoObjects<{}>>;
  // Keep the most significant points only: at page scale (~600 px) finer detail is invisible.
  const ponderee = presimplify(carte);
  return quantize(simplify(ponderee, quantile(ponderee, 1 - (options.garder ?? 0.15))), 1e4);
}
