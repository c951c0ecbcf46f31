// What the synthesis sheet of a territory reads (observatory/territoires/[territoire].md.ts): the 9 MDS territories
// and the Logement d'abord groupings (the Lens-Hénin territory, AMI 1, AMI 2; spec §A.1, §A.2). For every fiche: its
// key figures at that territorial level for the latest year published there, beside the département's figure, the
// territory's share of it and both rates per 10 000 inhabitants (reference population) where the unit counts people
// or households — rows of sql/macros/taux_publies.sql: this file picks them, never computes them. A fiche that
// publishes nothing at that level is listed with the levels it does publish.
// Only aggregates of the published table and reference labels.
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { geoConicConformal, geoPath } from "d3-geo";
import { feature, merge } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { ordreIndicateurs } from "../../observatory/components/donnees.ts";
import { query } from "../db/duckdb.ts";
import { readCsv } from "../reference/csv.ts";
import { carteLda } from "./carte.ts";
import { fichesReference, tablePubliee } from "./fiches.ts";

const REF = resolve("sources/reference");

export interface TerritoireSynthese {
  /** The page's name: /territoires/<slug>. */
  slug: string;
  /** Level of mart_indicateurs the sheet reads. */
  niveau: "territoire_mds" | "territoire_lda" | "ami";
  code: string;
  libelle: string;
  /** « Territoire MDS », « Territoire Logement d'abord », « Appel à manifestation d'intérêt ». */
  type: string;
  population: number;
  communes: number;
  epci: string[];
  /** LDA territories an AMI groups, or MDS territories an LDA territory covers. */
  composition: string[];
}

export const NOMS_NIVEAUX: Record<string, string> = {
  departement: "département",
  ami: "appel à manifestation d'intérêt (AMI)",
  territoire_lda: "territoire Logement d'abord",
  territoire_mds: "territoire MDS",
  lot: "lot",
  epci: "EPCI",
  commune: "commune",
};

const TYPES: Record<TerritoireSynthese["niveau"], string> = {
  territoire_mds: "Territoire MDS",
  territoire_lda: "Territoire Logement d'abord",
  ami: "Appel à manifestation d'intérêt Logement d'abord",
};

/** The territories that get a synthesis sheet, in the order of the navigation. */
export function territoiresSynthese(): TerritoireSynthese[] {
  const communes = readCsv(`${REF}/communes.csv`);
  const mds = readCsv(`${REF}/territoires_mds.csv`);
  const lda = readCsv(`${REF}/territoires_lda.csv`);
  const amis = readCsv(`${REF}/amis.csv`);
  const membres = (colonne: string, code: string) => communes.filter((c) => c[colonne] === code);
  const epciDe = (liste: Record<string, string>[]) => [...new Set(liste.map((c) => c.nom_epci!).filter(Boolean))].sort((a, b) => a.localeCompare(b, "fr"));
  const libelleMds = new Map(mds.map((m) => [m.code!, m.libelle!]));
  const resultat: TerritoireSynthese[] = mds.map((m) => {
    const liste = membres("territoire_mds", m.code!);
    return { slug: `mds-${m.code!.replace(/_/g, "-")}`, niveau: "territoire_mds", code: m.code!, libelle: m.libelle!, type: TYPES.territoire_mds, population: Number(m.population), communes: liste.length, epci: epciDe(liste), composition: [] };
  });
  const lensHenin = lda.find((t) => t.code === "lens_henin");
  if (lensHenin) {
    const liste = membres("territoire_lda", "lens_henin");
    const mdsCouverts = [...new Set(liste.map((c) => c.territoire_mds!))].map((c) => `Territoire MDS ${libelleMds.get(c) ?? c}`);
    resultat.push({ slug: "lda-lens-henin", niveau: "territoire_lda", code: "lens_henin", libelle: lensHenin.libelle!, type: TYPES.territoire_lda, population: Number(lensHenin.population), communes: liste.length, epci: epciDe(liste), composition: mdsCouverts });
  }
  for (const a of amis.filter((x) => x.code === "ami1" || x.code === "ami2")) {
    const liste = membres("ami", a.code!);
    const territoires = lda.filter((t) => t.ami === a.code).map((t) => `Territoire Logement d'abord ${t.libelle}`);
    resultat.push({ slug: a.code!.replace("ami", "ami-"), niveau: "ami", code: a.code!, libelle: a.libelle!, type: TYPES.ami, population: Number(a.population), communes: liste.length, epci: epciDe(liste), composition: territoires });
  }
  return resultat;
}

export const cheminTerritoire = (slug: string) => `/territoires/${slug}`;

export interface ChiffreTerritoire {
  indicateur: string;
  libelle: string;
  unite: string;
  periode: string;
  valeur: number | null;
  secret: boolean;
  departement: number | null;
  secretDepartement: boolean;
  /** Share of the département's figure, in %; null where it means nothing (rates, means) or a term is not published. */
  part: number | null;
  /** Per 10 000 inhabitants, where the unit counts people or households and the value is published. */
  taux: number | null;
  tauxDepartement: number | null;
}

export interface FicheTerritoire {
  fiche: string;
  numero: string;
  titre: string;
  annee: string | null;
  /** Levels below the département the fiche publishes (to say where its figures are when not here). */
  niveaux: string[];
  chiffres: ChiffreTerritoire[];
}

export async function donneesTerritoire(connection: DuckDBConnection, t: TerritoireSynthese): Promise<FicheTerritoire[]> {
  const { table, secret } = await tablePubliee(connection);
  const lignes = await query<{ fiche: string; indicateur: string; periode: string; niveau: string; territoire: string; valeur: number | null; secret: boolean; taux: number | null; part: number | null }>(
    connection,
    `SELECT fiche, indicateur, periode, niveau_territoire AS niveau, territoire, valeur, ${secret} AS secret, taux_10000 AS taux, part_departement AS part
     FROM taux_publies(${table}, mart_populations)
     WHERE type_periode = 'annee' AND ventilation = 'ensemble' AND modalite = 'ensemble'
       AND (niveau_territoire = 'departement' OR (niveau_territoire = ? AND territoire = ?))`,
    [t.niveau, t.code],
  );
  const niveaux = await query<{ fiche: string; niveau: string }>(connection, `SELECT DISTINCT fiche, niveau_territoire AS niveau FROM ${table} WHERE niveau_territoire <> 'departement'`);
  const catalogue = await query<{ fiche: string; indicateur: string; libelle_court: string; unite: string | null }>(connection, "SELECT fiche, indicateur, libelle_court, unite FROM ref.indicateurs");
  const ordreNiveaux = Object.keys(NOMS_NIVEAUX);

  return fichesReference().map((f) => {
    const ici = lignes.filter((l) => l.fiche === f.fiche && l.niveau === t.niveau);
    const annee = ici.map((l) => l.periode).sort().at(-1) ?? null;
    const publies = [...new Set(niveaux.filter((n) => n.fiche === f.fiche).map((n) => n.niveau))].sort((a, b) => ordreNiveaux.indexOf(a) - ordreNiveaux.indexOf(b));
    if (!annee) return { fiche: f.fiche, numero: f.numero, titre: f.titre, annee: null, niveaux: publies, chiffres: [] };
    const disponibles = [...new Set(ici.filter((l) => l.periode === annee).map((l) => l.indicateur))].sort(ordreIndicateurs);
    const voulus = f.chiffresCles.filter((id) => disponibles.includes(id));
    // No key figure at this level: the first main indicators (i01, i02 … before their sub-figures).
    const ids = voulus.length ? voulus : [...disponibles.filter((id) => !id.includes("_")), ...disponibles.filter((id) => id.includes("_"))].slice(0, 4);
    const chiffres = ids.map((id): ChiffreTerritoire => {
      const entree = catalogue.find((c) => c.fiche === f.fiche && c.indicateur === id);
      const unite = entree?.unite ?? "";
      const l = ici.find((x) => x.indicateur === id && x.periode === annee);
      const d = lignes.find((x) => x.fiche === f.fiche && x.indicateur === id && x.periode === annee && x.niveau === "departement");
      const valeur = l?.secret ? null : (l?.valeur ?? null);
      const departement = d?.secret ? null : (d?.valeur ?? null);
      return {
        indicateur: id,
        libelle: entree?.libelle_court ?? id,
        unite,
        periode: annee,
        valeur,
        secret: Boolean(l?.secret),
        departement,
        secretDepartement: Boolean(d?.secret),
        part: l?.part ?? null,
        taux: l?.taux ?? null,
        tauxDepartement: d?.taux ?? null,
      };
    });
    return { fiche: f.fiche, numero: f.numero, titre: f.titre, annee, niveaux: publies, chiffres };
  });
}

type Objets = Record<string, GeometryCollection>;

/**
 * A small static SVG locating the territory in the département (drawn at build time: no JavaScript on the page).
 * The territory in dark blue, the other territories of its level outlined.
 */
export function carteLocalisation(t: TerritoireSynthese, largeur = 300): string {
  const topo = carteLda() as Topology<Objets>;
  const departement = feature(topo, topo.objects.departement!) as FeatureCollection;
  let autres: FeatureCollection;
  let cible: Geometry | null;
  if (t.niveau === "territoire_mds") {
    autres = feature(topo, topo.objects.territoires_mds!) as FeatureCollection;
    cible = autres.features.find((x) => x.id === t.code)?.geometry ?? null;
  } else {
    autres = feature(topo, topo.objects.territoires_lda!) as FeatureCollection;
    const lda = readCsv(`${REF}/territoires_lda.csv`);
    const codes = t.niveau === "ami" ? new Set(lda.filter((x) => x.ami === t.code).map((x) => x.code)) : new Set([t.code]);
    cible = merge(topo as never, topo.objects.territoires_lda!.geometries.filter((g) => codes.has(String(g.id))) as never) as Geometry;
  }
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(largeur, departement);
  const chemin = geoPath(projection);
  const [[, y0], [, y1]] = chemin.bounds(departement);
  const hauteur = Math.ceil(y1 - y0) + 2;
  const titre = `Localisation : ${t.type.toLowerCase()} ${t.libelle} dans le Pas-de-Calais`;
  const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const parties = [
    `<svg class="obs-carte obs-carte-localisation" viewBox="0 0 ${largeur} ${hauteur}" width="${largeur}" height="${hauteur}" role="img" aria-labelledby="carte-localisation-titre">`,
    `<title id="carte-localisation-titre">${attr(titre)}</title>`,
    ...departement.features.map((x) => `<path d="${chemin(x)}" fill="#f3f4f6" stroke="none"/>`),
    ...autres.features.map((x: Feature) => `<path d="${chemin(x)}" fill="none" stroke="#9ca3af" stroke-width="0.7"/>`),
    cible ? `<path d="${chemin(cible as never)}" fill="#08519c" stroke="#1f2937" stroke-width="1" data-territoire="${attr(t.code)}"><title>${attr(t.libelle)}</title></path>` : "",
    ...departement.features.map((x) => `<path d="${chemin(x)}" fill="none" stroke="#1f2937" stroke-width="1.2"/>`),
    `</svg>`,
  ];
  return parties.join("");
}
