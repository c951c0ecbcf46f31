// Rates per 10 000 inhabitants and shares of the département in the public output, read as a reader would: the
// population is public, so a rate published beside a masked value gives it back (rate × population ÷ 10 000), and a
// share gives back whichever of its two terms is masked. None may exist where its value is masked: in the rows the
// site reads (sql/macros/taux_publies.sql over mart_indicateurs_publics), in the maps' data files and on the territory
// sheets of dist/, as `npm test` builds them (npm run build, public profile).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DonneesCartes } from "../observatory/components/cartes.ts";
import { depuisColonnes } from "../observatory/components/donnees.ts";
import { MARQUE_SECRET } from "../observatory/components/marques.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { databaseOfBuild, DIST, requireDist } from "./e2e/build-info.ts";

interface LigneCarte {
  i: number;
  niveau: string;
  territoire: string;
  valeur: number | null;
  secret: number;
  taux: number | null;
}

describe("taux et parts dans la sortie publique", () => {
  let connection: DuckDBConnection;

  beforeAll(async () => {
    requireDist();
    connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  });

  afterAll(() => connection && closeDatabase(connection));

  it("les lignes que lit le site : ni taux ni part d'une valeur masquée, ni part d'un département masqué", async () => {
    const [r] = await query<Record<string, number>>(
      connection,
      `WITH t AS (SELECT * FROM taux_publies(mart_indicateurs_publics, mart_populations)),
            d AS (SELECT fiche, indicateur, periode, type_periode, ventilation, modalite, valeur AS valeur_departement FROM t WHERE niveau_territoire = 'departement')
       SELECT count(*) FILTER (WHERE t.secret) AS masquees,
              count(*) FILTER (WHERE t.taux_10000 IS NOT NULL) AS taux,
              count(*) FILTER (WHERE t.part_departement IS NOT NULL) AS parts,
              count(*) FILTER (WHERE (t.secret OR t.valeur IS NULL) AND (t.taux_10000 IS NOT NULL OR t.part_departement IS NOT NULL)) AS derives_de_masquees,
              count(*) FILTER (WHERE d.valeur_departement IS NULL AND t.part_departement IS NOT NULL) AS parts_de_departement_masque
       FROM t LEFT JOIN d USING (fiche, indicateur, periode, type_periode, ventilation, modalite)`,
    );
    // Something to find: the demo build masks cells and publishes rates and shares.
    expect(r!.masquees).toBeGreaterThan(0);
    expect(r!.taux).toBeGreaterThan(0);
    expect(r!.parts).toBeGreaterThan(0);
    expect(r!.derives_de_masquees).toBe(0);
    expect(r!.parts_de_departement_masque).toBe(0);
  });

  it("les cartes (data/cartes*.json) : une valeur masquée n'a pas de taux ; un taux publié est sa valeur sur la population imprimée", () => {
    const dossier = join(DIST, "_file", "data");
    const fichiers = readdirSync(dossier).filter((f) => /^cartes(-jeunes)?\.[0-9a-f]+\.json$/.test(f));
    expect(fichiers).toHaveLength(2);
    for (const f of fichiers) {
      const donnees = JSON.parse(readFileSync(join(dossier, f), "utf8")) as DonneesCartes;
      const lignes = depuisColonnes(donnees.lignes) as unknown as LigneCarte[];
      // Every row is a territory of the map, with the name and population printed beside its rate.
      expect(lignes.filter((l) => !donnees.territoires[l.niveau]?.[l.territoire]).map((l) => `${l.niveau} ${l.territoire}`), f).toEqual([]);
      const masquees = lignes.filter((l) => l.secret);
      expect(masquees.length, f).toBeGreaterThan(0);
      expect(masquees.filter((l) => l.valeur !== null || l.taux !== null), f).toEqual([]);
      const taux = lignes.filter((l) => l.taux !== null);
      expect(taux.length, f).toBeGreaterThan(0);
      for (const l of taux) {
        expect(donnees.indicateurs[l.i]!.parHabitant, `${f} ${donnees.indicateurs[l.i]!.indicateur}`).toBe(true);
        const population = donnees.territoires[l.niveau]![l.territoire]![1];
        expect((l.taux! * population) / 10_000, `${f} ${l.niveau} ${l.territoire}`).toBeCloseTo(l.valeur!, 6);
      }
    }
  });

  it("les synthèses territoriales : une valeur masquée a « s » pour taux et « – » pour part, un département masqué aussi", () => {
    const dossier = join(DIST, "territoires");
    const pages = readdirSync(dossier).filter((f) => f.endsWith(".html") && f !== "index.html");
    expect(pages).toHaveLength(12);
    let masquees = 0;
    let departementsMasques = 0;
    const texte = (td: string) => td.replace(/<[^>]+>/g, "").trim();
    for (const page of pages) {
      const html = readFileSync(join(dossier, page), "utf8");
      for (const [ligne] of html.matchAll(/<tr><th scope="row">.*?<\/tr>/g)) {
        const cellules = [...ligne.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[0]);
        expect(cellules, `${page} : ${ligne.slice(0, 120)}`).toHaveLength(6);
        const [valeur, , departement, part, taux, tauxDepartement] = cellules as [string, string, string, string, string, string];
        if (valeur.includes('data-secret="1"')) {
          masquees++;
          expect(texte(part), `${page} ${ligne.slice(0, 120)}`).toBe("–");
          expect(texte(taux), `${page} ${ligne.slice(0, 120)}`).toBe(MARQUE_SECRET);
        }
        if (texte(departement) === MARQUE_SECRET) {
          departementsMasques++;
          expect(texte(part), `${page} ${ligne.slice(0, 120)}`).toBe("–");
          expect(texte(tauxDepartement), `${page} ${ligne.slice(0, 120)}`).toBe(MARQUE_SECRET);
        }
      }
    }
    // The demo build masks key figures at these levels, a few of the département's too (72 and 6 on 3 December
    // 2026): else the test would check nothing.
    expect(masquees).toBeGreaterThan(0);
    expect(departementsMasques).toBeGreaterThan(0);
  });
});
