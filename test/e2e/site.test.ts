// The built site in a real browser, offline: French pages, figures equal to the database the site was built from,
// the map, the sample-data banner, CSV downloads, no console error and no request to any other host.
import { REPORTS } from "../../pipelines/contracts/index.ts";
import { ldaMesures } from "../../pipelines/contracts/lda_mesures.ts";
import { existsSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { lancerChromium } from "../../pipelines/site/chromium.ts";
import { tablePubliee } from "../../pipelines/site/fiches.ts";
import { TOUTES } from "../../observatory/components/donnees.ts";
import { databaseOfBuild, DIST, requireDist } from "./build-info.ts";
import { type ServeurStatique, servirDossier } from "../../pipelines/site/serveur-statique.ts";

const FICHES_LDA = "('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension')";

interface Attendu {
  donneesFictives: boolean;
  annee: string;
  /** Département totals for the last year, summed over the four fiches. */
  total: Record<"i01" | "i02" | "x01", number | null>;
  /** i01 of fiche 2.4 alone, département level: one row of mart_indicateurs. */
  i01Adsl: number;
}

async function attendu(path: string): Promise<Attendu> {
  const connection = await openDatabase(path, { readOnly: true });
  try {
    // The site shows the published table (under statistical secret when the pipeline built it): compare with it.
    const { table } = await tablePubliee(connection);
    const [execution] = await query<{ donnees_fictives: boolean }>(connection, "SELECT donnees_fictives FROM main.execution");
    const departement = `fiche IN ${FICHES_LDA} AND territoire = '62' AND niveau_territoire = 'departement' AND ventilation = 'ensemble' AND modalite = 'ensemble'`;
    const [{ annee } = { annee: null }] = await query<{ annee: string | null }>(
      connection,
      `SELECT max(periode) AS annee FROM ${table} WHERE ${departement} AND indicateur = 'i01' AND type_periode = 'annee'`,
    );
    if (!annee) throw new Error(`Aucune ligne i01 annuelle dans ${path}`);
    const somme = async (sql: string, params: unknown[]) => (await query<{ v: number | null }>(connection, sql, params))[0]?.v ?? 0;
    // The sum of the four fiches, masked as soon as one of them is (sql/macros/ensemble_lda_publie.sql): null then.
    const annuel = async (indicateur: string) =>
      (
        await query<{ v: number | null }>(
          connection,
          `SELECT CASE WHEN count(*) FILTER (WHERE valeur IS NULL) > 0 THEN NULL ELSE sum(valeur) END AS v
           FROM ${table} WHERE ${departement} AND indicateur = ? AND type_periode = 'annee' AND periode = ?`,
          [indicateur, annee],
        )
      )[0]!.v;
    // Mois-mesures: the yearly row of each fiche, or the sum of its months when the mart publishes them by month only.
    const x01 = await somme(
      `WITH a AS (SELECT fiche, valeur FROM ${table} WHERE ${departement} AND indicateur = 'x01' AND type_periode = 'annee' AND periode = $1),
            m AS (SELECT fiche, sum(valeur) AS valeur FROM ${table}
                  WHERE ${departement} AND indicateur = 'x01' AND type_periode = 'mois' AND left(periode, 4) = $1 GROUP BY fiche)
       SELECT sum(valeur) AS v FROM (SELECT * FROM a UNION ALL SELECT * FROM m WHERE fiche NOT IN (SELECT fiche FROM a))`,
      [annee],
    );
    const adsl = await query<{ valeur: number }>(
      connection,
      `SELECT valeur FROM ${table} WHERE ${departement} AND fiche = 'f2_4_adsl' AND indicateur = 'i01' AND type_periode = 'annee' AND periode = ?`,
      [annee],
    );
    expect(adsl, "une seule ligne i01 ADSL département pour l'année").toHaveLength(1);
    return {
      donneesFictives: execution?.donnees_fictives !== false,
      annee,
      total: { i01: await annuel("i01"), i02: await annuel("i02"), x01 },
      i01Adsl: adsl[0]!.valeur,
    };
  } finally {
    closeDatabase(connection);
  }
}

/** "1 234" (fr-FR, narrow no-break space) → 1234. */
const lireNombre = (texte: string | null) => Number((texte ?? "").replace(/[\s\u202f\u00a0]/g, "").replace(",", "."));

interface Journal {
  externes: string[];
  erreurs: string[];
}

const hoteLocal = (url: string) => ["127.0.0.1", "localhost"].includes(new URL(url).hostname) || /^(data|blob):/.test(url);

describe("site construit, dans Chromium, hors ligne", () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: ServeurStatique;
  let donnees: Attendu;
  // Requests of the whole browser context (workers included), checked once every page has run.
  const requetes: string[] = [];

  beforeAll(async () => {
    requireDist();
    donnees = await attendu(databaseOfBuild());
    server = await servirDossier(DIST);
    browser = await lancerChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: "fr-FR" });
    context.on("request", (r) => requetes.push(r.url()));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function ouvrir(chemin: string): Promise<{ page: Page; journal: Journal }> {
    const page = await context.newPage();
    const journal: Journal = { externes: [], erreurs: [] };
    // Every request of the page goes through here: anything not for our server is recorded and refused.
    await page.route("**/*", (route) => {
      if (hoteLocal(route.request().url())) return route.continue();
      journal.externes.push(route.request().url());
      return route.abort();
    });
    page.on("console", (m) => {
      if (m.type() === "error") journal.erreurs.push(m.text());
    });
    page.on("pageerror", (e) => journal.erreurs.push(e.message));
    await page.goto(`${server.url}${chemin}`, { waitUntil: "networkidle" });
    return { page, journal };
  }

  async function fermer({ page, journal }: { page: Page; journal: Journal }) {
    await page.close();
    expect(journal.erreurs, "erreurs dans la console").toEqual([]);
    expect(journal.externes, "requêtes hors de 127.0.0.1").toEqual([]);
  }

  async function verifierBandeau(page: Page) {
    const bandeau = page.locator("#bandeau-donnees-fictives");
    if (donnees.donneesFictives) {
      await expect(bandeau.isVisible()).resolves.toBe(true);
      expect(await bandeau.textContent()).toContain("Données fictives de démonstration");
    } else {
      expect(await bandeau.count()).toBe(0);
    }
  }

  it("accueil : en français, chiffres clés égaux à mart_indicateurs", async () => {
    const ouverte = await ouvrir("/");
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await verifierBandeau(page);
    // A card may show « s »: its meaning is written on the page, for a reader who cannot hover it (a phone).
    await page.locator("#observablehq-main").getByText("« s » : secret statistique (effectif de 1 à 10 personnes ou ménages", { exact: false }).waitFor();
    for (const indicateur of ["i01", "i02", "x01"] as const) {
      const carte = page.locator(`.obs-chiffre[data-indicateur="${indicateur}"]`);
      await carte.waitFor();
      expect(await carte.getAttribute("data-periode")).toBe(donnees.annee);
      const attendue = donnees.total[indicateur];
      if (attendue === null) {
        // One fiche's figure under statistical secret: the sum is too, and the card says so instead of a number.
        expect(await carte.getAttribute("data-secret"), indicateur).toBe("1");
        expect(await carte.getAttribute("data-valeur"), indicateur).toBe("");
        continue;
      }
      expect(Number(await carte.getAttribute("data-valeur")), indicateur).toBe(attendue);
      expect(lireNombre(await carte.locator(".obs-chiffre-valeur").textContent()), indicateur).toBe(attendue);
    }
    expect(await page.locator('a[href$="logement-d-abord"]').count()).toBeGreaterThan(0);
    await fermer(ouverte);
  });

  it("fiche Logement d'abord : carte, chiffre d'une fiche, CSV", async () => {
    const ouverte = await ouvrir("/logement-d-abord");
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await verifierBandeau(page);

    const carte = page.locator("svg.obs-carte");
    await carte.waitFor();
    expect(await carte.locator("path").count()).toBeGreaterThanOrEqual(7);
    expect(await carte.locator("path[data-territoire]").count()).toBe(7);
    expect(await carte.locator("path[data-territoire] title").first().textContent()).toMatch(/ : /);

    const cle = page.locator('.obs-chiffre[data-indicateur="i01"]');
    expect(Number(await cle.getAttribute("data-valeur"))).toBe(donnees.total.i01);
    await page.selectOption('select[name="fiche"]', "f2_4_adsl");
    await expect.poll(() => cle.getAttribute("data-valeur"), { timeout: 10_000 }).toBe(String(donnees.i01Adsl));
    expect(lireNombre(await cle.locator(".obs-chiffre-valeur").textContent())).toBe(donnees.i01Adsl);
    expect(await page.locator('.obs-indicateur[data-indicateur="i01"] h3').textContent()).toMatch(/personnes accompagnées/i);

    const bloc = page.locator(".obs-carte-bloc details").first();
    await bloc.locator("summary").click();
    const [telechargement] = await Promise.all([page.waitForEvent("download"), bloc.locator('button[data-csv="excel"]').click()]);
    const octets = readFileSync(await telechargement.path());
    expect([...octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = octets.toString("utf8").slice(1);
    expect(csv.split("\r\n")[0]).toBe("Territoire;Appel à manifestation d'intérêt;Valeur (personnes);Indicateur;Périmètre;Période;Unité");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 7);
    expect(telechargement.suggestedFilename()).toMatch(/^logement-d-abord-carte-i01-f2_4_adsl-\d{4}-excel\.csv$/);

    // Every year and fiche, down to a phone's width, renders without a console error (checked by fermer).
    const annees = await page.locator('select[name="annee"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await page.setViewportSize({ width: 360, height: 800 });
    for (const fiche of ["f2_6_envaul", "f2_7_lda_extension", TOUTES]) {
      await page.selectOption('select[name="fiche"]', fiche);
      for (const annee of annees) await page.selectOption('select[name="annee"]', annee);
    }
    await expect.poll(() => carte.locator("path[data-territoire]").count()).toBe(7);
    await fermer(ouverte);
  });

  it("méthodologie : en français, attribution des fonds de carte", async () => {
    const ouverte = await ouvrir("/methodologie");
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await verifierBandeau(page);
    expect(await page.textContent("main")).toContain("IGN ADMIN EXPRESS COG 2018, INSEE COG 2018");
    await fermer(ouverte);
  });

  it("dictionnaire des données : une section par contrat, les colonnes du contrat", async () => {
    const ouverte = await ouvrir("/dictionnaire");
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await verifierBandeau(page);
    const sections = await page.locator("section.obs-dictionnaire h2").evaluateAll((hs) => hs.map((h) => h.id));
    expect(sections).toEqual(REPORTS.map((r) => r.table));
    const colonnes = await page.locator("#lda_mesures ~ div table tbody tr td:first-child").allTextContents();
    expect(colonnes).toEqual(ldaMesures.columnList.map((c) => c.name));
    await fermer(ouverte);
  });

  it("aucune requête du navigateur hors de 127.0.0.1", () => {
    expect(requetes.length).toBeGreaterThan(10);
    expect(requetes.filter((url) => !hoteLocal(url))).toEqual([]);
  });
});
