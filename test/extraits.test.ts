// The partners' downloads as the pipeline writes them (build/extraits/, npm run pipeline) and as the public site serves
// them (dist/, the downloads page written from the manifest fichiers.json): every file listed is there with the size
// and rows the page gives, label columns hold labels (never the code they name), a masked figure has an empty value
// and the mark « s », and the territory reference names every territory the figures use.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "../observatory/components/marques.ts";
import { taille } from "../observatory/components/format.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { APERCU, MANIFESTE, type Manifeste } from "../pipelines/extracts.ts";
import { databaseOfBuild, DIST, requireDist } from "./e2e/build-info.ts";

const EXTRAITS = resolve("build/extraits");
const LIBELLES = ["libelle_indicateur", "libelle_territoire", "libelle_ventilation", "libelle_modalite"] as const;
const CODES = { libelle_indicateur: "indicateur", libelle_territoire: "territoire", libelle_ventilation: "ventilation", libelle_modalite: "modalite" } as const;

const csv = (fichier: string, separateur = ",") =>
  parse(readFileSync(join(EXTRAITS, fichier)), { columns: true, delimiter: separateur, bom: true }) as Record<string, string>[];

describe("extraits pour les partenaires (build/extraits/)", () => {
  let connection: DuckDBConnection;
  let manifeste: Manifeste;
  const parquet = join(EXTRAITS, "indicateurs.parquet");

  beforeAll(async () => {
    if (!existsSync(join(EXTRAITS, MANIFESTE))) throw new Error(`Manifeste introuvable (${join(EXTRAITS, MANIFESTE)}) : lancez d'abord npm run pipeline.`);
    manifeste = JSON.parse(readFileSync(join(EXTRAITS, MANIFESTE), "utf8")) as Manifeste;
    connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  });

  afterAll(() => connection && closeDatabase(connection));

  it("liste tous les indicateurs, une fiche par fichier (13), le référentiel des territoires et le catalogue", async () => {
    const noms = manifeste.jeux.map((j) => j.nom);
    const fiches = await query<{ fiche: string }>(connection, "SELECT DISTINCT fiche FROM mart_indicateurs_publics ORDER BY fiche");
    expect(fiches.length).toBe(13);
    expect(noms.sort()).toEqual(["catalogue-indicateurs", "indicateurs", ...fiches.map((f) => `indicateurs-${f.fiche}`), "territoires"].sort());
    expect(manifeste.dateArrete).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [{ date }] = (await query<{ date: string }>(connection, "SELECT strftime(date_arrete, '%Y-%m-%d') AS date FROM main.execution")) as [{ date: string }];
    expect(manifeste.dateArrete).toBe(date);
  });

  it("chaque fichier listé existe avec la taille du manifeste ; les lignes sont celles du fichier", async () => {
    for (const jeu of manifeste.jeux) {
      for (const f of jeu.fichiers) expect(statSync(join(EXTRAITS, f.fichier)).size, f.fichier).toBe(f.octets);
      const standard = csv(`${jeu.nom}.csv`);
      expect(standard.length, jeu.nom).toBe(jeu.lignes);
      expect(Object.keys(standard[0]!), jeu.nom).toEqual(jeu.colonnes);
      if (jeu.fichiers.some((f) => f.format === "excel")) expect(csv(`${jeu.nom}-excel.csv`, ";").length, jeu.nom).toBe(jeu.lignes);
      // The preview is the file's own first rows and columns.
      expect(jeu.apercu.colonnes).toEqual(jeu.colonnes.slice(0, APERCU.colonnes));
      expect(jeu.apercu.lignes).toEqual(standard.slice(0, APERCU.lignes).map((l) => jeu.apercu.colonnes.map((c) => l[c])));
    }
    const [{ n }] = (await query<{ n: number }>(connection, `SELECT count(*)::INTEGER AS n FROM read_parquet('${parquet}')`)) as [{ n: number }];
    const tous = manifeste.jeux.find((j) => j.nom === "indicateurs")!;
    expect(n).toBe(tous.lignes);
    // Every published figure, once: the fiches' files add up to the whole file and to the published table.
    const [publics] = await query<{ n: number }>(connection, "SELECT count(*)::INTEGER AS n FROM mart_indicateurs_publics");
    expect(tous.lignes).toBe(publics!.n);
    expect(manifeste.jeux.filter((j) => j.nom.startsWith("indicateurs-")).reduce((s, j) => s + j.lignes, 0)).toBe(tous.lignes);
  });

  it("colonnes de libellés remplies, jamais par le code qu'elles nomment (Parquet, et CSV d'une fiche)", async () => {
    for (const libelle of LIBELLES) {
      const code = CODES[libelle];
      const [r] = await query<{ vides: number; codes: number; exemple: string | null }>(
        connection,
        `SELECT count(*) FILTER (WHERE coalesce(${libelle}, '') = '')::INTEGER AS vides,
                count(*) FILTER (WHERE ${libelle} = ${code} AND ${code} <> 'ensemble')::INTEGER AS codes,
                any_value(${code}) FILTER (WHERE ${libelle} = ${code} AND ${code} <> 'ensemble') AS exemple
         FROM read_parquet('${parquet}')`,
      );
      expect(r, libelle).toEqual({ vides: 0, codes: 0, exemple: null });
    }
    const lignes = csv("indicateurs-f2_12_prevention_pe.csv");
    for (const libelle of LIBELLES) expect(lignes.filter((l) => !l[libelle] || l[libelle] === l[CODES[libelle]]), libelle).toEqual([]);
    // A composite modality is labelled part by part (« prive|autre » → « Parc privé, Autre »).
    const composite = lignes.find((l) => l.modalite!.includes("|"));
    if (composite) expect(composite.libelle_modalite).not.toContain("|");
  });

  it("périodes de convention : leurs lignes, codées AAAA-MM/AAAA-MM, avec leur libellé français", async () => {
    const [r] = await query<{ n: number; codes: number; libelles: number; exemple: string }>(
      connection,
      `SELECT count(*)::INTEGER AS n,
              count(*) FILTER (WHERE periode SIMILAR TO '[0-9]{4}-[0-9]{2}/[0-9]{4}-[0-9]{2}')::INTEGER AS codes,
              count(*) FILTER (WHERE libelle_periode LIKE 'convention de % à %')::INTEGER AS libelles,
              any_value(libelle_periode) FILTER (WHERE periode = '2025-11/2026-10') AS exemple
       FROM read_parquet('${parquet}') WHERE type_periode = 'convention'`,
    );
    const [publics] = await query<{ n: number }>(connection, "SELECT count(*)::INTEGER AS n FROM mart_indicateurs_publics WHERE type_periode = 'convention'");
    expect(publics!.n).toBeGreaterThan(0);
    expect(r).toEqual({ n: publics!.n, codes: publics!.n, libelles: publics!.n, exemple: "convention de nov. 2025 à oct. 2026" });
    const [vides] = await query<{ n: number }>(connection, `SELECT count(*)::INTEGER AS n FROM read_parquet('${parquet}') WHERE coalesce(libelle_periode, '') = ''`);
    expect(vides!.n).toBe(0);
  });

  it(`valeur masquée : valeur vide et marque « ${MARQUE_SECRET} » ; marque vide quand la valeur est publiée`, async () => {
    const [r] = await query<{ secret: number; secretAvecValeur: number; videSansMarque: number; publieeMarquee: number; autres: number }>(
      connection,
      `SELECT count(*) FILTER (WHERE marque = '${MARQUE_SECRET}')::INTEGER AS secret,
              count(*) FILTER (WHERE marque = '${MARQUE_SECRET}' AND valeur IS NOT NULL)::INTEGER AS secretAvecValeur,
              count(*) FILTER (WHERE valeur IS NULL AND marque IS NULL)::INTEGER AS videSansMarque,
              count(*) FILTER (WHERE valeur IS NOT NULL AND marque IS NOT NULL)::INTEGER AS publieeMarquee,
              count(*) FILTER (WHERE marque NOT IN ('${MARQUE_SECRET}', '${MARQUE_NON_DISPONIBLE}'))::INTEGER AS autres
       FROM read_parquet('${parquet}')`,
    );
    const [masquees] = await query<{ n: number }>(connection, "SELECT count(*)::INTEGER AS n FROM mart_indicateurs_publics WHERE secret");
    expect(masquees!.n).toBeGreaterThan(0);
    expect(r).toEqual({ secret: masquees!.n, secretAvecValeur: 0, videSansMarque: 0, publieeMarquee: 0, autres: 0 });
    // The same in the CSV files: an empty cell and « s », in both separators; no « secret » column any more.
    for (const [fichier, sep] of [["indicateurs-f2_4_adsl.csv", ","], ["indicateurs-f2_4_adsl-excel.csv", ";"]] as const) {
      const lignes = csv(fichier, sep);
      expect(Object.keys(lignes[0]!)).not.toContain("secret");
      const marquees = lignes.filter((l) => l.marque === MARQUE_SECRET);
      expect(marquees.length, fichier).toBeGreaterThan(0);
      expect(marquees.filter((l) => l.valeur !== ""), fichier).toEqual([]);
      expect(lignes.filter((l) => l.valeur === "" && l.marque === ""), fichier).toEqual([]);
    }
  });

  it("le dictionnaire du catalogue décrit chaque colonne, dont ce qui s'additionne sur les mois (lie_mois, somme_mois)", () => {
    const schema = JSON.parse(readFileSync(join(EXTRAITS, "dictionnaire", "catalogue-indicateurs.schema.json"), "utf8")) as { fields: { name: string; description?: string }[] };
    expect(schema.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["agregation", "lie_mois", "somme_mois", "cellule_absente"]));
    expect(schema.fields.filter((f) => !f.description).map((f) => f.name)).toEqual([]);
    expect(schema.fields.find((f) => f.name === "somme_mois")!.description).toMatch(/somme de ses mois/);
  });

  it("le référentiel des territoires nomme chaque territoire du fichier de tous les indicateurs, avec ses niveaux parents", async () => {
    const territoires = csv("territoires.csv");
    const connus = new Set(territoires.map((t) => `${t.niveau}|${t.code}`));
    const codes = new Set(territoires.map((t) => t.code));
    const utilises = await query<{ niveau: string; code: string }>(connection, `SELECT DISTINCT niveau_territoire AS niveau, territoire AS code FROM read_parquet('${parquet}')`);
    expect(utilises.length).toBeGreaterThan(300);
    // « non_attribue » (figures no model can place) is published at a real level but is a level of its own here.
    expect(utilises.filter((u) => !connus.has(`${u.niveau}|${u.code}`) && !(u.code === "non_attribue" && codes.has(u.code)))).toEqual([]);
    const ablain = territoires.find((t) => t.niveau === "commune" && t.code === "62001")!;
    expect(ablain).toMatchObject({ libelle: "Ablain-Saint-Nazaire", code_epci: "246200364", code_territoire_mds: "lens_lievin", code_departement: "62", libelle_departement: "Pas-de-Calais" });
    expect(territoires.filter((t) => t.niveau === "commune" && (!t.code_epci || !t.libelle_epci || !t.code_territoire_mds))).toEqual([]);
  });
});

describe("page Téléchargements du site public (dist/)", () => {
  it("donne pour chaque fichier la taille et les lignes des fichiers servis, sans chemin du pipeline", () => {
    requireDist();
    const manifeste = JSON.parse(readFileSync(join(EXTRAITS, MANIFESTE), "utf8")) as Manifeste;
    const page = readFileSync(join(DIST, "telechargements.html"), "utf8");
    expect(page).not.toMatch(/build\//);
    const servis = readdirSync(join(DIST, "_file/data/telechargements"));
    for (const jeu of manifeste.jeux) {
      expect(page, jeu.nom).toContain(`data-lignes="${jeu.lignes}"`);
      for (const f of jeu.fichiers) {
        const nom = f.fichier.replace(/^dictionnaire\//, "");
        const lien = new RegExp(`href="\\./_file/data/telechargements/([^"]+)" download="${nom.replace(/\./g, "\\.")}" data-extrait="${f.format}" data-octets="(\\d+)">[^<]*<span class="obs-taille">\\(([^)]+)\\)`).exec(page);
        expect(lien, nom).not.toBeNull();
        const [, servi, octets, affiche] = lien!;
        expect(servis).toContain(servi);
        // The file served is the pipeline's, byte for byte: the size shown is its size.
        expect(statSync(join(DIST, "_file/data/telechargements", servi!)).size, nom).toBe(f.octets);
        expect(Number(octets)).toBe(f.octets);
        expect(affiche).toBe(taille(f.octets));
      }
    }
  });
});

describe("taille", () => {
  it("octets, ko, Mo en français (1 Mo = 1 000 000 octets)", () => {
    expect(taille(512)).toBe("512 octets");
    expect(taille(140_796)).toBe("140,8 ko"); // 140 796 / 1 000 = 140,796
    expect(taille(26_358_916)).toBe("26,4 Mo"); // 26 358 916 / 1 000 000 = 26,36
    expect(taille(1_200_000)).toBe("1,2 Mo");
  });
});
