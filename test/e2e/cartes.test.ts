// The maps page (/cartes) in headless Chromium, public and internal editions, at 1366 and 375 px: the year picker
// shows that year's rows of the mart (a value of a year before the latest equals its row), the hatched « sans donnée »
// differs from the lightest class, tooltips and table name the territories (no code), and the indicator picker
// filters its options by the typed text. No console error, no request off 127.0.0.1 (navigateur.fermer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { SITE_DIRS } from "../../pipelines/site/build.ts";
import { readCsv } from "../../pipelines/reference/csv.ts";
import { fichesReference } from "../../pipelines/site/fiches.ts";
import { databaseOfBuild, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

// What each edition publishes: the public one the masked table, the internal one every figure (pipelines/site/fiches.ts tablePubliee).
const EDITIONS = [
  { edition: "public", dist: SITE_DIRS.public, table: "mart_indicateurs_publics", secret: "coalesce(secret, false)" },
  { edition: "interne", dist: SITE_DIRS.interne, table: "mart_indicateurs", secret: "false" },
] as const;

const NOMS: Record<string, Map<string, string>> = {
  epci: new Map(readCsv("sources/reference/epci.csv").map((t) => [t.code_epci!, t.nom_epci!])),
  territoire_mds: new Map(readCsv("sources/reference/territoires_mds.csv").map((t) => [t.code!, t.libelle!])),
  territoire_lda: new Map(readCsv("sources/reference/territoires_lda.csv").map((t) => [t.code!, t.libelle!])),
};

/** WCAG relative luminance of « rgb(r, g, b) », and the contrast ratio of two colours. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contraste = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
};
const sansAccent = (t: string) => t.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

interface Cas {
  fiche: string;
  indicateur: string;
  libelle: string;
  niveau: string;
  annee: string;
}

describe.each(EDITIONS)("cartes, édition $edition, dans Chromium", ({ dist, table, secret }) => {
  let navigateur: Navigateur;
  let lire: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  let fermerBase: () => void;
  let cas: Cas;

  beforeAll(async () => {
    requireDist(dist);
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    lire = (sql, params = []) => query(connection, sql, params);
    fermerBase = () => closeDatabase(connection);
    // An indicator mapped by EPCI or MDS territory with a published value in a year before its latest, where some
    // territory's value differs from the latest year's: showing the latest year instead would fail the comparison.
    const [trouve] = (await lire(
      `WITH t AS (SELECT fiche, indicateur, periode, niveau_territoire AS niveau, territoire, valeur FROM ${table}
                  WHERE type_periode = 'annee' AND ventilation = 'ensemble' AND modalite = 'ensemble' AND NOT ${secret}
                    AND valeur IS NOT NULL AND niveau_territoire IN ('epci', 'territoire_mds')),
            derniere AS (SELECT fiche, indicateur, max(periode) AS d FROM ${table} WHERE type_periode = 'annee'
                           AND niveau_territoire IN ('territoire_mds', 'territoire_lda', 'epci', 'commune') GROUP BY ALL)
       SELECT a.fiche, a.indicateur, c.libelle_court AS libelle, a.niveau, a.periode AS annee
       FROM t a JOIN derniere USING (fiche, indicateur) JOIN ref.indicateurs c USING (fiche, indicateur)
       LEFT JOIN t b ON b.fiche = a.fiche AND b.indicateur = a.indicateur AND b.niveau = a.niveau AND b.territoire = a.territoire AND b.periode = derniere.d
       WHERE a.periode < derniere.d AND a.valeur > 0 AND b.valeur IS DISTINCT FROM a.valeur
       ORDER BY a.niveau = 'epci' DESC, a.fiche, a.indicateur, a.periode LIMIT 1`,
    )) as unknown as Cas[];
    if (!trouve) throw new Error(`${table} : aucun indicateur cartographié avec une valeur d'une année antérieure à sa dernière — la base de démonstration en a`);
    cas = trouve;
    navigateur = await lancer(dist);
  });

  afterAll(async () => {
    await navigateur?.close();
    fermerBase?.();
  });

  it.each([1366, 375])("à %i px : année, couleurs, noms, filtre des indicateurs", async (largeur) => {
    const ouverte = await navigateur.ouvrir("/cartes");
    const { page } = ouverte;
    await page.setViewportSize({ width: largeur, height: 900 });
    await page.locator(".obs-carte-bloc svg.obs-carte").waitFor();

    // The picker filters by the typed words, accents ignored, and gives every option back when cleared.
    const filtre = page.locator('input[name="indicateur-filtre"]');
    const options = page.locator('select[name="indicateur"] option');
    const total = await options.count();
    expect(total).toBeGreaterThan(100);
    await filtre.fill("menages");
    const restes = await page.locator('select[name="indicateur"] optgroup').evaluateAll((gs) =>
      gs.flatMap((g) => [...g.querySelectorAll("option")].map((o) => `${g.getAttribute("label")} ${o.textContent}`)),
    );
    expect(restes.length).toBeGreaterThan(0);
    expect(restes.length).toBeLessThan(total);
    for (const r of restes) expect(sansAccent(r)).toContain("menages");
    await filtre.fill("");
    expect(await options.count()).toBe(total);
    // By keyboard: typed in the box, Tab reaches the filtered list.
    await filtre.focus();
    await page.keyboard.type("ménages");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("indicateur");
    expect(await options.count()).toBe(restes.length);
    await filtre.fill("");

    // The chosen indicator, found by its label, then a year before its latest.
    const numero = fichesReference().find((f) => f.fiche === cas.fiche)!.numero;
    await filtre.fill(cas.libelle);
    const valeur = await page.locator('select[name="indicateur"]').evaluate((s, [n, l]) => {
      const groupe = [...s.querySelectorAll("optgroup")].find((g) => g.getAttribute("label")!.startsWith(`Fiche ${n} —`));
      return [...(groupe?.querySelectorAll("option") ?? [])].find((o) => o.textContent === l)?.getAttribute("value") ?? null;
    }, [numero, cas.libelle] as const);
    expect(valeur, `${cas.fiche}/${cas.indicateur} « ${cas.libelle} » dans la liste filtrée`).toBeTruthy();
    await page.selectOption('select[name="indicateur"]', valeur!);
    await page.waitForFunction((id) => document.querySelector(".obs-carte-bloc")?.getAttribute("data-indicateur") === id, cas.indicateur);
    // The level picker follows the year (a level can start later): each choice waits for the map it redraws.
    await page.selectOption('select[name="annee"]', cas.annee);
    await page.waitForFunction((a) => document.querySelector(".obs-carte-bloc")?.getAttribute("data-annee") === a, cas.annee);
    await page.selectOption('select[name="niveau"]', cas.niveau);
    await page.waitForFunction((n) => document.querySelector(".obs-carte-bloc")?.getAttribute("data-niveau") === n, cas.niveau);
    await page.selectOption('select[name="mode"]', "nombre");
    await page.waitForFunction(
      ([a, n]) => {
        const b = document.querySelector(".obs-carte-bloc");
        return b?.getAttribute("data-annee") === a && b?.getAttribute("data-niveau") === n && b?.getAttribute("data-mode") === "nombre";
      },
      [cas.annee, cas.niveau],
    );

    // Every territory's value is its row of that year; the tooltip starts with the territory's name.
    const lignes = await lire(
      `SELECT territoire, valeur, ${secret} AS secret FROM ${table} WHERE fiche = ? AND indicateur = ? AND periode = ? AND type_periode = 'annee'
         AND niveau_territoire = ? AND ventilation = 'ensemble' AND modalite = 'ensemble'`,
      [cas.fiche, cas.indicateur, cas.annee, cas.niveau],
    );
    const attendu = new Map(lignes.map((l) => [String(l.territoire), l.secret ? null : (l.valeur as number | null)]));
    // The paths are read in the same turn as the check that every one has its computed fill: right after the last
    // choice it was seen empty, now and then (CI), the map still being drawn — even after a separate wait, the map
    // being redrawn in between. A map that never gets there fails here.
    type Chemin = { code: string; valeur: string; titre: string; fill: string };
    const chemins = (await (
      await page.waitForFunction(() => {
        const ps = [...document.querySelectorAll("svg.obs-carte path[data-territoire]")];
        const lus = ps.map((p) => ({ code: p.getAttribute("data-territoire")!, valeur: p.getAttribute("data-valeur")!, titre: p.querySelector("title")?.textContent ?? "", fill: getComputedStyle(p).fill }));
        return lus.length > 0 && lus.every((c) => c.fill !== "") ? lus : false;
      })
    ).jsonValue()) as Chemin[];
    const noms = NOMS[cas.niveau]!;
    expect(chemins.length).toBe(noms.size);
    let egales = 0;
    for (const c of chemins) {
      expect(c.titre.startsWith(`${noms.get(c.code)} : `), c.titre).toBe(true);
      const v = attendu.get(c.code) ?? null;
      if (v === null) {
        expect(c.valeur).toBe("");
        expect(c.titre).toMatch(/ : (s \(secret statistique\)|nd \(sans donnée\))/);
      } else {
        expect(Number(c.valeur), c.code).toBe(v);
        egales++;
      }
    }
    expect(egales).toBeGreaterThan(0);

    // The table names the territories (no code) and marks what the map hatches.
    const premiereColonne = await page.locator(".obs-carte-bloc table tbody tr td:first-child").allTextContents();
    expect(new Set(premiereColonne)).toEqual(new Set(noms.values()));
    const secondes = await page.locator(".obs-carte-bloc table tbody tr td:nth-child(2)").allTextContents();
    for (const s of secondes) expect(s).toMatch(/^(s|nd|-?[\d\s\u202f\u00a0]+(,\d+)?)$/);

    // The lightest class stands out from white (ColorBrewer's first Blues, #eff3ff, had a contrast of 1,1 with it);
    // « sans donnée » is a hatching, not a flat colour any class could be confused with.
    const pastilles = await page.locator(".obs-legende .obs-pastille").evaluateAll((ps) => ps.map((p) => ({ couleur: getComputedStyle(p).backgroundColor, image: getComputedStyle(p).backgroundImage })));
    const plusClaire = pastilles[0]!.couleur;
    expect(contraste(plusClaire, "rgb(255, 255, 255)")).toBeGreaterThanOrEqual(1.3);
    const hachure = pastilles.find((p) => p.image.includes("repeating-linear-gradient"));
    expect(hachure, "pastille hachurée dans la légende").toBeDefined();
    for (const c of chemins) {
      if (c.valeur === "") expect(c.fill).toMatch(/^url\("?#carte-hachure-/);
      else expect(c.fill).toMatch(/^rgb\(/);
    }
    const classes = new Set(chemins.filter((c) => c.valeur !== "").map((c) => c.fill));
    for (const f of classes) expect(f.startsWith("url(")).toBe(false);
    await navigateur.fermer(ouverte);
  });
});
