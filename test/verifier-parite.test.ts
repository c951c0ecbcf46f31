// « Vérifier un fichier » gives the pipeline's verdict: the checker the page runs in the browser (verifierFichier, from
// the file's bytes and name) and the ingest (ingestFile into DuckDB, SQL path where it applies, key set) judge the same
// files — the bad-input corpus, the test fixtures and every demo sample file — and must agree row by row: same table,
// operator and period, same file-level refusal, same warnings, same rows refused and same values ignored (non-blocking
// columns, raw.valeurs_ignorees) at the same lines, columns, values and reasons; and the file-name period rules (a
// period after the reference date or before 2000, a snapshot table's file without a period, one month's variants).
// Each file is ingested alone, in an empty database: the checker knows no ledger (a file already loaded, a later
// version already there, a second sending of the month without a higher _vN), and says so on the page.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { dateReference } from "../pipelines/date-reference.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestFile, operatorFiles, prepareRawSchema } from "../pipelines/ingest/index.ts";
import { DEMO_KEY } from "../pipelines/ingest/pseudonymise.ts";
import { type Verdict, type VerifierOptions, verifierFichier } from "../pipelines/ingest/verifier.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";

interface Comparable {
  statut: string;
  table: string | null;
  operateur: string | null;
  periode: string | null;
  motif: string | null;
  avertissements: string[];
  lues: number;
  chargees: number;
  rejetees: number;
  refus: Entree[];
  ignorees: Entree[];
}
type Entree = [number, string | null, string | null, string];

const ordre = (a: Entree, b: Entree) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;

type LigneEntree = { ligne: number; colonne: string | null; valeur_brute: string | null; motif: string };
const entrees = (lignes: LigneEntree[]) => lignes.map((q) => [Number(q.ligne), q.colonne, q.valeur_brute, q.motif] as Entree).sort(ordre);

/** `dateReference`: the run's reference date, else the pipeline's default (OBS_DATE_REFERENCE, else today). */
async function pipeline(path: string, dateReference?: string): Promise<Comparable> {
  const connection = await openDatabase(":memory:");
  try {
    await prepareRawSchema(connection);
    const f = await ingestFile(connection, path, { pseudonymKey: DEMO_KEY, dateReference });
    const lire = (table: string) => query<LigneEntree>(connection, `SELECT ligne, colonne, valeur_brute, motif FROM raw.${table}`);
    return {
      statut: f.statut,
      table: f.table,
      operateur: f.operateur,
      periode: f.periode,
      motif: f.statut === "rejete" ? f.motif : null,
      avertissements: f.avertissements,
      lues: f.lues,
      chargees: f.chargees,
      rejetees: f.rejetees,
      refus: entrees(await lire("quarantaine")),
      ignorees: entrees(await lire("valeurs_ignorees")),
    };
  } finally {
    closeDatabase(connection);
  }
}

const comparable = (v: Verdict): Comparable => ({
  statut: v.statut,
  table: v.table,
  operateur: v.operateur,
  periode: v.periode,
  motif: v.motif,
  avertissements: v.avertissements,
  lues: v.lues,
  chargees: v.chargees,
  rejetees: v.rejetees,
  refus: v.refus.map((q) => [q.line, q.column, q.rawValue, q.reason] as Entree).sort(ordre),
  ignorees: v.valeursIgnorees.map((q) => [q.line, q.column, q.rawValue, q.reason] as Entree).sort(ordre),
});

async function checker(path: string, options: VerifierOptions = {}): Promise<Comparable> {
  return comparable(await verifierFichier(new Uint8Array(readFileSync(path)), basename(path), options));
}

const fichiers = (dir: string) => operatorFiles(dir);

describe("« Vérifier un fichier » et le pipeline", () => {
  let samples: string;
  beforeAll(async () => {
    samples = mkdtempSync(join(tmpdir(), "obs-verifier-"));
    await generateSamples(samples, { seed: 7, scale: 0.2 });
  }, 120_000);

  const corpus = ["test/fixtures/bad", "test/fixtures/bad/tardifs", "test/fixtures/ingest", "test/fixtures/ingest-sql", "test/fixtures/lda"];

  it.each(corpus)("même verdict, ligne à ligne, sur chaque fichier de %s", async (dir) => {
    const paths = fichiers(dir);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const attendu = await pipeline(path);
      const obtenu = await checker(path);
      expect(obtenu, path).toEqual(attendu);
    }
  }, 120_000);

  it("même verdict, ligne à ligne, sur chaque fichier de démonstration", async () => {
    const paths = fichiers(samples);
    expect(paths.length).toBeGreaterThan(20);
    let refusees = 0;
    for (const path of paths) {
      const attendu = await pipeline(path);
      const obtenu = await checker(path);
      expect(obtenu, path).toEqual(attendu);
      refusees += obtenu.rejetees;
    }
    // The demo files carry injected defects: a comparison of files with nothing refused would prove little.
    expect(refusees).toBeGreaterThan(10);
  }, 240_000);

  it("le corpus de fichiers défectueux couvre les refus de fichier entier, les avertissements et les valeurs ignorées", async () => {
    const verdicts = await Promise.all(fichiers("test/fixtures/bad").map(async (p) => verifierFichier(new Uint8Array(readFileSync(p)), basename(p))));
    expect(verdicts.filter((v) => v.statut === "rejete").length).toBeGreaterThan(10);
    expect(verdicts.some((v) => v.avertissements.some((a) => a.includes("inconnue du modèle")))).toBe(true);
    expect(verdicts.some((v) => v.reconnuPar === "en-tetes")).toBe(true);
    // The parity above compares ignored values, not only empty lists: attendus.json lists at least 7 of them in
    // test/fixtures/bad (sexe « X », « assignaton », #N/A, misspelt territories and communes…).
    expect(verdicts.flatMap((v) => v.valeursIgnorees).length).toBeGreaterThanOrEqual(7);
  });

  describe("les règles de période du nom de fichier (test/ingest-periodes.test.ts)", () => {
    const HEADER = "code_operateur;id_mesure;id_personne;id_menage;dispositif;territoire_lda;sexe;age_entree;composition_familiale;situation_logement_entree;date_signature_contrat;date_debut\n";
    const mesure = (id: string, operateur: string) => `${operateur};${id};P${id};H${id};adsl;lens_henin;F;34;personne_seule;rue;12/01/2026;15/01/2026\n`;
    const SUBSIDE = "CODE OPERATEUR;Identifiant de la dépense;id_mesure;Date de la depense;Catégorie;Montant (€);Justificatif fourni\n";
    const REFERENCE = "2026-06-15";
    // Each file alone, as a first sending: what the checker can know. Hand-read from the rules (identify.ts, instantanes.ts).
    const attendus: Record<string, string> = {
      "lda_mesures__ASSO-1__2031-12.csv": "rejete", // after the reference date
      "lda_mesures__ASSO-2__9999.csv": "rejete", // after it too
      "lda_mesures__ASSO-3__1999-12.csv": "rejete", // before 2000
      "lda_mesures__ASSO-4__2026-06-30.csv": "rejete", // a day after 15 June
      "lda_mesures__ASSO-5__2026-06.csv": "charge", // the reference month starts before the 15th
      "lda_mesures__ASSO-6__2026-06-10.csv": "charge",
      "lda_mesures__ASSO-6__2026-06-10 (1).csv": "charge", // a copy's mark: the same period, alone it loads
      "export mesures juin.csv": "rejete", // a snapshot table without a period
      "subsides juin.csv": "charge", // an act table without a period: identified by its headers
      "mesures juin.xlsx": "rejete", // the snapshot refusal names the workbook's extension
    };
    let dossier: string;
    beforeAll(async () => {
      dossier = mkdtempSync(join(tmpdir(), "obs-verifier-periodes-"));
      for (const nom of Object.keys(attendus)) {
        if (nom.endsWith(".xlsx")) continue;
        const operateur = /__([A-Z0-9-]+)__/.exec(nom)?.[1] ?? "ASSO-1";
        writeFileSync(join(dossier, nom), nom.startsWith("subsides") ? SUBSIDE + "ASSO-2;S1;E1;03/06/2026;loyer;300;Oui\n" : HEADER + mesure("M1", operateur));
      }
      const classeur = new ExcelJS.Workbook();
      const feuille = classeur.addWorksheet("mesures");
      feuille.addRow(HEADER.trim().split(";"));
      feuille.addRow(mesure("M1", "ASSO-7").trim().split(";"));
      await classeur.xlsx.writeFile(join(dossier, "mesures juin.xlsx"));
    });

    it("même verdict à la même date de référence, et les statuts attendus", async () => {
      const statuts: Record<string, string> = {};
      for (const nom of Object.keys(attendus)) {
        const path = join(dossier, nom);
        const attendu = await pipeline(path, REFERENCE);
        const obtenu = await checker(path, { dateReference: REFERENCE });
        expect(obtenu, nom).toEqual(attendu);
        statuts[nom] = obtenu.statut;
      }
      expect(statuts).toEqual(attendus);
      const motif = (nom: string) => verifierFichier(new Uint8Array(readFileSync(join(dossier, nom))), nom, { dateReference: REFERENCE }).then((v) => v.motif);
      await expect(motif("lda_mesures__ASSO-1__2031-12.csv")).resolves.toMatch(/^période « 2031-12 » postérieure à la date de référence du traitement \(2026-06-15\)/);
      await expect(motif("lda_mesures__ASSO-3__1999-12.csv")).resolves.toMatch(/^période « 1999-12 » antérieure à 2000/);
      await expect(motif("mesures juin.xlsx")).resolves.toMatch(/^période absente du nom du fichier : .* renommer le fichier lda_mesures__<code opérateur>__<AAAA-MM>\.xlsx/);
    });

    it("sans date donnée, le vérificateur prend celle du pipeline (OBS_DATE_REFERENCE, sinon aujourd'hui)", async () => {
      const aujourdhui = dateReference();
      const nom = `lda_mesures__ASSO-8__${Number(aujourdhui.slice(0, 4)) + 1}-01.csv`;
      writeFileSync(join(dossier, nom), HEADER + mesure("M1", "ASSO-8"));
      const obtenu = await checker(join(dossier, nom));
      expect(obtenu).toEqual(await pipeline(join(dossier, nom)));
      expect(obtenu.statut).toBe("rejete");
      expect(obtenu.motif).toContain(`postérieure à la date de référence du traitement (${aujourdhui})`);
    });
  });

  it("même verdict sur le contrôle commune / territoire (test/lieux.test.ts)", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "obs-verifier-lieux-"));
    const MESURES = "code_operateur,id_mesure,id_personne,id_menage,dispositif,territoire_lda,sexe,age_entree,composition_familiale,situation_logement_entree,date_signature_contrat,date_debut,code_commune\n";
    const mesure = (id: string, dispositif: string, territoire: string, commune: string) => `OP-A,${id},P${id},H${id},${dispositif},${territoire},F,34,personne_seule,rue,2026-01-10,2026-01-15,${commune}\n`;
    const CONSULTATIONS =
      "code_operateur,id_consultation,date_consultation,mode_consultation,id_lieu,id_usager,type_consultant,code_commune_usager,territoire_mds_usager,statut_occupation,sexe,tranche_age,composition_familiale,situation_professionnelle,motif,theme_principal,themes_secondaires,domaine,habitat_indigne,permis_de_louer,orientation_vers\n";
    const consultation = (id: string, commune: string, territoire: string) =>
      `OP-I,${id},2026-03-10,permanence,L-ARRAS,U${id},particulier,${commune},${territoire},locataire_parc_prive,F,36_50,famille_monoparentale,emploi,,rapports_locatifs,,juridique,Non,Non,aucune\n`;
    // Hand-read in lieux.test.ts: Arras is in no LDA territory, Béthune not in Lens-Hénin, Calais not in the Boulonnais.
    const fichiersLieux: [string, string, number][] = [
      ["lda_mesures__OP-A__2026-06.csv", MESURES + mesure("M1", "adsl", "lens_henin", "62498") + mesure("M2", "vial", "arrageois_ternois", "62041") + mesure("M3", "adsl", "lens_henin", "62119") + mesure("M4", "vial", "arrageois_ternois", ""), 2],
      ["info_consultations__OP-I__2026-06.csv", CONSULTATIONS + consultation("C1", "62193", "calaisis") + consultation("C2", "62193", "boulonnais") + consultation("C3", "62193", ""), 1],
    ];
    for (const [nom, contenu, refusees] of fichiersLieux) {
      writeFileSync(join(dossier, nom), contenu);
      const obtenu = await checker(join(dossier, nom), { dateReference: "2026-06-30" });
      expect(obtenu, nom).toEqual(await pipeline(join(dossier, nom), "2026-06-30"));
      expect(obtenu.rejetees, nom).toBe(refusees);
      expect(obtenu.refus.every(([, , , motif]) => motif.includes("en désaccord") || motif.includes("territoire")), nom).toBe(true);
    }
  });
});
