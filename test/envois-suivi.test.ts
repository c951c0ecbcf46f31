// Expected submissions against what arrived (sql/int_envois_attendus.sql, sql/mart_envois_suivi.sql) on a hand-made
// fixture: the ledger, its history, conventions, measures and bilans are written here, the parameters are the real
// ref_parametres.csv (delai_releve_mensuel_mois 1 for 2.4; delai_bilan_final_mois 6 for 2.8 in 2025; bilans at 6 and
// 12 months for 2.4). Every expected status and day count below is computed by hand from the model's definition.
//
// Reference date (date_reference(), from ref.date_reference): the run's « today », set here to 2026-07-15 — also
// the latest snapshot of an operator file (lda_mesures__OP-A__2026-07-15), while the Département's
// conventions__CD62__2026 (31/12/2026) would be later: the date is the run's, not one found in the files.
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { rawTableDDL } from "../pipelines/db/ddl.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { prepareRawSchema } from "../pipelines/ingest/index.ts";
import type { EnvoiSuivi } from "../pipelines/site/envois.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { createMacros, runNamedModels } from "../pipelines/models/run.ts";
import { reportByTable } from "../pipelines/contracts/index.ts";

let connection: DuckDBConnection;

/** A ledger row of this run, and the run that first saw the file (raw.fichiers_historique). */
async function fichier(id: string, nom: string, table: string, operateur: string, periode: string, statut: string, vuLe: string) {
  await connection.run(
    `INSERT INTO raw.fichiers VALUES ($1, $2, $3, $4, $5, 'csv', 1, $6, $7, $8, NULL, NULL, TIMESTAMP '2026-07-20 08:00:00')`,
    [id, nom, table, operateur, periode, statut === "rejete" ? 0 : 1, statut === "rejete" ? 1 : 0, statut],
  );
  await connection.run(
    `INSERT INTO raw.fichiers_historique SELECT CAST($1 AS TIMESTAMP), fichier, nom, table_rapport, code_operateur, periode, lignes_lues, lignes_chargees, lignes_rejetees, statut, remplace_par, motif FROM raw.fichiers WHERE fichier = $2`,
    [`${vuLe} 09:00:00`, id],
  );
  // A later run that saw it again does not move its receipt.
  await connection.run(
    `INSERT INTO raw.fichiers_historique SELECT TIMESTAMP '2026-07-20 08:00:00', fichier, nom, table_rapport, code_operateur, periode, lignes_lues, lignes_chargees, lignes_rejetees, statut, remplace_par, motif FROM raw.fichiers WHERE fichier = $1`,
    [id],
  );
}

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  // The run's reference date: the day the statuses below are read (what OBS_DATE_REFERENCE gives a run).
  await loadReference(connection, undefined, "2026-07-15");
  await prepareRawSchema(connection);
  await createMacros(connection);
  // Monthly counts of OP-A (lda_mois_mesures), due the last day of the following month:
  //   2026-01 first seen 20/02, due 28/02 → recu;
  //   2026-02 v1 seen 10/03 (since replaced) and _v2 seen 05/04, due 31/03 → recu on 10/03, 2 sent, 1 resubmission;
  //   2026-03 only a refused file (seen 15/04) → refuse;
  //   2026-04 seen 10/06, due 31/05 → en_retard, 10 days;
  //   2026-05 nothing, due 30/06 < 15/07 → manquant, 15 days; 2026-06 due 31/07 and 2026-07 due 31/08 → a_venir.
  await fichier("F01", "lda_mois_mesures__OP-A__2026-01.csv", "lda_mois_mesures", "OP-A", "2026-01", "charge", "2026-02-20");
  await fichier("F02a", "lda_mois_mesures__OP-A__2026-02.csv", "lda_mois_mesures", "OP-A", "2026-02", "remplace", "2026-03-10");
  await fichier("F02b", "lda_mois_mesures__OP-A__2026-02_v2.csv", "lda_mois_mesures", "OP-A", "2026-02", "charge", "2026-04-05");
  await fichier("F03", "lda_mois_mesures__OP-A__2026-03.csv", "lda_mois_mesures", "OP-A", "2026-03", "rejete", "2026-04-15");
  await fichier("F04", "lda_mois_mesures__OP-A__2026-04-30.csv", "lda_mois_mesures", "OP-A", "2026-04-30", "charge", "2026-06-10");
  await fichier("FM", "lda_mesures__OP-A__2026-07-15.csv", "lda_mesures", "OP-A", "2026-07-15", "charge", "2026-07-16");
  await fichier("FC", "conventions__CD62__2026.csv", "conventions", "CD62", "2026", "charge", "2026-01-05");
  await fichier("FCRF", "comptes_rendus_financiers__OP-A__2026-06.csv", "comptes_rendus_financiers", "OP-A", "2026-06", "charge", "2026-07-01");
  await connection.run(
    `INSERT INTO raw.comptes_rendus_financiers (code_operateur, id_convention, poste, libelle_item, montant_realise, _fichier, _ligne)
     VALUES ('OP-A', 'C-ADSL', 'frais_personnel', 'Référents', 1000, 'FCRF', 2)`,
  );
  await connection.run(`
    CREATE TABLE staging_conventions AS SELECT * FROM (VALUES
      ('C-ADSL', 'f2_4_adsl', 'OP-A', DATE '2026-01-01', DATE '2026-12-31', 'avance_et_solde'),
      ('C-GEP', 'f2_8_gep', 'OP-B', DATE '2025-01-01', DATE '2025-12-31', 'avance_et_solde')
    ) AS t(id_convention, fiche, code_operateur, date_debut, date_fin, mode_versement)`);
  // M1 (from 10/01, running): bilan_6m due 10/07, remitted 12/07 → en_retard 2 days; bilan_12m due 10/01/2027 → a_venir.
  // M2 (01/12/2025 → 31/05/2026): 6 months reached on 01/06 = the day after its end → bilan_6m due 01/06, none from
  //    OP-A (OP-B's bilan of an « M2 » is not OP-A's) → manquant 44 days (30 in June + 14); 12 months never reached.
  // M3 starts 01/08, after the reference date: nothing expected yet.
  await connection.run(`
    CREATE TABLE staging_lda_mesures AS SELECT * FROM (VALUES
      ('f2_4_adsl', 'OP-A', 'M1', 'adsl', DATE '2026-01-10', CAST(NULL AS DATE)),
      ('f2_4_adsl', 'OP-A', 'M2', 'adsl', DATE '2025-12-01', DATE '2026-05-31'),
      ('f2_4_adsl', 'OP-A', 'M3', 'adsl', DATE '2026-08-01', CAST(NULL AS DATE))
    ) AS t(fiche, code_operateur, id_mesure, dispositif, date_debut, date_fin)`);
  await connection.run(`
    CREATE TABLE int_alertes_conventions AS SELECT * FROM (VALUES ('f2_4_adsl', 'OP-A', 'M1', 'C-ADSL'))
    AS t(fiche, code_operateur, id_enregistrement, id_convention)`);
  // C-GEP: bilan final due 31/12/2025 + 6 months = 30/06/2026; the one naming the convention, remitted 04/07, wins over
  // an earlier one about a group → en_retard 4 days. Its compte rendu financier (same deadline) never came → manquant 15.
  // C-ADSL: bilan final and compte rendu financier due 31/12/2026 (no delay for 2.4): the report came on 01/07 → recu;
  // the bilan → a_venir.
  await connection.run(`
    CREATE TABLE staging_bilans AS SELECT * FROM (VALUES
      ('OP-A', 'B1', 'f2_4_adsl', 'mesure', 'M1', 'bilan_6m', DATE '2026-07-12'),
      ('OP-B', 'B2', 'f2_4_adsl', 'mesure', 'M2', 'bilan_6m', DATE '2026-06-01'),
      ('OP-B', 'B3', 'f2_8_gep', 'convention', 'C-GEP', 'bilan_final_action', DATE '2026-07-04'),
      ('OP-B', 'B4', 'f2_8_gep', 'groupe', 'artois', 'bilan_final_action', DATE '2026-05-01')
    ) AS t(code_operateur, id_bilan, fiche, objet, id_objet, type_bilan, date_remise)`);
  await runNamedModels(connection, ["int_parametres_en_vigueur", "int_parametres_conventions", "int_fichiers_recus", "int_envois_attendus", "mart_envois_suivi"]);
});

afterAll(() => closeDatabase(connection));

type Suivi = Pick<EnvoiSuivi, "code_operateur" | "nature" | "objet" | "echeance" | "recu_le" | "statut" | "jours_retard" | "envois" | "renvois">;

describe("suivi des envois attendus", () => {
  it("la date de référence est celle de l'exécution (ref.date_reference), pas un arrêté des fichiers", async () => {
    expect(await query(connection, "SELECT DISTINCT CAST(date_reference AS VARCHAR) AS d FROM mart_envois_suivi")).toEqual([{ d: "2026-07-15" }]);
  });

  it("chaque envoi attendu : statut, jours de retard et renvois calculés à la main", async () => {
    const lignes = await query<Suivi>(
      connection,
      `SELECT code_operateur, nature, objet, CAST(echeance AS VARCHAR) AS echeance, CAST(recu_le AS VARCHAR) AS recu_le, statut, jours_retard, envois, renvois
       FROM mart_envois_suivi ORDER BY code_operateur, nature, objet, echeance`,
    );
    const l = (code_operateur: string, nature: string, objet: string, echeance: string, recu_le: string | null, statut: string, jours_retard: number | null, envois = 0, renvois = 0): Suivi => ({
      code_operateur, nature, objet, echeance, recu_le, statut, jours_retard, envois, renvois,
    });
    expect(lignes).toEqual([
      l("OP-A", "bilan_final", "C-ADSL", "2026-12-31", null, "a_venir", null),
      l("OP-A", "bilan_mesure", "M1", "2026-07-10", "2026-07-12", "en_retard", 2, 1),
      l("OP-A", "bilan_mesure", "M1", "2027-01-10", null, "a_venir", null),
      l("OP-A", "bilan_mesure", "M2", "2026-06-01", null, "manquant", 44),
      l("OP-A", "compte_rendu_financier", "C-ADSL", "2026-12-31", "2026-07-01", "recu", null, 1),
      l("OP-A", "releve_mensuel", "2026-01", "2026-02-28", "2026-02-20", "recu", null, 1),
      l("OP-A", "releve_mensuel", "2026-02", "2026-03-31", "2026-03-10", "recu", null, 2, 1),
      l("OP-A", "releve_mensuel", "2026-03", "2026-04-30", null, "refuse", null, 1),
      l("OP-A", "releve_mensuel", "2026-04", "2026-05-31", "2026-06-10", "en_retard", 10, 1),
      l("OP-A", "releve_mensuel", "2026-05", "2026-06-30", null, "manquant", 15),
      l("OP-A", "releve_mensuel", "2026-06", "2026-07-31", null, "a_venir", null),
      l("OP-A", "releve_mensuel", "2026-07", "2026-08-31", null, "a_venir", null),
      l("OP-B", "bilan_final", "C-GEP", "2026-06-30", "2026-07-04", "en_retard", 4, 1),
      l("OP-B", "compte_rendu_financier", "C-GEP", "2026-06-30", null, "manquant", 15),
    ]);
  });
});

// The raw table the fixture writes comptes rendus into is the contract's (a renamed column would fail here first).
it("la table brute des comptes rendus financiers vient du contrat", () => {
  expect(rawTableDDL(reportByTable("comptes_rendus_financiers")!)).toContain("id_convention VARCHAR NOT NULL");
});
