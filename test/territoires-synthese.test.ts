// The territory synthesis sheets' reference side (pipelines/site/territoires.ts) and the rate rules
// (observatory/components/population.ts): which territories get a sheet, their populations, the locator map.
import { describe, expect, it } from "vitest";
import { parHabitant, partageable, pour10000 } from "../observatory/components/population.ts";
import { carteLocalisation, populationDepartement, territoiresSynthese } from "../pipelines/site/territoires.ts";
import { readCsv } from "../pipelines/reference/csv.ts";

describe("synthèses territoriales : référentiel", () => {
  const territoires = territoiresSynthese();

  it("les 9 territoires MDS, Lens-Hénin, AMI 1 et AMI 2", () => {
    expect(territoires.filter((t) => t.niveau === "territoire_mds")).toHaveLength(9);
    expect(territoires.filter((t) => t.niveau !== "territoire_mds").map((t) => [t.niveau, t.code])).toEqual([
      ["territoire_lda", "lens_henin"],
      ["ami", "ami1"],
      ["ami", "ami2"],
    ]);
    expect(new Set(territoires.map((t) => t.slug)).size).toBe(12);
  });

  it("les populations de référence s'accordent avec les communes", () => {
    const communes = readCsv("sources/reference/communes.csv");
    for (const t of territoires) {
      const colonne = t.niveau === "territoire_mds" ? "territoire_mds" : t.niveau === "territoire_lda" ? "territoire_lda" : "ami";
      const somme = communes.filter((c) => c[colonne] === t.code).reduce((n, c) => n + Number(c.population), 0);
      expect(t.population, t.slug).toBe(somme);
    }
    const mds = territoires.filter((t) => t.niveau === "territoire_mds").reduce((n, t) => n + t.population, 0);
    expect(mds).toBe(populationDepartement());
    // AMI 1 = Lens-Hénin + Artois (spec §A.2).
    expect(territoires.find((t) => t.code === "ami1")!.composition).toEqual(["Territoire Logement d'abord Lens-Hénin", "Territoire Logement d'abord Artois"]);
  });

  it("la carte de localisation est un SVG accessible qui colorie un seul territoire", () => {
    for (const t of [territoires[0]!, territoires.at(-1)!]) {
      const svg = carteLocalisation(t);
      expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="carte-localisation-titre"/);
      expect(svg.match(/data-territoire=/g)).toHaveLength(1);
      expect(svg).toContain(`<title>${t.libelle}</title>`);
    }
  });
});

describe("taux pour 10 000 habitants", () => {
  it("pour les personnes, ménages et demandes ; pas pour les parts, montants, actions", () => {
    for (const u of ["personnes", "ménages", "jeunes", "demandes", "consultations", "mesures"]) expect(parHabitant(u), u).toBe(true);
    for (const u of ["%", "euros", "actions", "livrables", "mois-mesures", "participations", null]) expect(parHabitant(u), String(u)).toBe(false);
    expect(pour10000(25, 50_000)).toBe(5);
    expect(pour10000(null, 50_000)).toBeNull();
    expect(pour10000(3, 0)).toBeNull();
    expect(partageable("personnes")).toBe(true);
    expect(partageable("%")).toBe(false);
    expect(partageable("médiane")).toBe(false);
  });
});
