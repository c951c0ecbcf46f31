// The territory synthesis sheets' reference side (pipelines/site/territoires.ts): which territories get a sheet, their
// populations, the locator map. Their rates and shares are SQL's: test/taux-publies.test.ts.
import { describe, expect, it } from "vitest";
import { carteLocalisation, territoiresSynthese } from "../pipelines/site/territoires.ts";
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
    expect(mds).toBe(communes.reduce((n, c) => n + Number(c.population), 0));
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
