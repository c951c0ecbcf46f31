// The one formatter of published values (observatory/components/format.ts, valeurPubliee) and the marks module.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../pipelines/reference/csv.ts";
import { moisCumules, valeurPubliee } from "../observatory/components/format.ts";
import { EXPLICATIONS_MARQUES, legendeMarques, MARQUE_NON_DISPONIBLE, MARQUE_SECRET, marqueDe } from "../observatory/components/marques.ts";

describe("valeurPubliee : chiffre, « s » ou « nd »", () => {
  it("un zéro publié est 0, pas une marque", () => {
    expect(valeurPubliee({ valeur: 0, secret: false })).toEqual({ texte: "0", marque: null, explication: null });
    expect(valeurPubliee(0).texte).toBe("0");
  });
  it("un chiffre en français : espace fine insécable des milliers, virgule décimale", () => {
    expect(valeurPubliee({ valeur: 1234.5 }).texte).toBe("1\u202f234,5");
    // An amount keeps its cents, a count its one decimal: 264 634,10 € is not « 264 634,1 », 12,35 € not « 12,4 ».
    expect(valeurPubliee({ valeur: 264634.1 }, "euros").texte).toBe("264\u202f634,10");
    expect(valeurPubliee({ valeur: 12.35 }, "euros").texte).toBe("12,35");
    expect(valeurPubliee({ valeur: 5000 }, "euros").texte).toBe("5\u202f000");
    expect(valeurPubliee({ valeur: 12.35 }, "personnes").texte).toBe("12,4");
    expect(valeurPubliee({ valeur: null, secret: true }, "euros").texte).toBe("s");
  });
  it("une case masquée est « s » avec son explication, même si une valeur traîne", () => {
    expect(valeurPubliee({ valeur: null, secret: true })).toEqual({ texte: "s", marque: "s", explication: EXPLICATIONS_MARQUES.s });
    expect(valeurPubliee({ valeur: 7, secret: 1 }).texte).toBe("s");
    // A table row already carrying the mark.
    expect(valeurPubliee("s").marque).toBe(MARQUE_SECRET);
  });
  it("pas de ligne ou pas de valeur : « nd »", () => {
    expect(valeurPubliee(undefined)).toEqual({ texte: "nd", marque: "nd", explication: EXPLICATIONS_MARQUES.nd });
    expect(valeurPubliee(null).texte).toBe("nd");
    expect(valeurPubliee({ valeur: null, secret: false }).texte).toBe("nd");
    expect(marqueDe({ valeur: Number.NaN })).toBe(MARQUE_NON_DISPONIBLE);
  });
  it("l'explication de « s » et la méthodologie disent le seuil du fichier de référence", () => {
    const seuil = Number(readCsv("sources/reference/secret_statistique.csv").find((r) => r.parametre === "seuil")?.valeur);
    expect(seuil).toBe(11);
    expect(EXPLICATIONS_MARQUES.s).toContain(`effectif de 1 à ${seuil - 1} personnes`);
    const methodologie = readFileSync("observatory/methodologie.md", "utf8");
    expect(methodologie).toContain(`compris entre **1 et ${seuil - 1}**`);
    expect(methodologie).toContain(`le seuil est **${seuil}**`);
    expect(EXPLICATIONS_MARQUES.nd).toMatch(/^non disponible/);
  });
  it("la légende des marques, sous les chiffres, dit chaque marque et son sens", () => {
    expect(legendeMarques([MARQUE_SECRET, MARQUE_NON_DISPONIBLE])).toBe(
      "« s » : secret statistique (effectif de 1 à 10 personnes ou ménages, ou qui permettrait de le retrouver par différence) ; " +
        "« nd » : non disponible (aucun chiffre publié pour cette case, faute de donnée reçue ou d'indicateur calculé)",
    );
    expect(legendeMarques([MARQUE_SECRET, MARQUE_NON_DISPONIBLE], true)).toBe("« s » : secret statistique ; « nd » : non disponible");
  });
});

describe("moisCumules", () => {
  it("période d'un cumul en mots", () => {
    expect(moisCumules("2025-01..2025-10")).toBe("janvier–octobre 2025");
    expect(moisCumules("2026-01..2026-01")).toBe("janvier 2026");
  });
});
