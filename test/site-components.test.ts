import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anneeIncomplete, anneeParDefaut } from "../observatory/components/annees.ts";
import { versCsv } from "../observatory/components/csv.ts";
import { depuisColonnes, libelleModalite, ordreIndicateurs, perimetre, TOUTES, type Ligne } from "../observatory/components/donnees.ts";
import { date, dateArrete, mois, nombre, unite } from "../observatory/components/format.ts";
import { chiffresDuPerimetre, type Contexte } from "../observatory/components/indicateur.ts";
import { carteLda } from "../pipelines/site/carte.ts";
import { MODALITES } from "../pipelines/site/libelles.ts";
import { seedNpmVersionCache } from "../pipelines/site/offline.ts";
import { frenchHtml, npmRegistryLookups, remoteReferences } from "../pipelines/site/postbuild.ts";

const ligne = (l: Partial<Ligne>): Ligne => ({
  fiche: "f2_4_adsl",
  indicateur: "i01",
  periode: "2026",
  territoire: "62",
  niveau: "departement",
  ventilation: "ensemble",
  modalite: "ensemble",
  valeur: 1,
  ...l,
});

describe("année en cours et année par défaut des cartes", () => {
  it("l'année de l'arrêt est incomplète sauf arrêt en décembre ; la carte ouvre sur la dernière année complète", () => {
    // Cut-off 31/10/2026: 2026 runs January → October, 2025 is whole.
    expect(anneeIncomplete("2026-10-31", "2026")).toBe("2026 jusqu'à octobre 2026");
    expect(anneeIncomplete("2026-10-31", "2025")).toBeNull();
    expect(anneeIncomplete("2026-12", "2026")).toBeNull();
    expect(anneeIncomplete(null, "2026")).toBeNull();
    expect(anneeParDefaut("2026-10-31", ["2024", "2025", "2026"])).toBe("2025");
    // Only the current year published: it is the one shown.
    expect(anneeParDefaut("2026-10-31", ["2026"])).toBe("2026");
    // Cut-off in December: the latest year is complete.
    expect(anneeParDefaut("2026-12-31", ["2025", "2026"])).toBe("2026");
    expect(anneeParDefaut("2026-10-31", [])).toBeUndefined();
  });
});

describe("formats français", () => {
  it("nombres, mois, dates", () => {
    expect(nombre(1234.5)).toBe("1\u202f234,5");
    expect(nombre(0)).toBe("0");
    expect(nombre(null)).toBe("–");
    expect(mois("2026-09")).toBe("septembre 2026");
    expect(dateArrete("2026-09")).toBe("septembre 2026");
    expect(dateArrete("2026-09-30")).toBe("30/09/2026");
    // 23:30 UTC on 4 October is already 5 October in Paris.
    expect(date("2026-10-04T23:30:00Z")).toBe("05/10/2026");
  });

  it("l'unité s'accorde avec son chiffre : singulier sous 2", () => {
    expect(unite(1, "jours")).toBe("jour");
    expect(unite(1.5, "personnes")).toBe("personne");
    expect(unite(0, "ménages")).toBe("ménage");
    expect(unite(2, "jours")).toBe("jours");
    expect(unite(1, "catégories par mesure")).toBe("catégorie par mesure");
    expect(unite(1, "mois-mesures")).toBe("mois-mesure");
    expect(unite(1, "mois")).toBe("mois");
    expect(unite(1, "%")).toBe("%");
    expect(unite(null, "jours")).toBe("jours");
  });
});

describe("CSV", () => {
  const lignes = [
    { territoire: "Lens-Hénin", valeur: 12.5 },
    { territoire: "Arrageois; Ternois", valeur: 3 },
    { territoire: 'Dit "B"', valeur: null },
  ];
  const colonnes = [
    { cle: "territoire", titre: "Territoire" },
    { cle: "valeur", titre: "Valeur" },
  ] as const;

  it("pour Excel : BOM, point-virgule, virgule décimale", () => {
    expect(versCsv(lignes, colonnes, "excel")).toBe('\uFEFFTerritoire;Valeur\r\nLens-Hénin;12,5\r\n"Arrageois; Ternois";3\r\n"Dit ""B""";\r\n');
  });

  it("standard : virgule, point décimal, sans BOM", () => {
    expect(versCsv(lignes, colonnes, "standard")).toBe('Territoire,Valeur\r\nLens-Hénin,12.5\r\nArrageois; Ternois,3\r\n"Dit ""B""",\r\n');
  });
});

describe("données de la fiche", () => {
  it("reconstruit les lignes depuis les colonnes", () => {
    expect(depuisColonnes({ fiche: ["a", "b"], valeur: [1, null] })).toEqual([
      { fiche: "a", valeur: 1 },
      { fiche: "b", valeur: null },
    ]);
    expect(depuisColonnes({})).toEqual([]);
  });

  it("lit les lignes d'une fiche ou de l'ensemble, sans rien additionner", () => {
    // The sums of the four fiches are rows of mart_lda_ensemble (test/site-data.test.ts): the page only filters.
    const lignes = [
      ligne({ fiche: "f2_4_adsl", valeur: 10 }),
      ligne({ fiche: "f2_5_vial", valeur: 5 }),
      ligne({ fiche: TOUTES, valeur: 15 }),
    ];
    expect(perimetre(lignes, TOUTES)).toEqual([ligne({ fiche: TOUTES, valeur: 15 })]);
    expect(perimetre(lignes, "f2_5_vial")).toEqual([ligne({ fiche: "f2_5_vial", valeur: 5 })]);
  });

  it("libellés des modalités, composites compris", () => {
    expect(libelleModalite(MODALITES, "sexe_tranche_age", "F|18_25")).toBe("Femme, 18 à 25 ans");
    expect(libelleModalite(MODALITES, "type_contrat_emploi", "interim")).toBe("Contrat intérim");
    expect(libelleModalite(MODALITES, "inconnue", "code_nouveau")).toBe("Code nouveau");
  });

  it("ordonne les indicateurs naturellement", () => {
    expect(["x01", "i10", "i02", "i01_entrees", "i01"].sort(ordreIndicateurs)).toEqual(["i01", "i01_entrees", "i02", "i10", "x01"]);
  });

  it("chiffres clés du périmètre et de l'année choisis", () => {
    const ctx = {
      catalogue: [{ fiche: "f2_4_adsl", indicateur: "i01", libelle: "Nombre de personnes accompagnées, avec âge et sexe", libelle_court: "Personnes accompagnées", definition: null, unite: "personnes" }],
      lignes: [ligne({ valeur: 7 }), ligne({ periode: "2025", valeur: 9 }), ligne({ niveau: "territoire_lda", territoire: "artois", valeur: 3 })],
      fiche: "f2_4_adsl",
      annee: "2026",
    } as unknown as Contexte;
    expect(chiffresDuPerimetre(ctx, ["i01", "i02"])).toEqual([
      { indicateur: "i01", libelle: "Personnes accompagnées", valeur: 7, secret: false, periode: "2026", detail: "personnes" }, // the short label, not the spec's wording
      { indicateur: "i02", libelle: "i02", valeur: null, secret: false, periode: "2026", detail: null },
    ]);
  });
});

describe("carte des territoires", () => {
  it("7 territoires LDA, 9 territoires MDS, 20 EPCI, les communes hors territoires LDA et le département, allégés", () => {
    const carte = carteLda();
    const ids = (carte.objects.territoires_lda as { geometries: { id?: string | number }[] }).geometries.map((g) => String(g.id)).sort();
    expect(ids).toEqual(["arrageois_ternois", "artois", "audomarois", "boulonnais", "calaisis", "lens_henin", "montreuillois"]);
    expect(Object.keys(carte.objects).sort()).toEqual(["departement", "epci", "hors_lda", "territoires_lda", "territoires_mds"]);
    expect((carte.objects.territoires_mds as { geometries: unknown[] }).geometries).toHaveLength(9);
    expect((carte.objects.epci as { geometries: unknown[] }).geometries).toHaveLength(20);
    expect(JSON.stringify(carte).length).toBeLessThan(60_000);
  });
});

describe("après la construction du site", () => {
  it("déclare les pages en français", () => {
    expect(frenchHtml("<!DOCTYPE html>\n<html>\n<head>")).toBe('<!DOCTYPE html>\n<html lang="fr">\n<head>');
    expect(frenchHtml('<html lang="en">')).toBe('<html lang="fr">');
    expect(frenchHtml('<input title="Toggle sidebar">')).toBe('<input title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu">');
    expect(frenchHtml('<ol>\n    <label id="observablehq-sidebar-close" for="t"></label>\n    <li>')).toBe('<label id="observablehq-sidebar-close" for="t"></label>\n  <ol>\n    <li>');
  });

  it("repère toute ressource externe, pas les liens ni les espaces de noms XML", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-"));
    mkdirSync(join(dir, "_npm"));
    writeFileSync(join(dir, "index.html"), '<a href="https://www.etalab.gouv.fr/licence">Licence</a><script src="https://cdn.jsdelivr.net/npm/d3"></script>');
    writeFileSync(join(dir, "_npm", "a.js"), 'const ns="http://www.w3.org/2000/svg";import("https://esm.sh/x");fetch("http://127.0.0.1:3000/ok")');
    writeFileSync(join(dir, "style.css"), '@import url("https://fonts.googleapis.com/css2?family=Source+Serif+4");');
    expect(remoteReferences(dir).map((r) => r.url).sort()).toEqual([
      "https://cdn.jsdelivr.net/npm/d3",
      "https://esm.sh/x",
      "https://fonts.googleapis.com/css2?family=Source+Serif+4",
    ]);
  });

  it("laisse au seul vérificateur de fichier les espaces de noms et liens de ses bibliothèques, pas un autre hôte", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-"));
    mkdirSync(join(dir, "_file", "verifier"), { recursive: true });
    const texte = 'const ns="http://schemas.openxmlformats.org/spreadsheetml/2006/main";throw new Error("see https://stuk.github.io/jszip/documentation/howto/read_zip.html")';
    writeFileSync(join(dir, "_file", "verifier", "verificateur.abc.js"), `${texte};fetch("https://example.org/envoi")`);
    writeFileSync(join(dir, "autre.js"), texte);
    expect(remoteReferences(dir).map((r) => `${r.file} ${r.url}`).sort()).toEqual([
      "_file/verifier/verificateur.abc.js https://example.org/envoi",
      "autre.js http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "autre.js https://stuk.github.io/jszip/documentation/howto/read_zip.html",
    ]);
  });
});

describe("construction hors ligne", () => {
  it("signale toute version que Framework a dû demander au registre npm", () => {
    const root = mkdtempSync(join(tmpdir(), "racine-"));
    const cache = join(root, ".observablehq", "cache");
    seedNpmVersionCache(root);
    expect(readdirSync(join(cache, "_npm"))).toContain("react-dom@19.3.1");
    expect(npmRegistryLookups(cache)).toEqual([]);
    mkdirSync(join(cache, "_npm", "@observablehq", "tex@1.0.0"), { recursive: true });
    mkdirSync(join(cache, "_npm", "katex@0.16.0"), { recursive: true });
    expect(npmRegistryLookups(cache)).toEqual(["@observablehq/tex@1.0.0", "katex@0.16.0"]);
  });
});
