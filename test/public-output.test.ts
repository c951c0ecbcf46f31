// Everything the public profile publishes, scanned file by file (pipelines/publish/scan.ts): dist/ and build/extraits/
// as `npm test` builds them (npm run build, public profile). No personal column, pseudonym, identifier value, operator
// code or operator finance, no unmasked small cell, no internal page. Each check is also run on a temporary copy of
// real files with one forbidden thing planted, so that a scanner that finds nothing is shown able to find something.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARQUE_SECRET } from "../observatory/components/marques.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { lireInterdits, Scanner, type Interdits, type Trouvaille } from "../pipelines/publish/scan.ts";
import { verifierSitePublic } from "../pipelines/site/build.ts";
import { buildAside } from "../pipelines/swap.ts";
import { listFiles } from "../pipelines/site/postbuild.ts";
import { databaseOfBuild, DIST, requireDist } from "./e2e/build-info.ts";

const EXTRAITS = resolve("build/extraits");

describe("sortie publique : dist/ et build/extraits/", () => {
  let connection: DuckDBConnection;
  let interdits: Interdits;
  let scanner: Scanner;
  let trouvailles: Trouvaille[];
  let temporaire: string;

  beforeAll(async () => {
    requireDist();
    if (!existsSync(join(EXTRAITS, "indicateurs.parquet"))) throw new Error(`Extraits introuvables (${EXTRAITS}) : lancez d'abord npm run build.`);
    connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    interdits = await lireInterdits(connection);
    scanner = new Scanner(interdits);
    trouvailles = await scanner.scannerRacines([DIST, EXTRAITS], process.cwd(), connection);
    temporaire = mkdtempSync(join(tmpdir(), "sortie-publique-"));
  }, 180_000);

  afterAll(() => {
    connection && closeDatabase(connection);
    if (temporaire) rmSync(temporaire, { recursive: true, force: true });
  });

  it("sait quoi chercher : colonnes personnelles, identifiants, opérateurs, seuil", () => {
    expect(interdits.colonnesPersonnelles).toEqual(expect.arrayContaining(["nom_menage", "adresse_logement", "nom_participant", "coordonnees_participant"]));
    expect(interdits.identifiants.size).toBeGreaterThan(1000);
    expect(interdits.operateurs.size).toBeGreaterThan(10);
    expect(interdits.colonnesFinance).toEqual(["du_service_fait", "du_retenu", "trop_percu", "montant_conventionne", "du_securisation", "code_operateur"]);
    expect(interdits.seuil).toBe(11);
    expect(interdits.regles.get("personnes")).toBe("comptage_personnes");
  });

  it("a tout lu : pages, scripts, données JSON, CSV et Parquet", () => {
    const fichiers = [...listFiles(DIST), ...listFiles(EXTRAITS)];
    for (const ext of [".html", ".js", ".json", ".csv", ".parquet"]) expect(fichiers.filter((f) => f.endsWith(ext)).length, ext).toBeGreaterThan(0);
    expect(trouvailles.filter((t) => t.genre === "non_lu")).toEqual([]);
  });

  it("ne trouve rien d'interdit", () => {
    expect(trouvailles).toEqual([]);
  });

  it("aucune page ni donnée de l'édition interne dans dist/", () => {
    const internes = listFiles(DIST).filter((f) => /\/interne\//.test(f) || /\/_file\/data\/(interne|fichiers)\b/.test(f));
    expect(internes).toEqual([]);
  });

  it("les extraits publics sont mart_indicateurs_publics, sans ligne par opérateur", async () => {
    const fichier = join(EXTRAITS, "indicateurs.parquet");
    const [{ n, operateur, secret }] = (await query<{ n: number; operateur: number; secret: number }>(
      connection,
      `SELECT count(*) AS n, count(*) FILTER (WHERE ventilation = 'operateur') AS operateur, count(*) FILTER (WHERE marque = '${MARQUE_SECRET}') AS secret
       FROM read_parquet('${fichier}')`,
    )) as [{ n: number; operateur: number; secret: number }];
    const [publics] = await query<{ n: number }>(connection, "SELECT count(*) AS n FROM mart_indicateurs_publics");
    expect(n).toBe(publics!.n);
    expect(operateur).toBe(0);
    expect(secret).toBeGreaterThan(0);
    // The internal table does have operator-level rows: the public one leaves them out on purpose.
    const [interne] = await query<{ n: number }>(connection, "SELECT count(*) AS n FROM mart_indicateurs WHERE ventilation = 'operateur'");
    expect(interne!.n).toBeGreaterThan(0);
    const [masquees] = await query<{ n: number }>(connection, `SELECT count(*) AS n FROM read_parquet('${fichier}') WHERE marque = '${MARQUE_SECRET}' AND valeur IS NOT NULL`);
    expect(masquees!.n).toBe(0);
  });

  it("dans le script du vérificateur de fichier, passe le texte des contrats (colonnes, exemples), rien d'autre", async () => {
    // The worker bundles the contracts: « nom_menage » is a personal column's name, « ASSO-LENS-01 » a template example.
    const racine = join(temporaire, "verificateur");
    mkdirSync(join(racine, "_file", "verifier"), { recursive: true });
    const identifiant = [...interdits.identifiants].find((id) => !["MEN-00871", "AST-MEN-0012", "EM-MEN-0097"].includes(id))!;
    const contrats = 'const exemple="ASSO-LENS-01",colonne="nom_menage";';
    writeFileSync(join(racine, "_file", "verifier", "verificateur.abc.js"), `${contrats}const fuite="${identifiant}";`);
    writeFileSync(join(racine, "autre.js"), contrats);
    const vues = await scanner.scannerRacines([racine], racine, connection);
    expect(vues.map((t) => `${t.fichier} ${t.genre} ${t.detail}`).sort()).toEqual([
      `_file/verifier/verificateur.abc.js identifiant ${identifiant}`,
      "autre.js colonne_personnelle nom_menage",
      "autre.js operateur ASSO-LENS-01",
    ]);
  });

  it("la construction publique échoue sur une fuite plantée et garde le site précédent", async () => {
    // The very step the public build runs before its swap (pipelines/site/build.ts), on a folder holding a copy of a
    // real page with an identifier planted, beside the real extracts.
    const cible = join(temporaire, "dist");
    mkdirSync(cible, { recursive: true });
    writeFileSync(join(cible, "index.html"), "ancien");
    const identifiant = [...interdits.identifiants][0]!;
    const page = readFileSync(join(DIST, "index.html"), "utf8");
    const construction = buildAside(cible, async (dossier) => {
      mkdirSync(dossier);
      writeFileSync(join(dossier, "index.html"), page.replace("</main>", `<p>${identifiant}</p></main>`));
      await verifierSitePublic(dossier);
    });
    await expect(construction).rejects.toThrow(/la sortie publique contient 1 élément\(s\) interdit\(s\) ; le site précédent est conservé/);
    await expect(construction).rejects.toThrow(`dist.en-cours/index.html — identifiant d'une personne ou d'un ménage : ${identifiant}`);
    expect(readFileSync(join(cible, "index.html"), "utf8")).toBe("ancien");
    // The same page without the plant goes through and is swapped in.
    await buildAside(cible, async (dossier) => {
      mkdirSync(dossier);
      writeFileSync(join(dossier, "index.html"), page);
      await verifierSitePublic(dossier);
    });
    expect(readFileSync(join(cible, "index.html"), "utf8")).toBe(page);
  }, 120_000);

  describe("le scanner trouve ce qu'on plante dans une copie", () => {
    const genres = (t: Trouvaille[]) => [...new Set(t.map((x) => x.genre))].sort();

    it("une colonne personnelle, un pseudonyme, un identifiant, un code opérateur dans une page et un script", async () => {
      const page = listFiles(DIST).find((f) => f.endsWith("/index.html"))!;
      // Not the file checker's worker: it bundles the contracts, whose column names the scanner lets through there only.
      const script = listFiles(DIST).find((f) => f.endsWith(".js") && !f.includes("/_file/verifier/"))!;
      const html = join(temporaire, "page.html");
      const js = join(temporaire, "script.js");
      copyFileSync(page, html);
      copyFileSync(script, js);
      expect(await scanner.scannerFichier(html, "page.html", connection)).toEqual([]);
      const identifiant = [...interdits.identifiants][0]!;
      const operateur = [...interdits.operateurs][0]!;
      writeFileSync(html, readFileSync(html, "utf8").replace("</main>", `<p>nom_menage ${identifiant}</p></main>`));
      writeFileSync(js, `${readFileSync(js, "utf8")}\nconst x = "ps_0123456789abcdef01234567", y = "CONV-2025-${operateur}";\n`);
      expect(genres(await scanner.scannerFichier(html, "page.html", connection))).toEqual(["colonne_personnelle", "identifiant"]);
      expect(genres(await scanner.scannerFichier(js, "script.js", connection))).toEqual(["operateur", "pseudonyme"]);
    });

    it("une petite cellule démasquée dans les données d'une fiche (colonnes, unité du catalogue)", async () => {
      const source = listFiles(join(DIST, "_file/data/fiches")).find((f) => {
        const d = JSON.parse(readFileSync(f, "utf8")) as { annuel: { secret?: number[] } };
        return (d.annuel.secret ?? []).some((s) => s === 1);
      });
      expect(source, "une fiche publie au moins une cellule masquée").toBeDefined();
      const donnees = JSON.parse(readFileSync(source!, "utf8")) as { annuel: { valeur: (number | null)[]; secret: number[]; fiche: string[]; indicateur: string[] } };
      const copie = join(temporaire, basename(source!));
      writeFileSync(copie, JSON.stringify(donnees));
      expect(await scanner.scannerFichier(copie, "fiche.json", connection)).toEqual([]);
      const i = donnees.annuel.secret.findIndex((s, k) => s === 1 && interdits.regles.get(interdits.unites.get(`${donnees.annuel.fiche[k]}|${donnees.annuel.indicateur[k]}`) ?? "") === "comptage_personnes");
      expect(i).toBeGreaterThanOrEqual(0);
      donnees.annuel.valeur[i] = 3;
      donnees.annuel.secret[i] = 0;
      writeFileSync(copie, JSON.stringify(donnees));
      expect(genres(await scanner.scannerFichier(copie, "fiche.json", connection))).toEqual(["petite_cellule"]);
    });

    it("une petite cellule et une colonne de financement dans les extraits CSV, CSV Excel et Parquet", async () => {
      for (const nom of ["indicateurs.csv", "indicateurs-excel.csv"]) {
        const copie = join(temporaire, nom);
        const toutes = readFileSync(join(EXTRAITS, nom), "utf8").split("\r\n");
        const separateur = nom.includes("excel") ? ";" : ",";
        const entete = toutes[0]!.replace(/^\uFEFF/, "").split(separateur);
        // A masked row (valeur empty, marque « s ») of a count of people, kept with the first rows of the file (a
        // shorter copy: the whole file is scanned above).
        const masquee = toutes.findIndex((l, n) => n > 0 && l.split(separateur)[entete.indexOf("marque")] === MARQUE_SECRET && ["personnes", "ménages"].includes(l.split(separateur)[entete.indexOf("unite")]!));
        expect(masquee).toBeGreaterThan(0);
        const lignes = [...toutes.slice(0, 2000), toutes[masquee]!, ""];
        const k = 2000;
        writeFileSync(copie, lignes.join("\r\n"));
        expect(await scanner.scannerFichier(copie, nom, connection), nom).toEqual([]);
        const cellules = lignes[k]!.split(separateur);
        cellules[entete.indexOf("valeur")] = nom.includes("excel") ? "3,0" : "3.0";
        cellules[entete.indexOf("marque")] = "";
        lignes[k] = cellules.join(separateur);
        writeFileSync(copie, lignes.join("\r\n"));
        expect(genres(await scanner.scannerFichier(copie, nom, connection)), nom).toEqual(["petite_cellule"]);
        lignes[0] = `${lignes[0]}${separateur}du_retenu`;
        writeFileSync(copie, lignes.join("\r\n"));
        expect(genres(await scanner.scannerFichier(copie, nom, connection)), nom).toEqual(["finance_operateur", "petite_cellule"]);
      }
      // The same columns and types as the real extract, 5 000 of its rows (masked ones first).
      const parquet = join(temporaire, "indicateurs.parquet");
      const extrait = (remplacer: string) =>
        connection.run(
          `COPY (SELECT * EXCLUDE (rn) ${remplacer}
                 FROM (SELECT *, row_number() OVER (ORDER BY marque = '${MARQUE_SECRET}' DESC NULLS LAST, fiche, indicateur, periode, territoire, ventilation, modalite) AS rn
                       FROM read_parquet('${join(EXTRAITS, "indicateurs.parquet")}') WHERE unite = 'personnes') WHERE rn <= 5000)
           TO '${parquet}' (FORMAT parquet)`,
        );
      await extrait("");
      expect(await scanner.scannerFichier(parquet, "indicateurs.parquet", connection)).toEqual([]);
      const operateur = [...interdits.operateurs][0]!;
      await extrait(
        `REPLACE (CASE WHEN rn = 1 THEN 4 ELSE valeur END AS valeur, CASE WHEN rn = 1 THEN NULL ELSE marque END AS marque,
                  CASE WHEN rn = 2 THEN '${operateur}' ELSE modalite END AS modalite)`,
      );
      expect(genres(await scanner.scannerFichier(parquet, "indicateurs.parquet", connection))).toEqual(["operateur", "petite_cellule"]);
    });

    it("une colonne de financement par opérateur dans un fichier Arrow", async () => {
      const arrow = join(temporaire, "financement.arrow");
      writeFileSync(arrow, tableToIPC(tableFromArrays({ fiche: ["f2_4_adsl"], trop_percu: Float64Array.from([120.5]) }), "file"));
      expect(genres(await scanner.scannerFichier(arrow, "financement.arrow", connection))).toEqual(["finance_operateur"]);
    });

    it("un fichier binaire qu'il ne sait pas lire est signalé, pas ignoré", async () => {
      const binaire = join(temporaire, "inconnu.bin");
      mkdirSync(temporaire, { recursive: true });
      writeFileSync(binaire, Buffer.from([0, 1, 2, 3]));
      expect(genres(await scanner.scannerFichier(binaire, "inconnu.bin", connection))).toEqual(["non_lu"]);
    });
  });
});
