// `npm run retours` (pipelines/retours/): one feedback workbook per operator, read back here. Each holds its refused
// rows (reasons and values read), its alerts (rule name, what to do) and its submissions to send — and nothing of
// another operator: no other operator's code, file name, refused row or alert. No cell is a formula, and a text that
// starts like one carries the project's leading apostrophe (observatory/components/cellule-csv.ts).
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estFormule } from "../observatory/components/cellule-csv.ts";
import { LEDGER_DDL } from "../pipelines/db/ddl.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { AUTRE_OPERATEUR, motifCode } from "../pipelines/retours/donnees.ts";
import { ecrireRetours, nomClasseur } from "../pipelines/retours/ecrire.ts";

let connection: DuckDBConnection;
let dossier: string;

/** Every cell of a workbook: its sheet, its value as read back, and whether it holds a formula. */
async function cellules(fichier: string): Promise<{ feuille: string; valeur: unknown; formule: boolean }[]> {
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.readFile(fichier);
  const toutes: { feuille: string; valeur: unknown; formule: boolean }[] = [];
  classeur.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => toutes.push({ feuille: ws.name, valeur: c.value, formule: c.type === ExcelJS.ValueType.Formula || c.formula !== undefined })),
    ),
  );
  return toutes;
}

const texte = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

// Two operators, OP-A and OP-B (and OP-AB, whose code holds OP-A's), each with a refused row, an alert and a missing
// submission. OP-B's refused value is a formula; OP-A's alert names OP-B's convention (as 2.9 r01 names the other holder).
beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await connection.run(LEDGER_DDL);
  const fichier = (id: string, nom: string, op: string | null, table: string) =>
    connection.run(`INSERT INTO raw.fichiers VALUES ('${id}', '${nom}', '${table}', ${op ? `'${op}'` : "NULL"}, '2026-10', 'csv', 3, 2, 1, 'charge', NULL, NULL, TIMESTAMP '2026-11-02 09:00:00')`);
  await fichier("FA", "lda_mesures__OP-A__2026-10.csv", "OP-A", "lda_mesures");
  await fichier("FB", "lda_mesures__OP-B__2026-10.csv", "OP-B", "lda_mesures");
  await fichier("FAB", "bilans__OP-AB__2026-10.csv", "OP-AB", "bilans");
  await fichier("FC", "conventions__CD62__2026.csv", "CD62", "conventions");
  await connection.run(`INSERT INTO raw.quarantaine VALUES
    ('FA', 'lda_mesures__OP-A__2026-10.csv', 'lda_mesures', 4, 'date_debut', '31/02/2026', 'date impossible : le 31 février n''existe pas'),
    ('FB', 'lda_mesures__OP-B__2026-10.csv', 'lda_mesures', 7, 'sexe', '=HYPERLINK("http://exemple.invalid","clic")', 'valeur « =HYPERLINK » inconnue : F, M'),
    ('FAB', 'bilans__OP-AB__2026-10.csv', 'bilans', 2, 'type_bilan', 'bilan_7m', 'valeur inconnue'),
    ('FC', 'conventions__CD62__2026.csv', 'conventions', 3, 'taux_avance', '1,5', 'taux au-delà de 1')`);
  await connection.run(`CREATE TABLE staging_conventions AS SELECT * FROM (VALUES ('C-A', 'OP-A'), ('C-B', 'OP-B'), ('C-AB', 'OP-AB')) AS t(id_convention, code_operateur)`);
  await connection.run(`CREATE TABLE mart_alertes AS SELECT * FROM (VALUES
    ('f2_9_observatoire_jeunes', 'OP-A', 'C-A', 'r01', 'erreur', 'convention CONV-2026-OBS-OP-B de OP-B sur la même période : 1 seul porteur de projet', 'C-A', 'Un seul porteur de projet', 'Un seul opérateur porte l''observatoire : vérifier les conventions.'),
    ('f2_4_adsl', 'OP-B', 'M-B-1', 'r05', 'avertissement', 'bilan_6m manquant : mesure M-B-1', 'C-B', 'Bilans à 6 et 12 mois', 'Demander le bilan.'),
    ('f2_4_adsl', 'OP-AB', 'M-AB-1', 'r02', 'erreur', 'contrat signé après le début', 'C-AB', 'Contrat signé avant le début', 'Corriger la date.')
  ) AS t(fiche, code_operateur, id_enregistrement, regle, severite, detail, id_convention, libelle_regle, signification_regle)`);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ref; CREATE TABLE ref.date_reference AS SELECT DATE '2026-10-31' AS date_reference`);
  await connection.run(`CREATE TABLE mart_envois_suivi AS SELECT * FROM (VALUES
    ('OP-A', 'f2_4_adsl', 'C-A', 'releve_mensuel', 'lda_mois_mesures', 'relevé mensuel des mois-mesures Logement d''abord', '2026-08', DATE '2026-09-30', CAST(NULL AS DATE), 'manquant', 31, 0, 0),
    ('OP-A', 'f2_4_adsl', 'C-A', 'releve_mensuel', 'lda_mois_mesures', 'relevé mensuel des mois-mesures Logement d''abord', '2026-07', DATE '2026-08-31', DATE '2026-08-20', 'recu', NULL, 1, 0),
    ('OP-B', 'f2_4_adsl', 'C-B', 'bilan_final', 'bilan_final_action', 'bilan final d''activité de la convention', 'C-B', DATE '2026-06-30', CAST(NULL AS DATE), 'manquant', 123, 0, 0)
  ) AS t(code_operateur, fiche, id_convention, nature, document, libelle_document, objet, echeance, recu_le, statut, jours_retard, envois, renvois)`);
  dossier = mkdtempSync(join(tmpdir(), "obs-retours-"));
  await ecrireRetours(connection, dossier);
});

afterAll(() => closeDatabase(connection));

describe("npm run retours", () => {
  it("un classeur par opérateur, le Département exclu", () => {
    expect(readdirSync(dossier).sort()).toEqual(["retours-OP-A.xlsx", "retours-OP-AB.xlsx", "retours-OP-B.xlsx"]);
    expect(() => nomClasseur("../OP")).toThrow(/nom de fichier sûr/);
  });

  it("chaque classeur : ses lignes refusées, ses alertes avec le nom de la règle et quoi faire, ses envois manquants", async () => {
    const a = (await cellules(join(dossier, "retours-OP-A.xlsx"))).map((c) => ({ feuille: c.feuille, v: texte(c.valeur) }));
    const dans = (feuille: string) => a.filter((c) => c.feuille === feuille).map((c) => c.v);
    expect(dans("Lignes refusées")).toEqual(expect.arrayContaining(["lda_mesures__OP-A__2026-10.csv", "4", "date_debut", "31/02/2026", "date impossible : le 31 février n'existe pas"]));
    expect(dans("Alertes")).toEqual(expect.arrayContaining(["r01", "Un seul porteur de projet", "Erreur", "Un seul opérateur porte l'observatoire : vérifier les conventions."]));
    expect(dans("Envois à transmettre")).toContain("Transmettre le relevé mensuel des mois-mesures Logement d'abord de 2026-08 (fichier lda_mois_mesures__<code opérateur>__2026-08.csv), attendu au plus tard le 30/09/2026, 31 jours de retard.");
    // The submission received on time is no reminder.
    expect(dans("Envois à transmettre")).not.toContain("2026-07");
  });

  it("rien d'un autre opérateur : ni code, ni nom de fichier, ni ligne refusée, ni alerte", async () => {
    const operateurs = ["OP-A", "OP-B", "OP-AB", "CD62"];
    const fichiers: Record<string, string[]> = { "OP-A": ["lda_mesures__OP-A__2026-10.csv"], "OP-B": ["lda_mesures__OP-B__2026-10.csv"], "OP-AB": ["bilans__OP-AB__2026-10.csv"], CD62: ["conventions__CD62__2026.csv"] };
    const refusees: Record<string, string[]> = { "OP-A": ["31/02/2026"], "OP-B": ['HYPERLINK("http://exemple.invalid","clic")'], "OP-AB": ["bilan_7m"], CD62: ["1,5"] };
    const alertes: Record<string, string[]> = { "OP-A": ["1 seul porteur de projet"], "OP-B": ["M-B-1"], "OP-AB": ["contrat signé après le début"], CD62: [] };
    for (const classeur of readdirSync(dossier)) {
      const proprietaire = classeur.replace(/^retours-|\.xlsx$/g, "");
      const textes = (await cellules(join(dossier, classeur))).map((c) => texte(c.valeur));
      // Each workbook does hold its own operator's things: the checks below can fail.
      expect(textes.join("\n")).toContain(fichiers[proprietaire]![0]);
      for (const autre of operateurs.filter((o) => o !== proprietaire)) {
        for (const t of textes) {
          expect(t.replace(motifCode(proprietaire), ""), `${classeur} : code ${autre}`).not.toMatch(motifCode(autre));
          for (const f of fichiers[autre]!) expect(t, `${classeur} : fichier de ${autre}`).not.toContain(f);
          for (const r of refusees[autre]!) expect(t, `${classeur} : ligne refusée de ${autre}`).not.toContain(r);
          for (const d of alertes[autre]!) expect(t, `${classeur} : alerte de ${autre}`).not.toContain(d);
        }
      }
    }
    // OP-A's alert named OP-B's convention and code: both are replaced, the alert itself stays.
    const a = (await cellules(join(dossier, "retours-OP-A.xlsx"))).map((c) => texte(c.valeur));
    expect(a).toContain(`convention CONV-2026-OBS-${AUTRE_OPERATEUR} de ${AUTRE_OPERATEUR} sur la même période : 1 seul porteur de projet`);
  });

  it("aucune cellule n'est une formule ; un texte qui commence comme une formule porte l'apostrophe", async () => {
    const b = await cellules(join(dossier, "retours-OP-B.xlsx"));
    expect(b.filter((c) => c.formule)).toEqual([]);
    expect(b.map((c) => texte(c.valeur))).toContain(`'=HYPERLINK("http://exemple.invalid","clic")`);
    for (const classeur of readdirSync(dossier)) {
      for (const c of await cellules(join(dossier, classeur))) {
        expect(c.formule, `${classeur} ${c.feuille}`).toBe(false);
        if (typeof c.valeur === "string") expect(estFormule(c.valeur), `${classeur} ${c.feuille} : ${c.valeur}`).toBe(false);
      }
    }
  });
});

// The same isolation on the demo build's database, when there is one: every operator's workbook, every other code.
const BASE_DEMO = "build/observatoire.duckdb";
describe.skipIf(!existsSync(BASE_DEMO))("npm run retours sur la base de démonstration", () => {
  it("aucun classeur ne nomme un autre opérateur ni un de ses fichiers", async () => {
    const demo = await openDatabase(BASE_DEMO, { readOnly: true });
    const sortie = mkdtempSync(join(tmpdir(), "obs-retours-demo-"));
    let ecrits;
    let fichiers: { nom: string; code_operateur: string }[];
    try {
      ecrits = await ecrireRetours(demo, sortie);
      fichiers = await query(demo, "SELECT nom, code_operateur FROM raw.fichiers WHERE code_operateur IS NOT NULL");
    } finally {
      closeDatabase(demo);
    }
    const codes = ecrits.map((e) => e.operateur);
    expect(codes.length).toBeGreaterThan(10);
    expect(ecrits.some((e) => e.refusees > 0 && e.alertes > 0 && e.envois > 0)).toBe(true);
    for (const e of ecrits) {
      const textes = (await cellules(e.fichier)).map((c) => texte(c.valeur));
      for (const t of textes) {
        const sansLeSien = t.replace(motifCode(e.operateur), "");
        for (const autre of codes.filter((c) => c !== e.operateur)) expect(sansLeSien, `${e.operateur} : ${autre}`).not.toMatch(motifCode(autre));
      }
      const autresFichiers = new Set(fichiers.filter((f) => f.code_operateur !== e.operateur).map((f) => f.nom));
      for (const t of textes) expect(autresFichiers.has(t), `${e.operateur} : ${t}`).toBe(false);
    }
  });
});
