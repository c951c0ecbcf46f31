// « Suivi des envois » (/interne/envois, internal edition only) and the operator pages' submissions, quality trend and
// files' history, in headless Chromium on dist-interne/: the counts per operator and status equal mart_envois_suivi,
// the reminders CSV holds every missing or refused submission (the project's CSV cell rule), the filters narrow the
// list, and an operator page shows its months of refused rows and its files' states as the ledger history has them.
// dist-interne/ is built once by `npm test` (test/preparer.ts) or `npm run build -- --profile interne`.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_DIRS } from "../../pipelines/site/build.ts";
import { DIST, lire, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

const DIST_INTERNE = SITE_DIRS.interne;

const avecSuivi = (await lire("SELECT 1 FROM information_schema.tables WHERE table_name = 'mart_envois_suivi'")).length === 1;

describe.skipIf(!avecSuivi)("suivi des envois, dans l'édition interne", () => {
  let navigateur: Navigateur;

  beforeAll(async () => {
    requireDist(DIST_INTERNE);
    navigateur = await lancer(DIST_INTERNE);
  });
  afterAll(async () => navigateur?.close());

  it("la page n'existe que dans dist-interne/", () => {
    expect(existsSync(join(DIST_INTERNE, "interne/envois.html"))).toBe(true);
    expect(existsSync(join(DIST, "interne/envois.html"))).toBe(false);
  });

  it("par opérateur et par statut, les nombres de mart_envois_suivi ; le CSV des relances les contient toutes", async () => {
    const parStatut = await lire<{ code_operateur: string; attendus: number; manquant: number; refuse: number; en_retard: number }>(
      `SELECT code_operateur, CAST(count(*) AS INTEGER) AS attendus, CAST(count(*) FILTER (WHERE statut = 'manquant') AS INTEGER) AS manquant,
              CAST(count(*) FILTER (WHERE statut = 'refuse') AS INTEGER) AS refuse, CAST(count(*) FILTER (WHERE statut = 'en_retard') AS INTEGER) AS en_retard
       FROM mart_envois_suivi GROUP BY 1 ORDER BY 1`,
    );
    expect(parStatut.length).toBeGreaterThan(5);
    const ouverte = await navigateur.ouvrir("/interne/envois");
    const { page } = ouverte;
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    // The table per operator: code, expected, then one column per status in STATUTS_ENVOI's order, then resubmissions.
    const tableau = page.locator("table", { has: page.locator("caption", { hasText: "par statut" }) });
    for (const o of parStatut) {
      const cellules = (await tableau.locator("tr", { hasText: o.code_operateur }).first().locator("td").allTextContents()).map((t) => t.replace(/[\u202f\u00a0 ]/g, ""));
      expect(cellules[0]).toBe(o.code_operateur);
      expect(cellules[1]).toBe(String(o.attendus));
      expect(cellules[3]).toBe(String(o.en_retard));
      expect(cellules[4]).toBe(String(o.refuse));
      expect(cellules[5]).toBe(String(o.manquant));
    }
    const relances = parStatut.reduce((s, o) => s + o.manquant + o.refuse, 0);
    expect(relances).toBeGreaterThan(0);
    const bloc = page.locator(".obs-bloc-tableau", { has: page.locator("caption", { hasText: "relance" }) });
    const [telechargement] = await Promise.all([page.waitForEvent("download"), bloc.locator('button[data-csv="standard"]').click()]);
    expect(telechargement.suggestedFilename()).toBe("relances-a-envoyer.csv");
    const csv = readFileSync(await telechargement.path(), "utf8").split("\r\n").filter(Boolean);
    expect(csv[0]).toBe("Opérateur,Convention,Envoi,Période ou objet,Échéance,Statut,Jours de retard,Message de relance");
    expect(csv).toHaveLength(1 + relances);
    // The most overdue first (several may share the longest delay), with its message.
    const [{ max }] = (await lire<{ max: number }>("SELECT max(jours_retard) AS max FROM mart_envois_suivi WHERE statut = 'manquant'")) as [{ max: number }];
    expect(csv[1]).toContain(`,manquant,${max},`);
    expect(csv[1]).toContain("Transmettre le ");
    // Filtered by status: only that status is left in the list of every submission.
    await page.selectOption('select[name="statut"]', "refuse");
    const legende = page.locator("caption", { hasText: "attendu" }).last();
    const refuses = parStatut.reduce((s, o) => s + o.refuse, 0);
    await expect.poll(async () => (await legende.textContent()) ?? "", { timeout: 10_000 }).toMatch(refuses === 0 ? /./ : new RegExp(`^${refuses} envoi`));
    await navigateur.fermer(ouverte);
  });

  it("la page d'un opérateur : ses envois, la part de lignes refusées par mois et l'historique de ses fichiers", async () => {
    const [{ code }] = (await lire<{ code: string }>(
      "SELECT code_operateur AS code FROM raw.fichiers_historique WHERE code_operateur IN (SELECT code_operateur FROM mart_financement) GROUP BY 1 ORDER BY sum(lignes_rejetees) DESC, 1 LIMIT 1",
    )) as [{ code: string }];
    const mois = await lire<{ mois: string; lignes_rejetees: number }>(
      `WITH d AS (SELECT * FROM raw.fichiers_historique WHERE code_operateur = ? AND length(periode) IN (7, 10) QUALIFY row_number() OVER (PARTITION BY fichier ORDER BY execution DESC) = 1)
       SELECT left(periode, 7) AS mois, CAST(sum(lignes_rejetees) AS INTEGER) AS lignes_rejetees FROM d GROUP BY 1 ORDER BY 1`,
      [code],
    );
    const fichiers = await lire<{ nom: string }>("SELECT DISTINCT nom FROM raw.fichiers_historique WHERE code_operateur = ?", [code]);
    const ouverte = await navigateur.ouvrir(`/interne/operateurs/${code}`);
    const { page } = ouverte;
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    const qualite = page.locator("table", { has: page.locator("caption", { hasText: "tendance de la qualité" }) });
    expect(await qualite.locator("tbody tr").count()).toBe(mois.length);
    const premiere = (await qualite.locator("tbody tr").first().locator("td").allTextContents()).map((t) => t.replace(/[\u202f\u00a0 ]/g, ""));
    expect(premiere[0]).toBe(mois[0]!.mois);
    expect(premiere[3]).toBe(String(mois[0]!.lignes_rejetees));
    const historique = (await page.locator("table", { has: page.locator("caption", { hasText: "Historique" }) }).textContent()) ?? "";
    expect(historique).toContain(fichiers[0]!.nom);
    expect(await page.locator("caption", { hasText: "à relancer" }).count()).toBe(1);
    await navigateur.fermer(ouverte);
  });
});
