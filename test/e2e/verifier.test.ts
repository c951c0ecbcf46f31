// « Vérifier un fichier » in the built site: an operator picks a file and the page shows the pipeline's verdict
// (the same verifierFichier, run here in Node for the expected values), makes no request while checking (the file
// never leaves the browser), downloads the refused rows as a workbook that reads back, shows and downloads the values
// ignored in rows that load, refuses a period after today, checks a 20 000-row workbook without freezing (progress
// shown, the page answering meanwhile), and is usable at 375 px and by the accessibility rules.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifierFichier } from "../../pipelines/ingest/verifier.ts";
import { readCsvBytes } from "../../pipelines/read/csv.ts";
import { COLONNES_REFUS, FEUILLE_IGNOREES, FEUILLE_REFUS } from "../../pipelines/site/verificateur/classeur-refus.ts";
import { requireDist } from "./build-info.ts";
import { lancer, type Navigateur, violationsGraves } from "./navigateur.ts";

const CHEMIN = "/verifier-un-fichier";
const DOUBLONS = "test/fixtures/bad/lda_mesures__DOUBLONS__2026-10.csv";
const VIDE = "test/fixtures/bad/nv_consultations__VIDE__2026-10.csv";
const SEXE_X = "test/fixtures/bad/lda_mesures__RETOUR-CHARIOT__2026-10.csv";
const n = (x: number) => x.toLocaleString("fr-FR").replace(/\s/g, " ");
// Node and Chromium may not group thousands with the same space (U+202F or U+00A0): compared as plain spaces.
const espaces = (texte: string | null) => (texte ?? "").replace(/\s/g, " ");

/** Requests the page makes from now on (the worker's included: Chromium reports them to the page). */
function requetes(page: Page): string[] {
  const vues: string[] = [];
  page.on("request", (r) => vues.push(r.url()));
  return vues;
}

async function choisir(page: Page, chemin: string): Promise<void> {
  await page.setInputFiles("#verif-fichier", chemin);
  await page.waitForSelector("#verdict-statut", { timeout: 120_000 });
}

/** Each sheet's rows as read back, the header row first. */
async function feuilles(chemin: string): Promise<Record<string, unknown[][]>> {
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.readFile(chemin);
  const lu: Record<string, unknown[][]> = {};
  classeur.eachSheet((feuille) => {
    const lignes: unknown[][] = [];
    feuille.eachRow((row) => lignes.push((row.values as unknown[]).slice(1)));
    lu[feuille.name] = lignes;
  });
  return lu;
}

/** 20 000 measures from the Logement d'abord fixture's first row, each its own measure, person and household. */
async function grandClasseur(dossier: string): Promise<string> {
  const { headers, rows } = readCsvBytes(new Uint8Array(readFileSync("test/fixtures/lda/lda_mesures__OP-A__2026-12.csv")));
  const modele = rows[0]!.values;
  const classeur = new ExcelJS.Workbook();
  const feuille = classeur.addWorksheet("lda_mesures");
  feuille.addRow(headers);
  for (let i = 1; i <= 20_000; i++) {
    const ligne = headers.map((h, c) => (h === "id_mesure" ? `M${i}` : h === "id_personne" ? `P${i}` : h === "id_menage" ? `H${i}` : modele[c]));
    feuille.addRow(ligne);
  }
  const chemin = join(dossier, "lda_mesures__OP-A__2026-12.xlsx");
  await classeur.xlsx.writeFile(chemin);
  return chemin;
}

describe("Vérifier un fichier", () => {
  let navigateur: Navigateur;
  let dossier: string;
  beforeAll(async () => {
    requireDist();
    navigateur = await lancer();
    dossier = mkdtempSync(join(tmpdir(), "obs-verifier-e2e-"));
  });
  afterAll(async () => navigateur?.close());

  it("montre le verdict du pipeline sans aucune requête, puis télécharge les lignes refusées en XLSX", async () => {
    const attendu = await verifierFichier(new Uint8Array(readFileSync(DOUBLONS)), basename(DOUBLONS));
    // The fixture's hand count: 5 rows read, M1 twice and M2 twice → 2 duplicates refused, 3 loaded.
    expect([attendu.lues, attendu.chargees, attendu.rejetees]).toEqual([5, 3, 2]);
    const ouverte = await navigateur.ouvrir(CHEMIN);
    const { page } = ouverte;
    await expect(page.locator("#verif-confidentialite").textContent()).resolves.toContain("ne quitte pas votre ordinateur");
    const pendant = requetes(page);
    await choisir(page, DOUBLONS);
    expect(pendant, "requêtes pendant le contrôle").toEqual([]);

    await expect(page.locator(".obs-verif-identite").textContent()).resolves.toContain("rapport lda_mesures (d'après le nom du fichier)");
    const statut = espaces(await page.locator("#verdict-statut").textContent());
    expect(statut).toContain(`${n(5)} lignes lues : ${n(3)} seraient chargées, ${n(2)} seraient refusées`);
    const lignes = await page.locator("#verdict-refus tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(lignes).toEqual(attendu.refus.map((q) => [String(q.line), q.column ?? "", q.rawValue ?? "", q.reason]));
    // The focus moves to the verdict, whose heading a screen reader then reads.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("verdict-titre");
    await expect(page.locator("#verif-progression").textContent()).resolves.toContain("Contrôle terminé");

    const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#verif-telecharger")]);
    expect(telechargement.suggestedFilename()).toBe("lignes-refusees-lda_mesures__DOUBLONS__2026-10.xlsx");
    // No value ignored in this file: the workbook keeps its one sheet.
    expect(await feuilles((await telechargement.path())!)).toEqual({ [FEUILLE_REFUS]: [[...COLONNES_REFUS], ...attendu.refus.map((q) => [q.line, q.column, q.rawValue, q.reason])] });
    // Whatever was asked for checking and downloading stayed in the browser (the workbook is a blob: URL).
    expect(pendant.filter((u) => !u.startsWith("blob:"))).toEqual([]);

    expect(await violationsGraves(page)).toEqual([]);
    await navigateur.fermer(ouverte);
  });

  it("montre les valeurs ignorées des lignes chargées et les met dans le classeur, feuille à part", async () => {
    const attendu = await verifierFichier(new Uint8Array(readFileSync(SEXE_X)), basename(SEXE_X));
    // attendus.json: 3 rows read, all loaded; line 3's sexe « X » ignored (read « non renseigné »).
    expect([attendu.lues, attendu.chargees, attendu.rejetees, attendu.refus.length]).toEqual([3, 3, 0, 0]);
    expect(attendu.valeursIgnorees.map((q) => [q.line, q.column, q.rawValue])).toEqual([[3, "sexe", "X"]]);
    const ouverte = await navigateur.ouvrir(CHEMIN);
    const { page } = ouverte;
    const pendant = requetes(page);
    await choisir(page, SEXE_X);
    const statut = espaces(await page.locator("#verdict-statut").textContent());
    expect(statut).toContain("Fichier accepté, avec des valeurs ignorées");
    expect(statut).toContain(`${n(3)} lignes lues : ${n(3)} seraient chargées, ${n(0)} serait refusée, ${n(1)} valeur ignorée dans les lignes chargées`);
    await expect(page.locator("#verdict-refus").count()).resolves.toBe(0);
    const lignes = await page.locator("#verdict-ignorees tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(lignes).toEqual(attendu.valeursIgnorees.map((q) => [String(q.line), q.column ?? "", q.rawValue ?? "", q.reason]));
    expect(lignes[0]![3]).toContain("valeur ignorée (lue « non renseigné »), la ligne est chargée");

    await expect(page.locator("#verif-telecharger").textContent()).resolves.toBe("Télécharger les valeurs ignorées (XLSX)");
    const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#verif-telecharger")]);
    const lu = await feuilles((await telechargement.path())!);
    expect(lu[FEUILLE_REFUS]).toEqual([[...COLONNES_REFUS]]);
    expect(lu[FEUILLE_IGNOREES]).toEqual([[...COLONNES_REFUS], ...attendu.valeursIgnorees.map((q) => [q.line, q.column, q.rawValue, q.reason])]);
    expect(pendant.filter((u) => !u.startsWith("blob:"))).toEqual([]);
    expect(await violationsGraves(page)).toEqual([]);
    await navigateur.fermer(ouverte);
  });

  it("refuse une période postérieure à la date du jour, comme le chargement de ce jour", async () => {
    const annee = new Date().getUTCFullYear() + 1;
    const chemin = join(dossier, `lda_mesures__OP-A__${annee}-01.csv`);
    writeFileSync(chemin, readFileSync("test/fixtures/lda/lda_mesures__OP-A__2026-12.csv"));
    // The page's reference date is the browser's today (no OBS_DATE_REFERENCE there): expected at today's date.
    const attendu = await verifierFichier(new Uint8Array(readFileSync(chemin)), basename(chemin), { dateReference: new Date().toISOString().slice(0, 10) });
    expect(attendu.motif).toMatch(new RegExp(`^période « ${annee}-01 » postérieure à la date de référence du traitement`));
    const ouverte = await navigateur.ouvrir(CHEMIN);
    const { page } = ouverte;
    await choisir(page, chemin);
    await expect(page.locator("#verdict-statut").getAttribute("data-statut")).resolves.toBe("rejete");
    await expect(page.locator(".obs-verif-motif").textContent()).resolves.toBe(attendu.motif);
    await navigateur.fermer(ouverte);
  });

  it("refuse un fichier vide en entier, avec le motif du pipeline, et reste lisible sur un téléphone", async () => {
    const attendu = await verifierFichier(new Uint8Array(readFileSync(VIDE)), basename(VIDE));
    expect(attendu.statut).toBe("rejete");
    const ouverte = await navigateur.ouvrir(CHEMIN);
    const { page } = ouverte;
    await page.setViewportSize({ width: 375, height: 812 });
    await choisir(page, VIDE);
    await expect(page.locator("#verdict-statut").getAttribute("data-statut")).resolves.toBe("rejete");
    await expect(page.locator(".obs-verif-motif").textContent()).resolves.toBe(attendu.motif);
    await expect(page.locator("#verif-telecharger").isHidden()).resolves.toBe(false);
    const largeur = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(largeur[0]).toBeLessThanOrEqual(largeur[1]!);
    await navigateur.fermer(ouverte);
  });

  it("vérifie un classeur de 20 000 lignes sans figer la page, avancement affiché", async () => {
    const chemin = await grandClasseur(dossier);
    const ouverte = await navigateur.ouvrir(CHEMIN);
    const { page } = ouverte;
    await page.evaluate(() => {
      const textes: string[] = [];
      (window as unknown as { progression: string[] }).progression = textes;
      const etat = document.getElementById("verif-progression")!;
      new MutationObserver(() => textes.push(etat.textContent ?? "")).observe(etat, { childList: true, characterData: true, subtree: true });
    });
    const pendant = requetes(page);
    await page.setInputFiles("#verif-fichier", chemin);
    // While the worker reads and checks, the page answers: each evaluation comes back quickly.
    let pire = 0;
    while ((await page.locator("#verdict-statut").count()) === 0) {
      const debut = Date.now();
      await page.evaluate(() => document.title);
      pire = Math.max(pire, Date.now() - debut);
      await page.waitForTimeout(50);
    }
    expect(pire, "pire temps de réponse de la page pendant le contrôle (ms)").toBeLessThan(1_000);
    const textes = await page.evaluate(() => (window as unknown as { progression: string[] }).progression);
    expect(textes).toContain("Lecture du fichier…");
    expect(textes.map(espaces).some((t) => /^Contrôle des lignes : [\d ]+ sur 20 000$/.test(t))).toBe(true);
    const statut = espaces(await page.locator("#verdict-statut").textContent());
    // Every row is the fixture's first measure (loaded in test/fixtures/lda) under its own identifiers: all loaded.
    expect(statut).toContain(`${n(20_000)} lignes lues : ${n(20_000)} seraient chargées, ${n(0)} serait refusée`);
    expect(pendant).toEqual([]);
    await navigateur.fermer(ouverte);
  });
});
