// Builds the site's TopoJSON from the shared commune boundaries (COG 2018): former communes are
// dissolved into their current commune (per the package's anciensCodes), then communes are merged
// into EPCI, MDS territories, Logement d'abord territories and the département.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { geoArea } from "d3";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { feature, merge, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import { readCsv } from "./csv.ts";

const GEO_DIR = resolve(process.env.OBS_GEO_DIR ?? "../shared/data/geo");
const OUT = "sources/reference/geo/pas-de-calais.topojson";

const communes = readCsv("sources/reference/communes.csv");
const currentOf = new Map<string, string>();
for (const c of communes) {
  currentOf.set(c.code_commune!, c.code_commune!);
  for (const old of c.anciens_codes!.split("|").filter(Boolean)) currentOf.set(old, c.code_commune!);
}

const source = JSON.parse(readFileSync(`${GEO_DIR}/communes-62-pas-de-calais.geojson`, "utf8")) as FeatureCollection<Geometry, { code: string }>;
const unknown = source.features.map((f) => f.properties.code).filter((code) => !currentOf.has(code));
if (unknown.length) throw new Error(`Polygones sans commune actuelle ni ancien code connu : ${unknown.join(", ")}`);

// d3-geo reads a counter-clockwise ring as "the whole sphere minus this polygon" (RFC 7946 winding, the opposite of
// d3's): such a commune would paint the whole map. Rewind any source polygon d3 sees as larger than a hemisphere.
const reverseRings = (polygon: Position[][]) => polygon.map((ring) => [...ring].reverse());
let rewound = 0;
for (const f of source.features) {
  if (geoArea(f) <= 2 * Math.PI) continue;
  const g = f.geometry;
  if (g.type === "Polygon") g.coordinates = reverseRings(g.coordinates);
  else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(reverseRings);
  rewound++;
}

const base = topology({ polygons: source }, 1e5) as Topology<{ polygons: GeometryCollection<{ code: string }> }>;
const polygons = base.objects.polygons.geometries;

/** Dissolves the source polygons grouped by key into one feature per key (topojson merge keeps shared borders exact). */
function dissolve(keyOf: (code: string) => string | undefined, nameOf: (key: string) => string): FeatureCollection {
  const groups = new Map<string, typeof polygons>();
  for (const g of polygons) {
    const key = keyOf((g.properties as { code: string }).code);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const features: Feature[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, members]) => ({ type: "Feature", id, properties: { nom: nameOf(id) }, geometry: merge(base, members as never) }));
  return { type: "FeatureCollection", features };
}

const byCode = new Map(communes.map((c) => [c.code_commune!, c]));
const label = (file: string) => new Map(readCsv(`sources/reference/${file}`).map((r) => [r.code ?? r.code_epci!, r.libelle ?? r.nom_epci!]));
const epciNames = label("epci.csv");
const mdsNames = label("territoires_mds.csv");
const ldaNames = label("territoires_lda.csv");
const attr = (field: string) => (code: string) => byCode.get(currentOf.get(code)!)?.[field] || undefined;

const layers = {
  communes: dissolve((code) => currentOf.get(code), (id) => byCode.get(id)!.nom_commune!),
  epci: dissolve(attr("code_epci"), (id) => epciNames.get(id)!),
  territoires_mds: dissolve(attr("territoire_mds"), (id) => mdsNames.get(id)!),
  territoires_lda: dissolve(attr("territoire_lda"), (id) => ldaNames.get(id)!),
  departement: dissolve(() => "62", () => "Pas-de-Calais"),
};

if (layers.communes.features.length !== communes.length) {
  throw new Error(`${communes.length} communes attendues dans la carte, ${layers.communes.features.length} géométries produites`);
}

// Re-topologise the dissolved layers so borders shared between layers are stored once, then simplify.
// 1e4 quantisation (≈ 20 m across the département) and dropping the least significant 60 % of points keep every
// commune recognisable at screen scale for a file the browser loads quickly.
const final = presimplify(topology(layers) as unknown as Topology<{}>);
const simplified = quantize(simplify(final, quantile(final, 0.6)) as unknown as Topology<{}>, 1e4) as unknown as Topology;
// Checked on the written result: merge and simplify must not have flipped a ring or collapsed a polygon.
for (const [name, object] of Object.entries(simplified.objects)) {
  const drawn = feature(simplified, object) as FeatureCollection | Feature;
  for (const f of "features" in drawn ? drawn.features : [drawn]) {
    const area = geoArea(f);
    if (!(area > 0 && area < 2 * Math.PI)) throw new Error(`${name} ${f.id ?? ""} : aire sphérique ${area} (enroulement ou géométrie invalide)`);
  }
}
writeFileSync(OUT, JSON.stringify(simplified));
console.log(
  `${OUT} : ${layers.communes.features.length} communes (${source.features.length} polygones source, ${rewound} réorientés), ` +
    `${(statSync(OUT).size / 1024).toFixed(0)} Ko`,
);
