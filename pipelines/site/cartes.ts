// What the map pages read (observatory/cartes.md, observatory/jeunes/cartes.md): for every indicator published by
// MDS or Logement d'abord territory, EPCI or commune, every year's totals at those levels and their rates per 10 000
// inhabitants (rows of sql/macros/taux_publies.sql over the edition's table: the page only picks a year), whether its
// unit is rated per inhabitant (ref.unites), the data cut-off date (to tell the current, incomplete year), the
// territories' names and reference populations (mart_populations, printed beside the rates), and a simplified commune
// map.
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { FeatureCollection } from "geojson";
import { readFileSync } from "node:fs";
import { feature, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { DonneesCartes, IndicateurCarte } from "../../observatory/components/cartes.ts";
import { ordreIndicateurs } from "../../observatory/components/donnees.ts";
import { query } from "../db/duckdb.ts";
import { readCsv } from "../reference/csv.ts";
import { dateArreteDonnees, enColonnes, fichesReference, tablePubliee } from "./fiches.ts";

const REF = resolve("sources/reference");
export const NIVEAUX_CARTES = ["territoire_mds", "territoire_lda", "epci", "commune"] as const;

export async function donneesCartes(connection: DuckDBConnection, filtre: { fiches?: string[]; indicateurs?: (id: string) => boolean } = {}): Promise<DonneesCartes> {
  const { table, secret } = await tablePubliee(connection);
  const fiches = fichesReference();
  const niveaux = NIVEAUX_CARTES.map((n) => `'${n}'`).join(", ");
  const rows = await query<{ fiche: string; indicateur: string; periode: string; niveau: string; territoire: string; valeur: number | null; secret: boolean; taux: number | null }>(
    connection,
    `WITH t AS (SELECT fiche, indicateur, periode, niveau_territoire AS niveau, territoire, valeur, ${secret} AS secret, taux_10000 AS taux
                FROM taux_publies(${table}, mart_populations)
                WHERE type_periode = 'annee' AND ventilation = 'ensemble' AND modalite = 'ensemble' AND niveau_territoire IN (${niveaux})
                  -- Records no territory could be given (2.1, 2.13…) count in the département, but are no place on a
                  -- map: the map would find no name for them and stop.
                  AND territoire <> 'non_attribue')
     SELECT * FROM t ORDER BY fiche, indicateur, periode, niveau, territoire`,
  );
  const catalogue = await query<{ fiche: string; indicateur: string; libelle_court: string; unite: string | null; par_habitant: boolean }>(
    connection,
    "SELECT i.fiche, i.indicateur, i.libelle_court, i.unite, coalesce(u.par_habitant = 'oui', false) AS par_habitant FROM ref.indicateurs AS i LEFT JOIN ref.unites AS u USING (unite)",
  );
  const garder = rows.filter((r) => (!filtre.fiches || filtre.fiches.includes(r.fiche)) && (!filtre.indicateurs || filtre.indicateurs(r.indicateur)));
  const cles = [...new Set(garder.map((r) => `${r.fiche}§${r.indicateur}`))].sort((a, b) => {
    const [fa, ia] = a.split("§") as [string, string];
    const [fb, ib] = b.split("§") as [string, string];
    return fiches.findIndex((f) => f.fiche === fa) - fiches.findIndex((f) => f.fiche === fb) || ordreIndicateurs(ia, ib);
  });
  const index = new Map(cles.map((k, i) => [k, i]));
  const indicateurs: IndicateurCarte[] = cles.map((k) => {
    const [fiche, indicateur] = k.split("§") as [string, string];
    const siens = garder.filter((r) => r.fiche === fiche && r.indicateur === indicateur);
    const c = catalogue.find((x) => x.fiche === fiche && x.indicateur === indicateur);
    const ref = fiches.find((f) => f.fiche === fiche);
    if (!ref) throw new Error(`Fiche ${fiche} de mart_indicateurs absente de sources/reference/fiches.csv : ajoutez-y sa ligne`);
    if (!c) throw new Error(`Indicateur ${fiche}/${indicateur} publié mais absent du catalogue (sources/reference/indicateurs.csv) : ajoutez sa ligne (libelle_court, unite)`);
    return {
      fiche,
      numero: ref.numero,
      titreFiche: ref.titre,
      indicateur,
      libelle: c.libelle_court,
      unite: c.unite ?? "",
      parHabitant: c.par_habitant,
      niveaux: Object.fromEntries([...new Set(siens.map((r) => r.periode))].sort().map((a) => [a, NIVEAUX_CARTES.filter((n) => siens.some((r) => r.periode === a && r.niveau === n))])),
    };
  });
  const lignes = enColonnes(garder.map((r) => ({ i: index.get(`${r.fiche}§${r.indicateur}`)!, annee: r.periode, niveau: r.niveau, territoire: r.territoire, valeur: r.secret ? null : r.valeur, secret: r.secret ? 1 : 0, taux: r.taux })));

  const communesUtiles = new Set(garder.filter((r) => r.niveau === "commune").map((r) => r.territoire));
  // The population the rates were computed with, printed beside them.
  const populations = new Map(
    (await query<{ niveau: string; territoire: string; population: number }>(
      connection,
      `SELECT niveau_territoire AS niveau, territoire, population FROM mart_populations WHERE niveau_territoire IN (${niveaux})`,
    )).map((p) => [`${p.niveau}/${p.territoire}`, Number(p.population)]),
  );
  const population = (niveau: string, code: string) => {
    const p = populations.get(`${niveau}/${code}`);
    if (p === undefined) throw new Error(`Carte : ${niveau} ${code} des données de référence sans population dans mart_populations — relancez le pipeline (npm run pipeline)`);
    return p;
  };
  const territoires: DonneesCartes["territoires"] = {
    territoire_mds: Object.fromEntries(readCsv(`${REF}/territoires_mds.csv`).map((t) => [t.code!, [t.libelle!, population("territoire_mds", t.code!)]])),
    territoire_lda: Object.fromEntries(readCsv(`${REF}/territoires_lda.csv`).map((t) => [t.code!, [t.libelle!, population("territoire_lda", t.code!)]])),
    epci: Object.fromEntries(readCsv(`${REF}/epci.csv`).map((t) => [t.code_epci!, [t.nom_epci!, population("epci", t.code_epci!)]])),
    // Every commune (a commune without a row is « 0 or no data » on the map, and must be named in its tooltip).
    commune: Object.fromEntries(readCsv(`${REF}/communes.csv`).filter((c) => communesUtiles.size > 0).map((c) => [c.code_commune!, [c.nom_commune!, population("commune", c.code_commune!)]])),
  };
  return { indicateurs, dateArrete: await dateArreteDonnees(connection), lignes, territoires };
}

type Sources = { communes: GeometryCollection; departement: GeometryCollection };

/** The 887 communes and the département outline, simplified for page scale (loaded only when a commune map is shown). */
export function carteCommunes(garder = 0.12): Topology {
  const source = JSON.parse(readFileSync(`${REF}/geo/pas-de-calais.topojson`, "utf8")) as Topology<Sources>;
  const communes = feature(source, source.objects.communes) as FeatureCollection;
  for (const f of communes.features) f.properties = {};
  const departement = feature(source, source.objects.departement) as FeatureCollection;
  const carte = topology({ communes, departement }, 1e5);
  const ponderee = presimplify(carte as never);
  return quantize(simplify(ponderee, quantile(ponderee, 1 - garder)), 1e4);
}
