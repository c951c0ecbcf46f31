// The 13 thematic sheets and the downloads page in headless Chromium: every key figure a sheet shows equals its row of
// the published indicator table (the database the site was built from); a fiche without rows says its indicators are
// being computed; each table's CSV downloads; the downloads page serves the three formats, the schema and the licence.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { fichesReference, tablePubliee } from "../../pipelines/site/fiches.ts";
import { databaseOfBuild, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

interface Attendu {
  lignes: number;
  annee: string | null;
  /** Département totals of the latest year, by indicator. */
  totaux: Map<string, { valeur: number | null; secret: boolean; unite: string }>;
  /** Indicators with rows at a level the map draws. */
  territoriaux: number;
}

const fiches = fichesReference();
const lireNombre = (texte: string | null) => Number((texte ?? "").replace(/[\s\u202f\u00a0]/g, "").replace(",", "."));

async function attendus(): Promise<Map<string, Attendu>> {
  const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  try {
    const { table, secret } = await tablePubliee(connection);
    const resultat = new Map<string, Attendu>();
    for (const f of fiches) {
      const [compte] = await query<{ lignes: number; annee: string | null; territoriaux: number }>(
        connection,
        `SELECT count(*) AS lignes, max(periode) FILTER (WHERE type_periode = 'annee') AS annee,
                count(*) FILTER (WHERE niveau_territoire IN ('territoire_lda', 'territoire_mds', 'epci')) AS territoriaux
         FROM ${table} WHERE fiche = ?`,
        [f.fiche],
      );
      const totaux = new Map<string, { valeur: number | null; secret: boolean; unite: string }>();
      if (compte?.annee) {
        const rows = await query<{ indicateur: string; valeur: number | null; secret: boolean; unite: string }>(
          connection,
          `SELECT indicateur, valeur, ${secret} AS secret, (SELECT unite FROM ref.indicateurs i WHERE i.fiche = t.fiche AND i.indicateur = t.indicateur) AS unite FROM ${table} t
           WHERE fiche = ? AND type_periode = 'annee' AND periode = ? AND niveau_territoire = 'departement' AND ventilation = 'ensemble' AND modalite = 'ensemble'`,
          [f.fiche, compte.annee],
        );
        for (const r of rows) {
          expect(totaux.has(r.indicateur), `une seule ligne département pour ${f.fiche} ${r.indicateur}`).toBe(false);
          totaux.set(r.indicateur, { valeur: r.valeur, secret: Boolean(r.secret), unite: r.unite });
        }
      }
      resultat.set(f.fiche, { lignes: compte?.lignes ?? 0, annee: compte?.annee ?? null, totaux, territoriaux: compte?.territoriaux ?? 0 });
    }
    return resultat;
  } finally {
    closeDatabase(connection);
  }
}

describe("fiches thématiques et téléchargements, dans Chromium", () => {
  let navigateur: Navigateur;
  let donnees: Map<string, Attendu>;

  beforeAll(async () => {
    requireDist();
    donnees = await attendus();
    navigateur = await lancer();
  });

  afterAll(async () => {
    await navigateur?.close();
  });

  it.each(fiches.map((f) => [f.numero, f.fiche]))("fiche %s (%s) : présentation, chiffres clés égaux à la table publiée", async (_numero, code) => {
    const f = fiches.find((x) => x.fiche === code)!;
    const attendu = donnees.get(code)!;
    const ouverte = await navigateur.ouvrir(`/fiches/${code}`);
    const { page } = ouverte;
    expect(await page.locator("h1").textContent()).toContain(`Fiche ${f.numero}`);
    expect((await page.locator("#resume-fiche").textContent())?.length).toBeGreaterThan(100);

    if (attendu.lignes === 0) {
      const attente = page.locator("#fiche-en-attente");
      expect(await attente.isVisible()).toBe(true);
      expect(await attente.textContent()).toContain("Indicateurs en cours de calcul");
      expect(await page.locator(".obs-chiffre").count()).toBe(0);
    } else {
      const cartes = page.locator(".obs-chiffre");
      await cartes.first().waitFor();
      expect(await cartes.count()).toBeGreaterThan(0);
      for (const carte of await cartes.all()) {
        const indicateur = (await carte.getAttribute("data-indicateur"))!;
        expect(await carte.getAttribute("data-fiche")).toBe(code);
        expect(await carte.getAttribute("data-periode")).toBe(attendu.annee);
        const ligne = attendu.totaux.get(indicateur);
        expect(ligne, `${code} ${indicateur} : ligne département ${attendu.annee}`).toBeDefined();
        const affiche = await carte.locator(".obs-chiffre-valeur").textContent();
        if (ligne!.secret) {
          expect(affiche).toBe("s");
        } else {
          expect(Number(await carte.getAttribute("data-valeur")), `${code} ${indicateur}`).toBe(ligne!.valeur);
          // Shown to one decimal, an amount in euros to the cent (components/format.ts): 264 634,10 € is not 264 634,1.
          const decimales = ligne!.unite === "euros" ? 100 : 10;
          expect(lireNombre(affiche), `${code} ${indicateur}`).toBe(Math.round(ligne!.valeur! * decimales) / decimales);
        }
      }
      if (f.chiffresCles.length) {
        const affiches = await cartes.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-indicateur")));
        expect(affiches).toEqual(f.chiffresCles.filter((id) => attendu.totaux.has(id)));
      }
      // A chart and its table for the indicators, a map where the data is territorial.
      expect(await page.locator("section.obs-indicateur").count()).toBeGreaterThan(0);
      expect(await page.locator("svg.obs-graphique").count()).toBeGreaterThan(0);
      expect(await page.locator("section.obs-indicateur table").count()).toBeGreaterThanOrEqual(await page.locator("svg.obs-graphique").count());
      expect(await page.locator("svg.obs-carte").count()).toBe(attendu.territoriaux > 0 ? 1 : 0);

      // The first table's standard CSV: RFC 4180, no BOM, one line per row of the table.
      const bloc = page.locator("section.obs-indicateur details.obs-bloc-tableau").first();
      await bloc.locator("summary").click();
      const lignesTableau = await bloc.locator("tbody tr").count();
      const [telechargement] = await Promise.all([page.waitForEvent("download"), bloc.locator('button[data-csv="standard"]').click()]);
      const csv = readFileSync((await telechargement.path())!);
      expect(csv[0]).not.toBe(0xef);
      const lignesCsv = csv.toString("utf8").split("\r\n").filter(Boolean);
      expect(lignesCsv[0]).toBe("Indicateur,Libellé,Période,Niveau territorial,Territoire,Ventilation,Modalité,Valeur,Unité");
      expect(lignesCsv).toHaveLength(1 + lignesTableau);
      expect(telechargement.suggestedFilename()).toMatch(new RegExp(`^${code}-.+\\.csv$`));

      // Another year re-renders the sheet without error (checked by fermer).
      const annees = await page.locator('select[name="annee"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      for (const annee of annees) await page.selectOption('select[name="annee"]', annee);
      await page.waitForTimeout(200);
    }
    await navigateur.fermer(ouverte);
  });

  it("fiche 2.3 : une période de convention se choisit, libellé français, chiffres clés égaux à ses lignes publiées", async () => {
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    let periode: string | undefined;
    const totaux = new Map<string, { valeur: number | null; secret: boolean }>();
    try {
      const { table, secret } = await tablePubliee(connection);
      [{ periode } = { periode: undefined }] = await query<{ periode: string }>(
        connection,
        `SELECT min(periode) AS periode FROM ${table} WHERE fiche = 'f2_3_astre' AND type_periode = 'convention'`,
      );
      for (const r of await query<{ indicateur: string; valeur: number | null; secret: boolean }>(
        connection,
        `SELECT indicateur, valeur, ${secret} AS secret FROM ${table}
         WHERE fiche = 'f2_3_astre' AND periode = ? AND niveau_territoire = 'departement' AND ventilation = 'ensemble' AND modalite = 'ensemble'`,
        [periode!],
      )) totaux.set(r.indicateur, { valeur: r.valeur, secret: Boolean(r.secret) });
    } finally {
      closeDatabase(connection);
    }
    expect(periode, "la base de démonstration publie les périodes de convention de 2.3").toMatch(/^\d{4}-\d{2}\/\d{4}-\d{2}$/);
    const ouverte = await navigateur.ouvrir("/fiches/f2_3_astre");
    const { page } = ouverte;
    const option = page.locator(`select[name="annee"] option[value="${periode}"]`);
    await option.waitFor({ state: "attached" });
    // « 2025-11/2026-10 » → « convention de nov. 2025 à oct. 2026 ».
    expect(await option.textContent()).toMatch(/^convention de [a-zéû.]+ \d{4} à [a-zéû.]+ \d{4}( \(en cours\))?$/);
    await page.selectOption('select[name="annee"]', periode!);
    const cartes = page.locator(`.obs-chiffre[data-periode="${periode}"]`);
    await cartes.first().waitFor();
    for (const carte of await cartes.all()) {
      const ligne = totaux.get((await carte.getAttribute("data-indicateur"))!);
      expect(ligne).toBeDefined();
      if (ligne!.secret) expect(await carte.locator(".obs-chiffre-valeur").textContent()).toBe("s");
      else expect(Number(await carte.getAttribute("data-valeur"))).toBe(ligne!.valeur);
    }
    expect(await page.locator("section.obs-indicateur").first().textContent()).toContain("convention de");
    await navigateur.fermer(ouverte);
  });

  it("téléchargements : CSV standard, CSV pour Excel, Parquet, Table Schema et licence", async () => {
    const ouverte = await navigateur.ouvrir("/telechargements");
    const { page } = ouverte;
    const telecharger = async (selecteur: string) => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.locator(selecteur).click()]);
      return { nom: d.suggestedFilename(), octets: readFileSync((await d.path())!) };
    };
    const standard = await telecharger('a[download="indicateurs.csv"]');
    expect(standard.nom).toBe("indicateurs.csv");
    expect(standard.octets[0]).not.toBe(0xef);
    const texte = standard.octets.toString("utf8");
    expect(texte.startsWith("fiche,indicateur,libelle_indicateur,periode,type_periode,libelle_periode,niveau_territoire,territoire,libelle_territoire,ventilation,libelle_ventilation,modalite,libelle_modalite,valeur,marque,unite")).toBe(true);
    expect(texte).toContain("\r\n");
    const total = [...donnees.values()].reduce((n, a) => n + a.lignes, 0);
    expect(texte.split("\r\n").filter(Boolean).length - 1).toBeGreaterThanOrEqual(total);

    const excel = await telecharger('a[download="indicateurs-excel.csv"]');
    expect([...excel.octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The same columns as the standard CSV, separated by semicolons.
    expect(excel.octets.subarray(3).toString("utf8").split("\r\n")[0]).toBe(texte.split("\r\n")[0]!.replaceAll(",", ";"));

    const parquet = await telecharger('a[download="indicateurs.parquet"]');
    expect(parquet.octets.subarray(0, 4).toString()).toBe("PAR1");
    const schema = JSON.parse((await telecharger('a[download="indicateurs.schema.json"]')).octets.toString("utf8")) as { fields: { name: string }[] };
    expect(schema.fields.map((c) => c.name)).toContain("valeur");
    expect((await telecharger('a[download="catalogue-indicateurs-excel.csv"]')).octets.subarray(3).toString("utf8")).toMatch(/^fiche;indicateur;libelle;definition;unite/);
    expect((await telecharger('a[download="LICENCE.txt"]')).octets.toString("utf8")).toContain("Licence Ouverte / Open Licence version 2.0");
    expect(await page.locator('a[href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"]').count()).toBe(1);
    await navigateur.fermer(ouverte);
  });
});
