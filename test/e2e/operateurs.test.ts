// The internal edition for the reader who asks « how much do we owe operator X for convention Y, and what is wrong? »:
// one page per operator (conventions and amounts from mart_financement, alerts from mart_alertes, files and quarantine
// from the ledger), linked from the internal home, the financing and the alerts pages; the alerts page filters by
// fiche (2.1 … 2.13 in numeric order) and operator and shows 50 rows at a time; and at 1366 px every column of every
// internal table is within its visible box. dist-interne/ is built once by `npm test` (test/preparer.ts).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_DIRS } from "../../pipelines/site/build.ts";
import { PAGES_INTERNES } from "../../pipelines/site/profil.ts";
import { DIST, lire, requireDist } from "./build-info.ts";
import { lancer, violationsGraves, type Navigateur } from "./navigateur.ts";

const DIST_INTERNE = SITE_DIRS.interne;
const espaces = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
/** An amount as the financing tables show it: euros, two decimals, no sign (the caption says « montants en euros »). */
const euros = (n: number) => espaces(new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n));

const avecDonneesInternes = (await lire("SELECT 1 FROM information_schema.tables WHERE table_name IN ('mart_financement', 'mart_alertes')")).length === 2;

describe.skipIf(!avecDonneesInternes)("une page par opérateur, dans l'édition interne", () => {
  let navigateur: Navigateur;
  let operateurs: string[];

  beforeAll(async () => {
    requireDist(DIST_INTERNE);
    navigateur = await lancer(DIST_INTERNE);
    operateurs = (await lire<{ code_operateur: string }>("SELECT DISTINCT code_operateur FROM mart_financement ORDER BY 1")).map((o) => o.code_operateur);
  });
  afterAll(async () => navigateur?.close());

  it("chaque opérateur de mart_financement a sa page dans dist-interne/, aucune dans dist/", () => {
    expect(operateurs.length).toBeGreaterThan(5);
    for (const code of operateurs) expect(existsSync(join(DIST_INTERNE, "interne/operateurs", `${code}.html`)), code).toBe(true);
    expect(readdirSync(join(DIST_INTERNE, "interne/operateurs")).length).toBe(operateurs.length);
    expect(existsSync(join(DIST, "interne"))).toBe(false);
  });

  it("la page d'un opérateur : ses conventions et montants, ses alertes, ses fichiers et sa quarantaine", async () => {
    // The operator with the most alerts: its page has the most to show.
    const [{ code }] = (await lire<{ code: string }>("SELECT code_operateur AS code FROM mart_alertes GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")) as [{ code: string }];
    const conventions = await lire<{ id_convention: string; solde: number | null; trop_percu: number | null; du_retenu: number; avance: number; statut_periode: string }>(
      "SELECT id_convention, solde, trop_percu, du_retenu, avance, statut_periode FROM mart_financement WHERE code_operateur = ?",
      [code],
    );
    const [{ alertes }] = (await lire<{ alertes: number }>("SELECT CAST(count(*) AS INTEGER) AS alertes FROM mart_alertes WHERE code_operateur = ?", [code])) as [{ alertes: number }];
    const fichiers = await lire<{ nom: string }>("SELECT nom FROM raw.fichiers WHERE code_operateur = ?", [code]);
    const quarantaine = await lire<{ nom_fichier: string }>(
      "SELECT DISTINCT q.nom_fichier FROM raw.quarantaine AS q JOIN raw.fichiers AS f USING (fichier) WHERE f.code_operateur = ?",
      [code],
    );
    const ouverte = await navigateur.ouvrir(`/interne/operateurs/${code}`);
    const { page } = ouverte;
    expect(await page.locator("h1").textContent()).toBe(`Opérateur ${code}`);
    expect(await page.locator(".observablehq--error").count(), "cellule en erreur").toBe(0);
    // Each convention's row holds its amounts as mart_financement has them; a period not closed has no solde yet and
    // says so (sql/macros/periodes_conventions.sql).
    for (const c of conventions) {
      const ligne = espaces((await page.locator("tr", { hasText: c.id_convention }).first().textContent()) ?? "");
      for (const montant of [c.du_retenu, c.avance]) expect(ligne, c.id_convention).toContain(euros(montant));
      if (c.statut_periode === "close") for (const montant of [c.solde!, c.trop_percu!]) expect(ligne, c.id_convention).toContain(euros(montant));
      else expect(ligne, c.id_convention).toContain(c.statut_periode === "en_cours" ? "en cours : avance versée" : "à venir : avance versée");
    }
    // Its alerts, fiche by fiche: the captions add up to mart_alertes' count for the operator.
    const legendes = await page.locator("caption", { hasText: /^Alertes : / }).allTextContents();
    expect(legendes.reduce((n, l) => n + Number(/^Alertes : (\d+)/.exec(l)![1]), 0)).toBe(alertes);
    // Each fiche's first alert (most severe, then rule, then record) shows its rule's name, meaning on hover, and convention.
    const premieres = await lire<{ fiche: string; regle: string; libelle_regle: string; signification_regle: string; convention: string }>(
      `SELECT fiche, regle, libelle_regle, signification_regle, coalesce(id_convention, 'aucune') AS convention FROM mart_alertes WHERE code_operateur = ?
       QUALIFY row_number() OVER (PARTITION BY fiche ORDER BY CASE severite WHEN 'erreur' THEN 0 WHEN 'avertissement' THEN 1 ELSE 2 END, regle, id_enregistrement) = 1`,
      [code],
    );
    expect(premieres.length).toBe(legendes.length);
    for (const p of premieres) {
      // Columns of an operator's alerts: rule, severity, convention, record, detail.
      const ligne = page.locator(`section.obs-operateur-fiche:has(h2#fiche-${p.fiche}) table:has(caption:text-matches("^Alertes : ")) tbody tr`).first();
      expect(await ligne.locator("td:nth-child(1)").textContent(), p.fiche).toBe(`${p.regle} — ${p.libelle_regle}`);
      expect(await ligne.locator("td:nth-child(1)").getAttribute("title"), p.fiche).toBe(p.signification_regle);
      expect(await ligne.locator("td:nth-child(3)").textContent(), p.fiche).toBe(p.convention);
    }
    const texte = (await page.textContent("main")) ?? "";
    for (const f of fichiers) expect(texte).toContain(f.nom);
    for (const q of quarantaine) expect(texte).toContain(q.nom_fichier);
    // Nothing of another operator: its files are not there.
    for (const autre of await lire<{ nom: string }>("SELECT nom FROM raw.fichiers WHERE code_operateur <> ?", [code])) expect(texte).not.toContain(autre.nom);
    const violations = await violationsGraves(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await navigateur.fermer(ouverte);
  });

  it.each(["/interne/accueil", "/interne/suivi-financier", "/interne/alertes"])("%s mène aux pages des opérateurs", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    const liens = page.locator('a[href^="/interne/operateurs/"]');
    // The tables are drawn by the page's script after load: the first link is awaited, not counted before it exists.
    await liens.first().waitFor();
    expect(await liens.count()).toBeGreaterThan(0);
    const code = (await liens.first().textContent())!;
    expect(operateurs).toContain(code);
    await Promise.all([page.waitForURL(`**/interne/operateurs/${code}`), liens.first().click()]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").textContent()).toBe(`Opérateur ${code}`);
    await navigateur.fermer(ouverte);
  });

  it("alertes : fiches dans l'ordre 2.1, 2.2 … 2.13, filtre par opérateur, 50 lignes par page", async () => {
    const [{ total }] = (await lire<{ total: number }>("SELECT CAST(count(*) AS INTEGER) AS total FROM mart_alertes")) as [{ total: number }];
    expect(total).toBeGreaterThan(100);
    const ouverte = await navigateur.ouvrir("/interne/alertes");
    const { page } = ouverte;
    // Numeric order: 2.9 before 2.10, as the fiches are numbered, not as text sorts them.
    const numeros = (await page.locator('select[name="fiche"] option').allTextContents()).map((t) => /^2\.(\d+) /.exec(t)?.[1]).filter(Boolean).map(Number);
    expect(numeros.length).toBeGreaterThan(9);
    expect(numeros).toEqual([...numeros].sort((a, b) => a - b));
    // The list shows 50 rows, then the next 50.
    const liste = page.locator("table.obs-tableau").nth(1);
    const etat = page.locator(".obs-pagination-etat");
    expect(await liste.locator("tbody tr").count()).toBe(50);
    expect(espaces((await etat.textContent()) ?? "")).toBe(`Lignes 1 à 50 sur ${espaces(total.toLocaleString("fr-FR"))} (page 1 sur ${Math.ceil(total / 50)})`);
    const premiere = await liste.locator("tbody tr").first().textContent();
    await page.click('button[data-page="suivante"]');
    expect(espaces((await etat.textContent()) ?? "")).toMatch(/^Lignes 51 à 100 sur /);
    expect(await liste.locator("tbody tr").first().textContent()).not.toBe(premiere);
    expect(await page.locator('button[data-page="precedente"]').isDisabled()).toBe(false);
    // Filtered by one operator: its alerts only, as many as mart_alertes has.
    const code = operateurs[0]!;
    const [{ n }] = (await lire<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM mart_alertes WHERE code_operateur = ?", [code])) as [{ n: number }];
    await page.selectOption('select[name="operateur"]', code);
    await page.waitForFunction((attendu) => document.querySelector(".obs-compte-alertes")?.textContent?.startsWith(`${attendu} `), n);
    const cellules = page.locator("table.obs-tableau").nth(1).locator("tbody tr td:nth-child(2)");
    expect(new Set(await cellules.allTextContents())).toEqual(new Set([code]));
    await navigateur.fermer(ouverte);
  });

  it.each([...PAGES_INTERNES.map((p) => p.path), "/interne/operateurs/ASSO-LENS-01"])("%s : à 1366 px chaque colonne de chaque tableau est visible, à 375 px la page tient dans l'écran", async (chemin) => {
    const ouverte = await navigateur.ouvrir(chemin);
    const { page } = ouverte;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.waitForTimeout(200);
    const cachees = await page.evaluate(() =>
      [...document.querySelectorAll(".obs-tableau-defilant")].flatMap((boite) => {
        const cadre = boite.getBoundingClientRect();
        return [...boite.querySelectorAll("thead th")]
          .map((th) => ({ th, r: th.getBoundingClientRect() }))
          .filter(({ r }) => r.left < cadre.left - 1 || r.right > cadre.right + 1)
          .map(({ th, r }) => `${boite.getAttribute("aria-label")} : « ${th.textContent} » (${Math.round(r.left)}–${Math.round(r.right)} px, boîte ${Math.round(cadre.left)}–${Math.round(cadre.right)} px)`);
      }),
    );
    expect(await page.locator(".obs-tableau-defilant").count()).toBeGreaterThan(0);
    expect(cachees).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForTimeout(200);
    const mesure = await page.evaluate(() => ({ largeur: document.documentElement.scrollWidth, ecran: window.innerWidth }));
    expect(mesure.largeur, "page plus large que l'écran du téléphone").toBeLessThanOrEqual(mesure.ecran);
    // A table wider than the phone scrolls in its box, and its first column (operator, convention, rule…) stays in view.
    const premieresColonnesPerdues = await page.evaluate(() =>
      [...document.querySelectorAll(".obs-bloc-interne .obs-tableau-defilant")]
        .filter((boite) => boite.scrollWidth > boite.clientWidth)
        .flatMap((boite) => {
          boite.scrollLeft = boite.scrollWidth;
          const th = boite.querySelector("thead th")!.getBoundingClientRect();
          return th.left >= boite.getBoundingClientRect().left - 1 ? [] : [`${boite.getAttribute("aria-label")} : première colonne à ${Math.round(th.left)} px`];
        }),
    );
    expect(premieresColonnesPerdues).toEqual([]);
    await navigateur.fermer(ouverte);
  });
});
