// The structural columns of the indicator catalogue that the statistical secret reads (agregation, numerateur,
// denominateur, additif_*, lie_mois), the one the cumuls read (somme_mois) and the one the publishing macro reads
// (cellule_absente): the committed file passes its checks, and each check catches a planted mistake.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { catalogueErrors } from "../pipelines/contracts/catalogue.ts";

const TEXT = readFileSync("sources/reference/indicateurs.csv", "utf8");
const rows = parse(TEXT, { columns: true }) as Record<string, string>[];
const row = (fiche: string, indicateur: string) => rows.find((r) => r.fiche === fiche && r.indicateur === indicateur)!;

describe("catalogue : colonnes structurelles", () => {
  it("le fichier commité passe tous les contrôles", () => {
    expect(catalogueErrors(TEXT)).toEqual([]);
  });

  it("dit ce que calcule le SQL", () => {
    // Persons active in a period are recounted each month: the year is not the sum of its months.
    expect(row("f2_4_adsl", "i01")).toMatchObject({ agregation: "distinct", additif_territoires: "oui", lie_mois: "non", somme_mois: "non" });
    // A person may start two measures in one year: linked by the secret, but the year need not be the sum of its months.
    expect(row("f2_4_adsl", "i01_entrees")).toMatchObject({ agregation: "distinct", lie_mois: "oui", somme_mois: "non" });
    // A measure's sub-lease starts once: the year is the sum of its months.
    expect(row("f2_4_adsl", "i03")).toMatchObject({ agregation: "distinct", lie_mois: "oui", somme_mois: "oui" });
    // Households met over the year are not the sum of each month's, yet the secret links them as if they were
    // (marked non, an attacker assuming the sum recovered 5 masked months where it happened to hold).
    expect(row("f2_10_equipes_mobiles", "i01")).toMatchObject({ agregation: "distinct", lie_mois: "oui", somme_mois: "non" });
    expect(row("f2_9_observatoire_jeunes", "x03_part_jeunes")).toMatchObject({ agregation: "part", numerateur: "x03_jeunes", denominateur: "x03", additif_modalites: "non" });
    expect(row("f2_11_sensibilisation_pe", "i02_taux_reponse")).toMatchObject({ agregation: "taux", numerateur: "i02_evaluations", denominateur: "i01_presences" });
    expect(row("f2_2_numero_vert", "i11_mediane")).toMatchObject({ agregation: "mediane", denominateur: "i11", additif_territoires: "non" });
    // « Nothing happened » is a published 0 for a count, no row for a ratio (sql/macros/publier_indicateurs.sql).
    expect(row("f2_4_adsl", "i01")).toMatchObject({ cellule_absente: "zero" });
    expect(row("f2_2_numero_vert", "i11_mediane")).toMatchObject({ cellule_absente: "vide" });
  });

  it("refuse une valeur inconnue, un ratio additif et un numérateur d'une autre fiche, en nommant ligne et colonne", () => {
    const lines = TEXT.split("\n");
    const plant = (fiche: string, indicateur: string, edit: (cells: string) => string) => {
      const i = lines.findIndex((l) => l.startsWith(`${fiche},${indicateur},`));
      const copy = [...lines];
      copy[i] = copy[i]!.replace(/,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*$/, (tail) => edit(tail));
      return { text: copy.join("\n"), line: i + 1 };
    };
    const a = plant("f2_4_adsl", "i01", () => ",compte,,,oui,oui,non,non,zero");
    expect(catalogueErrors(a.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${a.line}, colonne agregation : « compte »`))]);
    const b = plant("f2_9_observatoire_jeunes", "x03_part_jeunes", () => ",part,x03_jeunes,x03,oui,non,non,non,vide");
    expect(catalogueErrors(b.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${b.line}, colonne additif_modalites : .*écrivez non`))]);
    const c = plant("f2_9_observatoire_jeunes", "x03_part_jeunes", () => ",part,i13,x03,non,non,non,non,vide");
    expect(catalogueErrors(c.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${c.line}, colonne numerateur : « i13 » n.est pas un indicateur de la fiche f2_9`))]);
    const d = plant("f2_4_adsl", "i01", () => ",distinct,i02,,oui,oui,peut-être,non,zero");
    expect(catalogueErrors(d.text)).toHaveLength(2);
    const e = plant("f2_4_adsl", "i01", () => ",distinct,,,oui,oui,non,non,0");
    expect(catalogueErrors(e.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${e.line}, colonne cellule_absente : « 0 »`))]);
    const f = plant("f2_9_observatoire_jeunes", "x03_part_jeunes", () => ",part,x03_jeunes,x03,non,non,non,non,zero");
    expect(catalogueErrors(f.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${f.line}, colonne cellule_absente : .*écrivez vide`))]);
    // A year that is the sum of its months but not linked to them: a masked month would be the year minus the others.
    const g = plant("f2_4_adsl", "i01_entrees", () => ",distinct,,,oui,oui,non,oui,zero");
    expect(catalogueErrors(g.text)).toEqual([expect.stringMatching(new RegExp(`ligne ${g.line}, colonne lie_mois : une année somme de ses mois`))]);
    const h = plant("f2_9_observatoire_jeunes", "x03_part_jeunes", () => ",part,x03_jeunes,x03,non,non,non,oui,vide");
    // (a ratio is no sum, and the sum would not be linked: two errors)
    expect(catalogueErrors(h.text)).toHaveLength(2);
    expect(catalogueErrors(h.text)).toContainEqual(expect.stringMatching(new RegExp(`ligne ${h.line}, colonne somme_mois : .*écrivez non`)));
  });
});
