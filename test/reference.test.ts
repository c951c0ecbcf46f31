import { readFileSync } from "node:fs";
import { geoArea } from "d3";
import type { Feature, FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { readCsv } from "../pipelines/reference/csv.ts";

const communes = readCsv("sources/reference/communes.csv");
const codesOf = (rows: Record<string, string>[]) => new Set(rows.map((r) => r.code_commune));

describe("territorial reference data", () => {
  it("has the 887 current communes of Pas-de-Calais in 20 EPCI and 9 MDS territories", () => {
    expect(communes).toHaveLength(887);
    expect(new Set(communes.map((c) => c.code_epci)).size).toBe(20);
    expect(new Set(communes.map((c) => c.territoire_mds))).toEqual(
      new Set(["arrageois", "artois", "audomarois", "boulonnais", "calaisis", "henin_carvin", "lens_lievin", "montreuillois", "ternois"]),
    );
    expect(communes.every((c) => c.code_commune!.startsWith("62") && Number(c.population) > 0)).toBe(true);
    expect(communes.every((c) => c.territoire_mds !== "")).toBe(true);
    const population = communes.reduce((s, c) => s + Number(c.population), 0);
    expect(population).toBeGreaterThan(1_400_000);
    expect(population).toBeLessThan(1_520_000);
  });

  it("keeps the summary files consistent with communes.csv", () => {
    const mds = readCsv("sources/reference/territoires_mds.csv");
    expect(mds).toHaveLength(9);
    for (const t of mds) expect(Number(t.nb_communes)).toBe(communes.filter((c) => c.territoire_mds === t.code).length);
    expect(mds.every((t) => Number(t.nb_communes) >= 1)).toBe(true);
    const epci = readCsv("sources/reference/epci.csv");
    expect(epci).toHaveLength(20);
    expect(epci.reduce((s, e) => s + Number(e.nb_communes), 0)).toBe(887);
  });

  it("gives each former commune of the COG 2018 boundaries to Hesdin-la-Forêt and Bonnières", () => {
    const formerOf = (code: string) => communes.find((c) => c.code_commune === code)!.anciens_codes!.split("|");
    expect(formerOf("62447")).toEqual(expect.arrayContaining(["62461", "62549", "62743"]));
    expect(formerOf("62154")).toContain("62210");
  });

  it("defines Lens-Hénin exactly as CA de Lens-Liévin + CA d'Hénin-Carvin", () => {
    const lensHenin = codesOf(communes.filter((c) => c.territoire_lda === "lens_henin"));
    const fromEpci = codesOf(communes.filter((c) => c.code_epci === "246200364" || c.code_epci === "246200299"));
    expect(lensHenin).toEqual(fromEpci);
    expect(lensHenin.size).toBe(36 + 14);
  });

  it("keeps the Communauté urbaine d'Arras out of « Arrageois (hors CUA) et Ternois »", () => {
    const cua = communes.filter((c) => c.code_epci === "200033579");
    expect(cua).toHaveLength(46);
    expect(cua.every((c) => c.territoire_lda === "")).toBe(true);
    const arrageoisTernois = communes.filter((c) => c.territoire_lda === "arrageois_ternois");
    expect(new Set(arrageoisTernois.map((c) => c.territoire_mds))).toEqual(new Set(["arrageois", "ternois"]));
  });

  it("has 7 Logement d'abord territories in AMI 1, AMI 2 and the 2024 extension", () => {
    const lda = readCsv("sources/reference/territoires_lda.csv");
    expect(lda.map((t) => `${t.code}:${t.ami}`)).toEqual([
      "lens_henin:ami1",
      "artois:ami1",
      "audomarois:ami2",
      "boulonnais:ami2",
      "montreuillois:ami2",
      "arrageois_ternois:extension_2024",
      "calaisis:extension_2024",
    ]);
  });

  it("draws every commune once in the TopoJSON, former communes dissolved", () => {
    const topo = JSON.parse(readFileSync("sources/reference/geo/pas-de-calais.topojson", "utf8")) as Topology;
    const drawn = feature(topo, topo.objects.communes!) as unknown as { features: { id: string }[] };
    expect(new Set(drawn.features.map((f) => f.id))).toEqual(codesOf(communes));
    expect(drawn.features.some((f) => f.id === "62461")).toBe(false); // merged into Hesdin-la-Forêt (62447)
    for (const layer of ["epci", "territoires_mds", "territoires_lda", "departement"]) expect(topo.objects[layer]).toBeDefined();
    expect(topo.objects.territoires_lda!.type === "GeometryCollection" && topo.objects.territoires_lda!.geometries).toHaveLength(7);
  });

  it("winds every polygon as d3-geo expects (a ring read backwards would cover the globe)", () => {
    const topo = JSON.parse(readFileSync("sources/reference/geo/pas-de-calais.topojson", "utf8")) as Topology;
    for (const object of Object.values(topo.objects)) {
      const drawn = feature(topo, object) as FeatureCollection | Feature;
      for (const f of "features" in drawn ? drawn.features : [drawn]) expect(geoArea(f)).toBeLessThan(2 * Math.PI);
    }
  });
});

describe("fiche parameters", () => {
  const parametres = readCsv("sources/reference/ref_parametres.csv");

  it("gives the Logement d'abord tariffs of the calls for projects", () => {
    const value = (fiche: string, parametre: string) => parametres.find((p) => p.fiche === fiche && p.parametre === parametre)?.valeur;
    expect(value("f2_4_adsl", "tarif_12_mois_adsl")).toBe("5000");
    expect(value("f2_5_vial", "tarif_12_mois_vial")).toBe("7000");
    expect(value("f2_6_envaul", "tarif_12_mois_envaul")).toBe("5000");
    expect(value("f2_6_envaul", "plafond_subsides_12_mois_envaul")).toBe("5000");
    expect(value("f2_7_lda_extension", "tarif_12_mois_vial")).toBe("7000");
  });

});
