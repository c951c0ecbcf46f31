// The internal edition (npm run site -- --profile interne → dist-interne/) in headless Chromium: the « Suivi
// financier », « Alertes » and « Fichiers reçus » pages are there — and only there, never in dist/ — French, with no
// console error, no request leaving 127.0.0.1, no serious accessibility violation, and their figures equal to the
// database. dist-interne/ is built once by `npm test` (test/preparer.ts) before the tests run.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { SITE_DIRS } from "../../pipelines/site/build.ts";
import { listFiles } from "../../pipelines/site/postbuild.ts";
import { DONNEES_INTERNES, PAGES_INTERNES } from "../../pipelines/site/profil.ts";
import { databaseOfBuild, DIST, requireDist } from "./build-info.ts";
import { lancer, violationsGraves, type Navigateur } from "./navigateur.ts";

const DIST_INTERNE = SITE_DIRS.interne;

/** "1 234,50 €" (narrow or plain no-break spaces) → "1 234,50 €" with plain spaces. */
const espaces = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

/** The stand-in database of the site tests (test/e2e/stub-db.ts) has figures only: no financing, alerts or ledger. */
async function avecDonneesInternes(): Promise<boolean> {
  const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  try {
    const tables = await query(connection, "SELECT 1 FROM information_schema.tables WHERE table_name IN ('mart_financement', 'mart_alertes')");
    return tables.length === 2;
  } finally {
    closeDatabase(connection);
  }
}

describe.skipIf(!(await avecDonneesInternes()))("édition interne, dans Chromium, hors ligne", () => {
  let navigateur: Navigateur;

  beforeAll(async () => {
    requireDist(DIST_INTERNE);
    navigateur = await lancer(DIST_INTERNE);
  });

  afterAll(async () => {
    await navigateur?.close();
  });

  it("les pages internes et leurs données sont dans dist-interne/, pas dans dist/", () => {
    for (const { path } of PAGES_INTERNES) {
      expect(existsSync(join(DIST_INTERNE, `${path}.html`)), path).toBe(true);
      expect(existsSync(join(DIST, `${path}.html`)), path).toBe(false);
    }
    const donnees = (dir: string) => listFiles(dir).filter((f) => /\/_file\/data\/interne\//.test(f)).map((f) => f.replace(/\.[0-9a-f]{8}\.json$/, ".json").slice(dir.length));
    const internes = donnees(DIST_INTERNE);
    expect(internes.filter((f) => !f.startsWith("/_file/data/interne/operateurs/")).sort()).toEqual(DONNEES_INTERNES.map((d) => `/_file${d}`).sort());
    // One data file per operator page (test/e2e/operateurs.test.ts checks the pages).
    expect(internes.filter((f) => f.startsWith("/_file/data/interne/operateurs/")).length).toBeGreaterThan(5);
    expect(donnees(DIST)).toEqual([]);
    // The sidebar of the internal edition links them; the public one does not.
    expect(readFileSync(join(DIST_INTERNE, "index.html"), "utf8")).toContain("./interne/suivi-financier");
    expect(readFileSync(join(DIST, "index.html"), "utf8")).not.toContain("interne/");
  });

  it.each(PAGES_INTERNES.map((p) => p.path))("%s : en français, sans erreur, sans requête externe, sans violation grave d'accessibilité", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    expect(await page.locator(".observablehq--error").count(), "cellule en erreur").toBe(0);
    expect(await page.locator(".obs-bandeau-interne").textContent()).toContain("Édition interne");
    const violations = await violationsGraves(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await navigateur.fermer(ouverte);
  });

  it("suivi financier : un tableau par fiche, montants en euros égaux à mart_financement, CSV", async () => {
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    const fiches = await query<{ fiche: string; n: number; conventionne: number }>(
      connection,
      "SELECT fiche, count(*) AS n, sum(montant_conventionne) AS conventionne FROM mart_financement GROUP BY fiche",
    );
    const [premiere] = await query<{ id_convention: string; du_retenu: number }>(connection, "SELECT id_convention, du_retenu FROM mart_financement WHERE du_retenu > 1000 ORDER BY id_convention LIMIT 1");
    closeDatabase(connection);
    const ouverte = await navigateur.ouvrir("/interne/suivi-financier");
    const { page } = ouverte;
    expect(await page.locator("section.obs-suivi-fiche").count()).toBe(fiches.length);
    // Amounts in euros, without the sign in the cells (the caption says so: the tables fit the page).
    const euros = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const texte = espaces((await page.textContent("main")) ?? "");
    for (const f of fiches) expect(texte, f.fiche).toContain(espaces(euros.format(f.conventionne)));
    const ligne = page.locator("tr", { hasText: premiere!.id_convention });
    expect(espaces((await ligne.first().textContent()) ?? "")).toContain(espaces(euros.format(premiere!.du_retenu)));
    // Each fiche's footer: the balances of its closed periods only, as mart_financement_totaux has them.
    const connexion = await openDatabase(databaseOfBuild(), { readOnly: true });
    const totaux = await query<{ fiche: string; reste_a_verser: number; trop_percu: number }>(
      connexion, "SELECT fiche, reste_a_verser, trop_percu FROM mart_financement_totaux WHERE code_operateur = 'tous'");
    closeDatabase(connexion);
    for (const t of totaux) {
      const pied = espaces((await page.locator(`section.obs-suivi-fiche:has(h2#fiche-${t.fiche}) tfoot`).textContent()) ?? "");
      expect(pied, t.fiche).toContain(`${espaces(euros.format(t.reste_a_verser))} à verser`);
      expect(pied, t.fiche).toContain(`${espaces(euros.format(t.trop_percu))} à reverser`);
    }
    // The CSV of the first fiche: its rows, raw numbers.
    const section = page.locator("section.obs-suivi-fiche").first();
    const [telechargement] = await Promise.all([page.waitForEvent("download"), section.locator('button[data-csv="standard"]').click()]);
    const csv = readFileSync(await telechargement.path(), "utf8").split("\r\n").filter(Boolean);
    expect(csv[0]).toBe("Opérateur,Convention,Début,Fin,Conventionné,Taux d'avance,Dû au titre du service fait,Dû retenu,Avance,Solde,Trop-perçu,Période");
    const id = (await section.locator("h2").getAttribute("id"))!.replace(/^fiche-/, "");
    expect(csv).toHaveLength(1 + fiches.find((f) => f.fiche === id)!.n);
    // Filtered by operator: only that operator's conventions.
    const operateur = await page.locator('select[name="operateur"] option').nth(1).getAttribute("value");
    await page.selectOption('select[name="operateur"]', operateur!);
    // The page re-renders after the change event: wait for it rather than read the tables it is about to replace.
    const cellules = page.locator("section.obs-suivi-fiche tbody tr td:first-child");
    await expect.poll(async () => [...new Set(await cellules.allTextContents())], { timeout: 10_000 }).toEqual([operateur]);
    await navigateur.fermer(ouverte);
  });

  it("alertes : filtres par fiche, sévérité et opérateur, nombre par règle égal à mart_alertes", async () => {
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    const [{ total, erreurs }] = (await query<{ total: number; erreurs: number }>(
      connection,
      "SELECT count(*) AS total, count(*) FILTER (WHERE severite = 'erreur') AS erreurs FROM mart_alertes",
    )) as [{ total: number; erreurs: number }];
    const [regles] = await query<{ n: number }>(connection, "SELECT count(DISTINCT (fiche, regle, severite)) AS n FROM mart_alertes WHERE severite = 'erreur'");
    closeDatabase(connection);
    const ouverte = await navigateur.ouvrir("/interne/alertes");
    const { page } = ouverte;
    const compte = async () => espaces((await page.locator(".obs-compte-alertes").textContent()) ?? "");
    expect(await compte()).toBe(`${total} alerte${total > 1 ? "s" : ""} sur ${total}.`);
    await page.selectOption('select[name="severite"]', "erreur");
    await page.waitForFunction((n) => document.querySelector(".obs-compte-alertes")?.textContent?.startsWith(`${n} `), erreurs);
    expect(await compte()).toBe(`${erreurs} alerte${erreurs > 1 ? "s" : ""} sur ${total}.`);
    // The table by rule: one row per fiche × rule of that severity.
    const tableaux = page.locator("table.obs-tableau");
    expect(await tableaux.first().locator("tbody tr").count()).toBe(regles!.n);
    // List columns: fiche, operator, convention, record, rule, severity, detail.
    expect(new Set(await tableaux.nth(1).locator("tbody tr td:nth-child(6)").allTextContents())).toEqual(new Set(["Erreur"]));
    await navigateur.fermer(ouverte);
  });

  it("alertes : chaque alerte nomme sa règle (libellé, signification au survol) et sa convention ; le filtre par convention restreint la liste", async () => {
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    // The first row of the list as the page sorts it (most severe first, then fiche, rule, operator, record).
    const [premiere] = await query<{ regle: string; libelle_regle: string; signification_regle: string; convention: string }>(
      connection,
      `SELECT regle, libelle_regle, signification_regle, coalesce(id_convention, 'aucune') AS convention FROM mart_alertes
       ORDER BY CASE severite WHEN 'erreur' THEN 0 WHEN 'avertissement' THEN 1 ELSE 2 END, fiche, regle, code_operateur, id_enregistrement LIMIT 1`,
    );
    // The convention with the most alerts, and the alerts outside every convention.
    const [{ convention, n, hors, total }] = (await query<{ convention: string; n: number; hors: number; total: number }>(
      connection,
      `SELECT id_convention AS convention, CAST(count(*) AS INTEGER) AS n,
              CAST((SELECT count(*) FROM mart_alertes WHERE id_convention IS NULL) AS INTEGER) AS hors,
              CAST((SELECT count(*) FROM mart_alertes) AS INTEGER) AS total
       FROM mart_alertes WHERE id_convention IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    )) as [{ convention: string; n: number; hors: number; total: number }];
    closeDatabase(connection);
    const ouverte = await navigateur.ouvrir("/interne/alertes");
    const { page } = ouverte;
    const liste = page.locator("table.obs-tableau").nth(1);
    const regle = liste.locator("tbody tr").first().locator("td:nth-child(5)");
    expect(await regle.textContent()).toBe(`${premiere!.regle} — ${premiere!.libelle_regle}`);
    expect(await regle.getAttribute("title")).toBe(premiere!.signification_regle);
    expect(await liste.locator("tbody tr").first().locator("td:nth-child(3)").textContent()).toBe(premiere!.convention);
    // The table by rule says what each rule checks.
    expect(await page.locator("table.obs-tableau").first().locator("thead th").allTextContents()).toContain("Ce que vérifie la règle");
    // One convention: its alerts only, as many as mart_alertes gives it (fewer than all).
    expect(n).toBeLessThan(total);
    await page.selectOption('select[name="convention"]', convention);
    await page.waitForFunction((attendu) => document.querySelector(".obs-compte-alertes")?.textContent?.startsWith(`${attendu} `), n);
    expect(new Set(await liste.locator("tbody tr td:nth-child(3)").allTextContents())).toEqual(new Set([convention]));
    // Outside every convention: the rest of the NULLs.
    await page.selectOption('select[name="convention"]', "aucune");
    await page.waitForFunction((attendu) => document.querySelector(".obs-compte-alertes")?.textContent?.startsWith(`${attendu} `), hors);
    expect(espaces((await page.locator(".obs-compte-alertes").textContent()) ?? "")).toBe(`${hors} alerte${hors > 1 ? "s" : ""} sur ${total}.`);
    await navigateur.fermer(ouverte);
  });

  it("fichiers reçus : chaque fichier et les motifs de quarantaine, sans valeur brute", async () => {
    const ouverte = await navigateur.ouvrir("/interne/fichiers");
    const { page } = ouverte;
    const texte = (await page.textContent("main")) ?? "";
    const rapport = JSON.parse(readFileSync("build/rapport-ingestion.json", "utf8")) as { fichiers: { nom: string }[] };
    for (const f of rapport.fichiers) expect(texte).toContain(f.nom);
    expect(texte).toContain("Motifs de quarantaine");
    await navigateur.fermer(ouverte);
    const suivi = listFiles(DIST_INTERNE).find((f) => /\/_file\/data\/interne\/fichiers\./.test(f));
    const { problemes } = JSON.parse(readFileSync(suivi!, "utf8")) as { problemes: Record<string, unknown>[] };
    expect(problemes.length).toBeGreaterThan(0);
    for (const p of problemes) expect(Object.keys(p).sort()).toEqual(["colonne", "lignes", "motif", "nom_fichier", "numeros"]);
  });
});
