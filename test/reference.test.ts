import { existsSync, readFileSync } from "node:fs";
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
  });
});

describe("fiche parameters", () => {
  const parametres = readCsv("sources/reference/ref_parametres.csv");
  const seed = "../shared/seeds/000_696810b690063a4c.txt";

  it("gives the Logement d'abord tariffs of the calls for projects", () => {
    const value = (fiche: string, parametre: string) => parametres.find((p) => p.fiche === fiche && p.parametre === parametre)?.valeur;
    expect(value("f2_4_adsl", "tarif_12_mois_adsl")).toBe("5000");
    expect(value("f2_5_vial", "tarif_12_mois_vial")).toBe("7000");
    expect(value("f2_6_envaul", "tarif_12_mois_envaul")).toBe("5000");
    expect(value("f2_6_envaul", "plafond_subsides_12_mois_envaul")).toBe("5000");
    expect(value("f2_7_lda_extension", "tarif_12_mois_vial")).toBe("7000");
  });

  it.runIf(existsSync(seed))("quotes each parameter verbatim from the line of the seed it cites", () => {
    const lines = readFileSync(seed, "utf8").split("\n");
    for (const p of parametres.filter((r) => r.seed === "000")) expect(lines[Number(p.ligne) - 1]).toContain(p.texte_source);
  });
});
