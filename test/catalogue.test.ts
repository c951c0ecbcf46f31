// The indicator catalogue drives publication: every indicator has a short label for cards and charts, every fiche
// names 3 to 5 key figures with distinct ranks, and those key figures are published at département and year level in
// the demo build (its database: run npm run pipeline, or npm run build, once).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHIFFRES_CLES_MAX, CHIFFRES_CLES_MIN, chiffresClesFiche, indicatorCatalogue, lireCatalogue, LONGUEUR_LIBELLE_COURT } from "../pipelines/contracts/catalogue.ts";
import { query } from "../pipelines/db/duckdb.ts";
import { readCsv, writeCsv } from "../pipelines/reference/csv.ts";
import { fichesReference } from "../pipelines/site/fiches.ts";
import { baseDeDemonstration } from "./helpers/base-demo.ts";

const SOURCE = "sources/reference/indicateurs.csv";

/** A copy of the catalogue with one line's cells changed, to prove the loader refuses it. */
function copieModifiee(fiche: string, indicateur: string, changer: (cellules: Record<string, string>) => void): string {
  const lignes = readCsv(SOURCE);
  const ligne = lignes.find((l) => l.fiche === fiche && l.indicateur === indicateur)!;
  changer(ligne);
  const chemin = join(mkdtempSync(join(tmpdir(), "catalogue-")), "indicateurs.csv");
  writeCsv(chemin, Object.keys(lignes[0]!), lignes);
  return chemin;
}

describe("catalogue des indicateurs : colonnes pour le lecteur", () => {
  const catalogue = indicatorCatalogue();

  it("un libellé court non vide d'au plus 60 caractères pour chaque indicateur", () => {
    expect(catalogue.length).toBeGreaterThan(200);
    for (const e of catalogue) {
      expect(e.libelle_court.trim(), `${e.fiche} ${e.indicateur}`).not.toBe("");
      expect([...e.libelle_court].length, `${e.fiche} ${e.indicateur} : ${e.libelle_court}`).toBeLessThanOrEqual(LONGUEUR_LIBELLE_COURT);
    }
  });

  it("les libellés courts nomment ce que compte le SQL (personnes, ménages, consultations, mesures)", () => {
    const court = (fiche: string, id: string) => catalogue.find((e) => e.fiche === fiche && e.indicateur === id)!.libelle_court;
    // 2.1: i01 counts in-person consultations, i01_usagers the people received.
    expect(court("f2_1_information", "i01")).toMatch(/^Consultations/);
    expect(court("f2_1_information", "i01_usagers")).toMatch(/^Personnes reçues/);
    // 2.3: i03 counts households, i04 measures (by length).
    expect(court("f2_3_astre", "i03")).toBe("Ménages accompagnés");
    expect(court("f2_3_astre", "i04")).toMatch(/^Mesures/);
    // 2.12 cards were the spec's list of data to collect.
    expect(court("f2_12_prevention_pe", "i01")).toBe("Ménages accompagnés");
  });

  it("3 à 5 chiffres clés par fiche, de rangs distincts, pour chacune des 13 fiches", () => {
    for (const f of fichesReference()) {
      const rangs = catalogue.filter((e) => e.fiche === f.fiche && e.chiffre_cle !== null).map((e) => e.chiffre_cle);
      expect(rangs.length, f.fiche).toBeGreaterThanOrEqual(CHIFFRES_CLES_MIN);
      expect(rangs.length, f.fiche).toBeLessThanOrEqual(CHIFFRES_CLES_MAX);
      expect(new Set(rangs).size, f.fiche).toBe(rangs.length);
      // The sheet reads them from the catalogue, in rank order.
      expect(f.chiffresCles, f.fiche).toEqual(chiffresClesFiche(f.fiche));
    }
    expect(chiffresClesFiche("f2_1_information")[0]).toBe("i01_usagers");
  });

  it("refuse un libellé court vide ou trop long, un rang hors de 1 à 5, un rang répété, trop peu de chiffres clés", () => {
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i03", (c) => (c.libelle_court = "")))).toThrow(/ligne \d+ \(f2_8_gep i03\), colonne libelle_court : vide/);
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i03", (c) => (c.libelle_court = "x".repeat(61))))).toThrow(/colonne libelle_court : 61 caractères — raccourcissez-le/);
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i03", (c) => (c.chiffre_cle = "6")))).toThrow(/\(f2_8_gep i03\), colonne chiffre_cle : « 6 »/);
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i03", (c) => (c.chiffre_cle = "1")))).toThrow(/fiche f2_8_gep, colonne chiffre_cle : le rang 1 est donné à i02_participants et i03 — un rang par indicateur/);
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i02", (c) => (c.chiffre_cle = "")))).toThrow(/fiche f2_8_gep, colonne chiffre_cle : 2 chiffre\(s\) clé\(s\)/);
    // 60 characters with accents are 60, not their UTF-8 bytes.
    expect(() => lireCatalogue(copieModifiee("f2_8_gep", "i03", (c) => (c.libelle_court = "é".repeat(60))))).not.toThrow();
  });
});

describe("chiffres clés publiés dans la base de démonstration", () => {
  const base = baseDeDemonstration();

  it("chaque chiffre clé a une ligne département × année dans mart_indicateurs", async () => {
    const publies = await query<{ fiche: string; indicateur: string }>(
      base(),
      `SELECT DISTINCT fiche, indicateur FROM mart_indicateurs
       WHERE type_periode = 'annee' AND niveau_territoire = 'departement' AND ventilation = 'ensemble'`,
    );
    const presents = new Set(publies.map((p) => `${p.fiche} ${p.indicateur}`));
    const manquants = indicatorCatalogue()
      .filter((e) => e.chiffre_cle !== null && !presents.has(`${e.fiche} ${e.indicateur}`))
      .map((e) => `${e.fiche} ${e.indicateur}`);
    expect(manquants).toEqual([]);
    // The base holds every fiche's key figures: 13 fiches × 3 to 5.
    expect(presents.size).toBeGreaterThan(13 * CHIFFRES_CLES_MIN);
  });
});
