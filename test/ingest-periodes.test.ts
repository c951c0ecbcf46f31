// The period in a file's name (issue 14 point 5) and what the report, the terminal summary and the ledger say of a
// replaced file or of a byte-identical copy. Every run here fixes its reference date, as a replay would.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dateReference } from "../pipelines/date-reference.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory, type IngestReport } from "../pipelines/ingest/index.ts";
import { printIngestSummary } from "../pipelines/ingest/summary.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { createMacros } from "../pipelines/models/run.ts";

const HEADER = "code_operateur;id_mesure;id_personne;id_menage;dispositif;territoire_lda;sexe;age_entree;composition_familiale;situation_logement_entree;date_signature_contrat;date_debut\n";
const mesure = (id: string, operateur = "ASSO-1") => `${operateur};${id};P${id};H${id};adsl;lens_henin;F;34;personne_seule;rue;12/01/2026;15/01/2026\n`;
const SUBSIDE = "CODE OPERATEUR;Identifiant de la dépense;id_mesure;Date de la depense;Catégorie;Montant (€);Justificatif fourni\n";
const REFERENCE = "2026-06-15";

function inbox(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "obs-periodes-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const statuts = (report: IngestReport) => Object.fromEntries(report.fichiers.map((f) => [f.nom, f.statut]));

describe("the run's reference date", () => {
  it("is today by default, OBS_DATE_REFERENCE when set, and an invalid value stops with the format to write", () => {
    expect(dateReference({}, new Date("2026-12-03T10:00:00Z"))).toBe("2026-12-03");
    expect(dateReference({ OBS_DATE_REFERENCE: "2026-06-30" })).toBe("2026-06-30");
    for (const bad of ["2026-02-30", "30/06/2026", "2026-6-30", "demain"]) {
      expect(() => dateReference({ OBS_DATE_REFERENCE: bad }), bad).toThrow(/OBS_DATE_REFERENCE=« .* » n'est pas une date valide : .*AAAA-MM-JJ/);
    }
  });
});

describe("a period after the reference date", () => {
  it("is refused with the reference date and the fix, and loads nothing (9999 included)", async () => {
    const connection = await openDatabase(":memory:");
    const report = await ingestDirectory(
      connection,
      inbox({ "lda_mesures__ASSO-1__2031-12.csv": HEADER + mesure("M1"), "lda_mesures__ASSO-2__9999.csv": HEADER + mesure("M2", "ASSO-2"), "lda_mesures__ASSO-3__2026-06.csv": HEADER + mesure("M3", "ASSO-3") }),
      { dateReference: REFERENCE },
    );
    expect(statuts(report)).toEqual({ "lda_mesures__ASSO-1__2031-12.csv": "rejete", "lda_mesures__ASSO-2__9999.csv": "rejete", "lda_mesures__ASSO-3__2026-06.csv": "charge" });
    expect(report.fichiers[0]!.motif).toBe(
      "période « 2031-12 » postérieure à la date de référence du traitement (2026-06-15) : un fichier ne peut pas arrêter des données à venir ; " +
        "corriger la période dans le nom du fichier (AAAA-MM du mois arrêté), ou fixer OBS_DATE_REFERENCE=AAAA-MM-JJ pour rejouer un traitement à une autre date",
    );
    expect(await query(connection, "SELECT id_mesure FROM raw.lda_mesures")).toEqual([{ id_mesure: "M3" }]);
    const ledger = await query(connection, "SELECT nom, statut FROM raw.fichiers ORDER BY nom");
    expect(ledger.map((r) => r.statut)).toEqual(["rejete", "rejete", "charge"]);
  });
});

describe("variants of one month", () => {
  it("2026-06-30, then 2026-06 and a « (1) » copy without _vN: refused asking for _v2; then _v2 replaces the day's file", async () => {
    const connection = await openDatabase(":memory:");
    const first = await ingestDirectory(connection, inbox({ "lda_mesures__ASSO-1__2026-06-10.csv": HEADER + mesure("M1") }), { dateReference: REFERENCE });
    expect(statuts(first)).toEqual({ "lda_mesures__ASSO-1__2026-06-10.csv": "charge" });

    const again = await ingestDirectory(
      connection,
      inbox({ "lda_mesures__ASSO-1__2026-06.csv": HEADER + mesure("M2"), "lda_mesures__ASSO-1__2026-06-10 (1).csv": HEADER + mesure("M3") }),
      { dateReference: REFERENCE },
    );
    expect(statuts(again)).toEqual({ "lda_mesures__ASSO-1__2026-06.csv": "rejete", "lda_mesures__ASSO-1__2026-06-10 (1).csv": "rejete" });
    for (const f of again.fichiers) {
      expect(f.motif).toContain("période 2026-06 déjà reçue pour lda_mesures de ASSO-1 (« lda_mesures__ASSO-1__2026-06-10.csv ») : rien n'a été remplacé");
      expect(f.motif).toMatch(/le renvoyer sous le nom lda_mesures__ASSO-1__2026-06(-10)?_v2\.<csv\|xlsx>/);
    }
    expect(await query(connection, "SELECT id_mesure FROM raw.lda_mesures")).toEqual([{ id_mesure: "M1" }]);

    const v2 = await ingestDirectory(connection, inbox({ "lda_mesures__ASSO-1__2026-06_v2.csv": HEADER + mesure("M4") }), { dateReference: REFERENCE });
    expect(v2.fichiers[0]).toMatchObject({ statut: "charge", remplace: [first.fichiers[0]!.fichier] });
    expect(await query(connection, "SELECT id_mesure FROM raw.lda_mesures")).toEqual([{ id_mesure: "M4" }]);
  });

  it("a snapshot table's file without a readable period is refused; an act table's is loaded but ranks below the named file", async () => {
    const connection = await openDatabase(":memory:");
    const report = await ingestDirectory(
      connection,
      inbox({
        "export mesures juin.csv": HEADER + mesure("M1"),
        "envaul_subsides__ASSO-2__2026-06.csv": SUBSIDE + "ASSO-2;S1;E1;03/06/2026;loyer;300;Oui\n",
        "subsides juin.csv": SUBSIDE + "ASSO-2;S1;E1;03/06/2026;loyer;999;Oui\n",
      }),
      { dateReference: REFERENCE },
    );
    expect(statuts(report)).toEqual({ "envaul_subsides__ASSO-2__2026-06.csv": "charge", "export mesures juin.csv": "rejete", "subsides juin.csv": "charge" });
    expect(report.fichiers.find((f) => f.nom === "export mesures juin.csv")!.motif).toBe(
      "période absente du nom du fichier : les effectifs de lda_mesures dépendent de la date d'arrêté du fichier ; renommer le fichier lda_mesures__<code opérateur>__<AAAA-MM>.csv (mois arrêté) et le renvoyer",
    );
    // The named file (period 2026-06) ranks above the unnamed one, loaded later: its 300 € is the subsidy that counts.
    // The macros read the reference data (the run's reference date), as in a run: reference first.
  await loadReference(connection, undefined, "2027-12-31");
  await createMacros(connection);
    const latest = await query(connection, "SELECT nom FROM fichiers_actifs() WHERE table_rapport = 'envaul_subsides' ORDER BY rang DESC LIMIT 1");
    expect(latest).toEqual([{ nom: "envaul_subsides__ASSO-2__2026-06.csv" }]);
  });
});

describe("a replaced file and a byte-identical copy", () => {
  it("the report, the summary and the ledger all say « remplacé »; the copy is listed in raw.copies, loaded once", async () => {
    const connection = await openDatabase(":memory:");
    const report = await ingestDirectory(
      connection,
      inbox({
        "lda_mesures__ASSO-1__2026-05.csv": HEADER + mesure("M1"),
        "lda_mesures__ASSO-1__2026-05_v2.csv": HEADER + mesure("M2"),
        "lda_mesures__ASSO-1__2026-05_v2 - copie.csv": HEADER + mesure("M2"),
      }),
      { dateReference: REFERENCE },
    );
    expect(statuts(report)).toEqual({
      "lda_mesures__ASSO-1__2026-05.csv": "remplace",
      "lda_mesures__ASSO-1__2026-05_v2 - copie.csv": "deja_charge",
      "lda_mesures__ASSO-1__2026-05_v2.csv": "charge",
    });
    const ledger = await query(connection, "SELECT nom, statut FROM raw.fichiers ORDER BY nom");
    expect(ledger).toEqual([
      { nom: "lda_mesures__ASSO-1__2026-05.csv", statut: "remplace" },
      { nom: "lda_mesures__ASSO-1__2026-05_v2.csv", statut: "charge" },
    ]);
    expect(await query(connection, "SELECT nom, copie_de FROM raw.copies")).toEqual([
      { nom: "lda_mesures__ASSO-1__2026-05_v2 - copie.csv", copie_de: "lda_mesures__ASSO-1__2026-05_v2.csv" },
    ]);
    expect(await query(connection, "SELECT id_mesure FROM raw.lda_mesures")).toEqual([{ id_mesure: "M2" }]);
    const lines: string[] = [];
    printIngestSummary(report, (l) => lines.push(l));
    expect(lines.find((l) => l.startsWith("lda_mesures__ASSO-1__2026-05.csv"))).toMatch(/ remplacé\s*$/);
    expect(lines.find((l) => l.startsWith("lda_mesures__ASSO-1__2026-05_v2 - copie.csv"))).toMatch(/ déjà chargé\s*$/);
    expect(lines).toContain("  ↻ lda_mesures__ASSO-1__2026-05.csv : remplacé par « lda_mesures__ASSO-1__2026-05_v2.csv » (ses lignes ne comptent plus)");
  });
});
