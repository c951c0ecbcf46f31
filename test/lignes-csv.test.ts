// The public scan's CSV reader (pipelines/publish/lignes-csv.ts) replaced csv-parse for speed: on the same texts it
// must give the records csv-parse gives (relax_column_count, skip_empty_lines), and refuse what csv-parse refuses.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { lignesCsv } from "../pipelines/publish/lignes-csv.ts";
import { Scanner, type Interdits } from "../pipelines/publish/scan.ts";
import type { DuckDBConnection } from "@duckdb/node-api";

const reference = (texte: string, delimiter: string) => parse(texte, { delimiter, skip_empty_lines: true, relax_column_count: true }) as string[][];

const CAS: [string, string, string][] = [
  ["simple, LF", "a,b,c\n1,2,3\n", ","],
  ["CRLF, sans fin de ligne finale", "a,b\r\n1,2\r\n3,4", ","],
  ["guillemets, virgule et guillemet doublé dedans", 'a,b\n"x, y","il dit ""oui"""\n', ","],
  ["saut de ligne entre guillemets", 'a,b\n"ligne 1\nligne 2",5\n', ","],
  ["lignes vides sautées", "a,b\n\n1,2\n\n\n3,4\n", ","],
  ["lignes courtes et longues", "a,b,c\n1\n1,2,3,4\n", ","],
  ["champs vides", "a,b,c\n,,\n1,,3\n", ","],
  ["point-virgule et virgule décimale", 'a;b\n"12,5";3\n', ";"],
  ["champ vide entre guillemets", 'a,b\n"",1\n', ","],
];

describe("lecture CSV du contrôle public", () => {
  for (const [nom, texte, delimiteur] of CAS) {
    it(`mêmes enregistrements que csv-parse : ${nom}`, () => {
      expect([...lignesCsv(texte, delimiteur)]).toEqual(reference(texte, delimiteur));
    });
  }

  it("refuse un guillemet jamais refermé et du texte après un guillemet fermant, comme csv-parse", () => {
    for (const texte of ['a,b\n"ouvert,1\n', 'a,b\n"x"y,1\n']) {
      expect(() => reference(texte, ",")).toThrow();
      expect(() => [...lignesCsv(texte, ",")]).toThrow(/CSV illisible/);
    }
  });

  it("les extraits du pipeline, s'ils sont construits, se lisent à l'identique", () => {
    const dossier = "build/extraits";
    if (!existsSync(dossier)) return;
    const fichiers = readdirSync(dossier).filter((f) => f.endsWith(".csv") && (!f.startsWith("indicateurs") || f.includes("f2_8_gep")));
    expect(fichiers.length).toBeGreaterThan(0);
    for (const f of fichiers) {
      const texte = readFileSync(join(dossier, f), "utf8").replace(/^\uFEFF/, "");
      const delimiteur = f.endsWith("-excel.csv") ? ";" : ",";
      expect([...lignesCsv(texte, delimiteur)], f).toEqual(reference(texte, delimiteur));
    }
  });

  it("une petite cellule d'un CSV est trouvée, son exemple est l'enregistrement entier", async () => {
    const interdits: Interdits = {
      colonnesPersonnelles: [],
      identifiants: new Set(),
      operateurs: new Set(),
      colonnesFinance: ["du_retenu"],
      regles: new Map([["personnes", "comptage_personnes"], ["%", "taux_ou_moyenne"]]),
      seuil: 11,
      unites: new Map([["f2_1|i09", "personnes"]]),
    };
    // Row 2: 4 people → found; row 3: 4 % → a rate, not a count; row 4: 3 people but marked secret; row 5: the unit
    // comes from the catalogue (f2_1|i09, people) and « 2,5 » reads as 2.5 → found. Two findings in all.
    const texte = 'fiche;indicateur;valeur;secret;unite;du_retenu\nf2_1;i01;4;;personnes;\nf2_1;i02;4;;%;\nf2_1;i03;3;true;personnes;\nf2_1;i09;"2,5";;;\n';
    const trouvailles = new Scanner(interdits).scannerDonneesCsv("t.csv", texte);
    expect(trouvailles.map((t) => t.genre).sort()).toEqual(["finance_operateur", "petite_cellule"]);
    const petite = trouvailles.find((t) => t.genre === "petite_cellule")!;
    expect(petite.detail).toMatch(/^2 valeur\(s\) entre 0 et 11/);
    expect(petite.detail).toContain('{"fiche":"f2_1","indicateur":"i01","valeur":"4","secret":"","unite":"personnes","du_retenu":""}');
  });
});
