// Logement d'abord indicators, financing and alerts on a tiny hand-written fixture, written straight into the raw
// tables (no file parsing), so each edge case sits next to the figures it produces. Every expected value was
// computed BY HAND from ../shared/spec/fiches.md (2.4 §2-§3, 2.6, §0.5 item 6, §A.5); the computation is the
// comment beside it. Snapshot: OP-A and OP-B files of period 2027-01, i.e. data known on 31/01/2027.
//
// The measures (OP-A unless said otherwise):
//   A1 ADSL  lens_henin  P1 F 34 ans   15/01/2026 → 14/01/2027   the spec's example: exactly 12 mois-mesures
//   A2 ADSL  artois      P2 M né 1990  31/01/2026 → en cours     starts on the 31st (month-end clipping)
//   A3 ENVAUL lens_henin P3 F 25 ans   01/07/2026 → en cours     subsides over the cap; age 25
//   A4 ADSL  lens_henin  P1 F 35 ans   20/01/2027 → en cours     same person as A1 (« droit au recommencement »)
//   A5 VIAL  boulonnais  P5 M 45 ans   31/10/2026 → 29/01/2027   AMI 2, starts on the 31st, convention from 01/11
//   A6 ADSL  calaisis    P6 F 17 ans   20/12/2025 → 19/02/2026   fiche 2.7, across two years
//   A7 VIAL  arrageois_ternois P7 M 52 ans 02/11/2026 → en cours   fiche 2.7, no convention
//   A8 ADSL  lens_henin  P8 M 40 ans   01/10/2026 → en cours     only in the older (2026-12) snapshot, which
//                                                                  announces a rehousing on 10/01/2027
//   B1 ADSL  lens_henin  OP-B's P1 F 60 ans 01/03/2026 → 30/04/2026   another operator's « P1 »: another person
//   B2 ADSL  lens_henin  OP-B's P2 M 30 ans 01/02/2027 → …        sent before it starts
//   A9 (in a superseded file) and A1's older version (in the 2026-12 file) must count nowhere.
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { LEDGER_DDL, rawTableDDL } from "../pipelines/db/ddl.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { prepareRawSchema } from "../pipelines/ingest/index.ts";
import { runModels } from "../pipelines/models/run.ts";

type Row = Record<string, string | number | boolean | null | string[]>;

const sqlLiteral = (v: Row[string]): string => {
  if (v === null) return "NULL";
  if (Array.isArray(v)) return `[${v.map(sqlLiteral).join(", ")}]`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return `'${v.replace(/'/g, "''")}'`;
};

/** Raw rows of one file, with their lineage (file id, line number: header = line 1); no lineage for the ledger. */
async function insert(connection: DuckDBConnection, table: string, fichier: string | null, rows: Row[]) {
  for (const [i, row] of rows.entries()) {
    const full: Row = fichier === null ? row : { ...row, _fichier: fichier, _ligne: i + 2 };
    await connection.run(`INSERT INTO ${table} (${Object.keys(full).join(", ")}) VALUES (${Object.values(full).map(sqlLiteral).join(", ")})`);
  }
}

function fichier(id: string, table: string, operateur: string, periode: string, statut = "charge"): Row {
  return {
    fichier: id, nom: `${table}__${operateur}__${periode}.csv`, table_rapport: table, code_operateur: operateur, periode,
    format: "csv", lignes_lues: 1, lignes_chargees: 1, lignes_rejetees: 0, statut, remplace_par: null, motif: null,
    charge_le: "2027-02-03 10:00:00",
  };
}

/** A measure with every required column filled; each case overrides what it is about. */
function mesure(row: Row): Row {
  return {
    code_operateur: "OP-A", id_menage: `H-${row.id_mesure}`, composition_familiale: "personne_seule", situation_logement_entree: "rue",
    ...row,
  };
}

const A1: Row = mesure({
  id_mesure: "A1", id_personne: "P1", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "F", age_entree: 34,
  date_signature_contrat: "2026-01-10", date_envoi_contrat_coordinateur: "2026-01-12", date_debut: "2026-01-15", date_fin: "2027-01-14",
  type_sortie: "positive", date_signalement_sortie: "2027-01-14", date_relogement: "2026-03-10", type_logement_relogement: "parc_social",
  partenaires_mobilises: ["sante", "ccas"], nb_suivis_sante: 2, objectif_budget: "atteint", date_evaluation_objectifs: "2026-12-20",
});
const mesuresJanvier: Row[] = [
  A1,
  mesure({
    id_mesure: "A2", id_personne: "P2", dispositif: "adsl", territoire_lda: "artois", sexe: "M", annee_naissance: 1990,
    date_signature_contrat: "2026-02-02", date_debut: "2026-01-31",
    date_relogement: "2026-02-15", type_logement_relogement: "sous_location_bail_glissant", date_debut_sous_location: "2026-02-15",
    date_glissement_bail: "2026-11-01", partenaires_mobilises: ["bailleur_social"], date_acces_emploi: "2026-06-01",
    type_contrat_emploi: "cdd", nb_suivis_sante_mentale: 1,
  }),
  mesure({
    id_mesure: "A3", id_personne: "P3", dispositif: "envaul", territoire_lda: "lens_henin", sexe: "F", age_entree: 25, parcours_ase: "oui",
    date_signature_contrat: "2026-06-28", date_envoi_contrat_coordinateur: "2026-06-30", date_debut: "2026-07-01",
    partenaires_mobilises: ["sante", "ccas", "insertion_professionnelle"], date_entree_formation: "2026-09-01",
    objectif_budget: "partiellement_atteint", objectif_entretien_logement: "atteint", date_evaluation_objectifs: "2026-12-15",
  }),
  mesure({
    id_mesure: "A4", id_personne: "P1", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "F", age_entree: 35,
    date_signature_contrat: "2027-01-18", date_envoi_contrat_coordinateur: "2027-01-19", date_debut: "2027-01-20",
  }),
  mesure({
    id_mesure: "A5", id_personne: "P5", dispositif: "vial", territoire_lda: "boulonnais", sexe: "M", age_entree: 45,
    date_signature_contrat: "2026-10-30", date_envoi_contrat_coordinateur: "2026-10-30", date_debut: "2026-10-31", date_fin: "2027-01-29",
    type_sortie: "rupture", date_entree_formation: "2026-12-15",
  }),
  mesure({
    id_mesure: "A6", id_personne: "P6", dispositif: "adsl", territoire_lda: "calaisis", sexe: "F", age_entree: 17,
    date_signature_contrat: "2025-12-18", date_envoi_contrat_coordinateur: "2025-12-19", date_debut: "2025-12-20", date_fin: "2026-02-19",
    type_sortie: "positive", date_signalement_sortie: "2026-02-19",
  }),
  mesure({
    id_mesure: "A7", id_personne: "P7", dispositif: "vial", territoire_lda: "arrageois_ternois", sexe: "M", age_entree: 52,
    date_signature_contrat: "2026-11-01", date_envoi_contrat_coordinateur: "2026-11-01", date_debut: "2026-11-02",
  }),
];

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  // « Today » of the deadline rules and balances: the latest snapshot of the files below (2027-01).
  await loadReference(connection, undefined, "2027-01-31");
  await prepareRawSchema(connection);

  await insert(connection, "raw.fichiers", null, [
    fichier("F-A-2026-12", "lda_mesures", "OP-A", "2026-12"),
    fichier("F-A-2027-01", "lda_mesures", "OP-A", "2027-01"),
    fichier("F-A-2027-01-v0", "lda_mesures", "OP-A", "2027-01", "remplace"),
    fichier("F-B-2027-01", "lda_mesures", "OP-B", "2027-01"),
    fichier("MM-B-2027-01", "lda_mois_mesures", "OP-B", "2027-01"),
    fichier("AC-A-2027-01", "lda_actions_collectives", "OP-A", "2027-01"),
    fichier("PC-A-2027-01", "lda_participations_collectives", "OP-A", "2027-01"),
    fichier("S-A-2027-01", "envaul_subsides", "OP-A", "2027-01"),
    fichier("B-A-2027-01", "bilans", "OP-A", "2027-01"),
    fichier("CONV-2026", "conventions", "CD62", "2026"),
  ]);

  await insert(connection, "raw.lda_mesures", "F-A-2026-12", [
    // A1 as it stood in December (running, no follow-up yet): the January snapshot must win.
    { ...A1, date_fin: null, type_sortie: null, date_signalement_sortie: null, nb_suivis_sante: 0 },
    mesure({
      id_mesure: "A8", id_personne: "P8", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "M", age_entree: 40,
      date_signature_contrat: "2026-09-30", date_envoi_contrat_coordinateur: "2026-09-30", date_debut: "2026-10-01",
      date_relogement: "2027-01-10", type_logement_relogement: "parc_prive",
    }),
  ]);
  await insert(connection, "raw.lda_mesures", "F-A-2027-01", mesuresJanvier);
  await insert(connection, "raw.lda_mesures", "F-A-2027-01-v0", [
    { ...A1, territoire_lda: "artois" },
    mesure({
      id_mesure: "A9", id_personne: "P9", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "M", age_entree: 30,
      date_signature_contrat: "2026-01-01", date_debut: "2026-01-01",
    }),
  ]);
  await insert(connection, "raw.lda_mesures", "F-B-2027-01", [
    mesure({
      code_operateur: "OP-B", id_mesure: "B1", id_personne: "P1", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "F", age_entree: 60,
      date_signature_contrat: "2026-02-27", date_envoi_contrat_coordinateur: "2026-02-28", date_debut: "2026-03-01", date_fin: "2026-04-30",
      type_sortie: "positive", date_signalement_sortie: "2026-05-04", nb_actions_collectives: 1,
    }),
    mesure({
      code_operateur: "OP-B", id_mesure: "B2", id_personne: "P2", dispositif: "adsl", territoire_lda: "lens_henin", sexe: "M", age_entree: 30,
      date_signature_contrat: "2027-01-28", date_envoi_contrat_coordinateur: "2027-01-29", date_debut: "2027-02-01",
    }),
  ]);
  await insert(connection, "raw.lda_mois_mesures", "MM-B-2027-01", [
    { code_operateur: "OP-B", id_mesure: "B1", mois: "2026-03", statut: "active" },
    // a month counted for a measure OP-B never sent
    { code_operateur: "OP-B", id_mesure: "B9", mois: "2026-05", statut: "active" },
  ]);
  await insert(connection, "raw.lda_actions_collectives", "AC-A-2027-01", [
    { code_operateur: "OP-A", id_action: "AC1", date: "2026-09-15", dispositif: "mixte", territoire_lda: "lens_henin", nb_participants: 3 },
    { code_operateur: "OP-A", id_action: "AC2", date: "2026-10-01", dispositif: "adsl", territoire_lda: "artois", nb_participants: 2 },
    { code_operateur: "OP-A", id_action: "AC3", date: "2026-12-05", dispositif: "vial", territoire_lda: "calaisis", nb_participants: 4 },
    { code_operateur: "OP-A", id_action: "AC4", date: "2026-11-20", dispositif: "mixte", territoire_lda: "arrageois_ternois", nb_participants: 1 },
  ]);
  await insert(connection, "raw.lda_participations_collectives", "PC-A-2027-01", [
    { code_operateur: "OP-A", id_action: "AC1", id_personne: "P1" },
    { code_operateur: "OP-A", id_action: "AC1", id_personne: "P3" },
    { code_operateur: "OP-A", id_action: "AC2", id_personne: "P2" },
    { code_operateur: "OP-A", id_action: "AC4", id_personne: "P7" },
  ]);
  await insert(connection, "raw.envaul_subsides", "S-A-2027-01", [
    { code_operateur: "OP-A", id_subside: "S1", id_mesure: "A3", date: "2026-07-10", categorie: "loyer", montant: 2000, justificatif: true },
    { code_operateur: "OP-A", id_subside: "S2", id_mesure: "A3", date: "2026-08-10", categorie: "loyer", montant: 2000, justificatif: true },
    { code_operateur: "OP-A", id_subside: "S3", id_mesure: "A3", date: "2026-09-10", categorie: "alimentation", montant: 500, justificatif: true },
    { code_operateur: "OP-A", id_subside: "S4", id_mesure: "A3", date: "2026-09-20", categorie: "hygiene", montant: 300, justificatif: false },
    { code_operateur: "OP-A", id_subside: "S5", id_mesure: "A3", date: "2027-01-05", categorie: "energie", montant: 100, justificatif: true },
  ]);
  await insert(connection, "raw.bilans", "B-A-2027-01", [
    { code_operateur: "OP-A", id_bilan: "B-A1-6", fiche: "f2_4_adsl", objet: "mesure", id_objet: "A1", type_bilan: "bilan_6m", date_remise: "2026-07-20", frequence_intervention_precisee: true },
    { code_operateur: "OP-A", id_bilan: "B-A1-12", fiche: "f2_4_adsl", objet: "mesure", id_objet: "A1", type_bilan: "bilan_12m", date_remise: "2027-01-14", frequence_intervention_precisee: false },
  ]);
  const convention = (id: string, fiche: string, operateur: string, perimetre: string[], dispositif: string[], debut: string, fin: string, montant: number, taux: number): Row => ({
    id_convention: id, fiche, code_operateur: operateur, perimetre, dispositif, date_debut: debut, date_fin: fin,
    montant_conventionne: montant, taux_avance: taux, mode_versement: "avance_et_solde",
  });
  await insert(connection, "raw.conventions", "CONV-2026", [
    convention("C1", "f2_4_adsl", "OP-A", ["lens_henin", "artois"], ["adsl"], "2026-01-01", "2026-12-31", 8000, 0.6),
    convention("C2", "f2_6_envaul", "OP-A", ["lens_henin"], ["envaul"], "2026-01-01", "2026-12-31", 20000, 0.6),
    convention("C3", "f2_4_adsl", "OP-B", ["lens_henin"], ["adsl"], "2026-01-01", "2026-12-31", 10000, 0.6),
    convention("C4", "f2_7_lda_extension", "OP-A", ["calaisis"], ["adsl", "vial"], "2025-11-01", "2026-10-31", 5000, 0.6),
    // AMI 2 convention, with an advance rate that is not the fiche's 60 %.
    convention("C5", "f2_5_vial", "OP-A", ["boulonnais", "audomarois", "montreuillois"], ["vial"], "2026-11-01", "2027-10-31", 7000, 0.7),
  ]);

  await runModels(connection);
});

/** One published figure; undefined when no row, NaN when several (either fails a toBe). */
async function valeur(fiche: string, indicateur: string, periode: string, territoire = "62", ventilation = "ensemble", modalite = "ensemble") {
  const rows = await query<{ valeur: number }>(
    connection,
    "SELECT valeur FROM mart_indicateurs WHERE fiche = $1 AND indicateur = $2 AND periode = $3 AND territoire = $4 AND ventilation = $5 AND modalite = $6",
    [fiche, indicateur, periode, territoire, ventilation, modalite],
  );
  return rows.length === 1 ? rows[0]!.valeur : rows.length === 0 ? undefined : Number.NaN;
}

describe("staging: active files only, latest snapshot, derived columns", () => {
  it("keeps the 10 measures of active files, each once, the latest snapshot winning", async () => {
    const rows = await query<Record<string, unknown>>(
      connection,
      `SELECT code_operateur || '/' || id_mesure AS m, fiche, ami, age, tranche_age, moins_25, jeune_18_25,
              CAST(date_arrete AS VARCHAR) AS arrete, CAST(date_fin_effective AS VARCHAR) AS fin
       FROM staging_lda_mesures ORDER BY 1`,
    );
    expect(rows).toEqual([
      // A1: the 2027-01 row (date_fin 14/01/2027), not the December one (running), nor the superseded one (artois)
      { m: "OP-A/A1", fiche: "f2_4_adsl", ami: "ami1", age: 34, tranche_age: "26_35", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-14" },
      // A2: 2026 − 1990 = 36 → 36_50; running → ends at the snapshot date 31/01/2027
      { m: "OP-A/A2", fiche: "f2_4_adsl", ami: "ami1", age: 36, tranche_age: "36_50", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-31" },
      // A3: 25 → 18_25; not « moins de 25 ans » but « 18 à 25 ans »
      { m: "OP-A/A3", fiche: "f2_6_envaul", ami: "ami1", age: 25, tranche_age: "18_25", moins_25: false, jeune_18_25: true, arrete: "2027-01-31", fin: "2027-01-31" },
      { m: "OP-A/A4", fiche: "f2_4_adsl", ami: "ami1", age: 35, tranche_age: "26_35", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-31" },
      { m: "OP-A/A5", fiche: "f2_5_vial", ami: "ami2", age: 45, tranche_age: "36_50", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-29" },
      // A6, A7: any measure on the 2024 extension is fiche 2.7; 17 → moins_18, under 25
      { m: "OP-A/A6", fiche: "f2_7_lda_extension", ami: "extension_2024", age: 17, tranche_age: "moins_18", moins_25: true, jeune_18_25: false, arrete: "2027-01-31", fin: "2026-02-19" },
      { m: "OP-A/A7", fiche: "f2_7_lda_extension", ami: "extension_2024", age: 52, tranche_age: "51_65", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-31" },
      // A8: last seen in the 2026-12 file → known up to 31/12/2026 only
      { m: "OP-A/A8", fiche: "f2_4_adsl", ami: "ami1", age: 40, tranche_age: "36_50", moins_25: false, jeune_18_25: false, arrete: "2026-12-31", fin: "2026-12-31" },
      { m: "OP-B/B1", fiche: "f2_4_adsl", ami: "ami1", age: 60, tranche_age: "51_65", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2026-04-30" },
      // B2 starts on 01/02/2027, after the snapshot: kept, but it ends (31/01/2027) before it starts, so nothing counts
      { m: "OP-B/B2", fiche: "f2_4_adsl", ami: "ami1", age: 30, tranche_age: "26_35", moins_25: false, jeune_18_25: false, arrete: "2027-01-31", fin: "2027-01-31" },
    ]);
  });
});

describe("mois-mesures (spec §0.5 item 6)", () => {
  const moisDe = async (id: string) =>
    (
      await query<{ d: string }>(connection, `SELECT CAST(debut_mois_mesure AS VARCHAR) AS d FROM int_lda_mois_mesures WHERE id_mesure = '${id}' ORDER BY rang`)
    ).map((r) => r.d);

  it("A1 15/01/2026 → 14/01/2027 gives 12: months start 15/01 … 15/12/2026; 15/01/2027 is after the last day", async () => {
    const mois = await moisDe("A1");
    expect(mois).toHaveLength(12);
    expect([mois[0], mois[11]]).toEqual(["2026-01-15", "2026-12-15"]);
  });

  it("A2 from 31/01/2026 clips to month ends and, running, counts up to the snapshot date 31/01/2027: 13", async () => {
    expect(await moisDe("A2")).toEqual([
      "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31",
      "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31",
    ]);
  });

  it("A5 31/10/2026 → 29/01/2027 gives 3 (31/01/2027 is after its end); A8, last seen in December, 3; A6 2", async () => {
    expect(await moisDe("A5")).toEqual(["2026-10-31", "2026-11-30", "2026-12-31"]);
    // A8 01/10/2026, known until 31/12/2026: 01/10, 01/11, 01/12
    expect(await moisDe("A8")).toEqual(["2026-10-01", "2026-11-01", "2026-12-01"]);
    // A6 20/12/2025 → 19/02/2026: 20/12, 20/01 (20/02 > 19/02)
    expect(await moisDe("A6")).toEqual(["2025-12-20", "2026-01-20"]);
  });

  it("counts nothing from a superseded file, nor for a measure that has not started", async () => {
    expect(await moisDe("A9")).toEqual([]);
    expect(await moisDe("B2")).toEqual([]);
  });
});

describe("fiche 2.4 ADSL", () => {
  it("i01 persons accompanied in 2026: 4, by sex, age band and both", async () => {
    // active in 2026: A1 OP-A/P1, A2 OP-A/P2, A8 OP-A/P8, B1 OP-B/P1 (another operator's pseudonym) = 4 (A4 starts in 2027)
    expect(await valeur("f2_4_adsl", "i01", "2026")).toBe(4);
    // F: OP-A/P1, OP-B/P1 = 2 ; M: P2, P8 = 2
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe", "F")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe", "M")).toBe(2);
    // A1 34 → 26_35 ; A2 36 and A8 40 → 36_50 ; B1 60 → 51_65
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "tranche_age", "26_35")).toBe(1);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "tranche_age", "36_50")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe_tranche_age", "M|36_50")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "sexe_tranche_age", "F|51_65")).toBe(1);
    // nobody under 25: no « jeunes » row at all
    expect(await valeur("f2_4_adsl", "i01", "2026", "62", "jeunes", "moins_25")).toBeUndefined();
    // new entries: A1 15/01, A2 31/01, A8 01/10, B1 01/03 = 4
    expect(await valeur("f2_4_adsl", "i01_entrees", "2026")).toBe(4);
  });

  it("i01 recounts distinct persons at each level: the same person twice counts once", async () => {
    // lens_henin 2026: OP-A/P1 (A1), OP-A/P8 (A8), OP-B/P1 (B1) = 3 ; artois: P2 = 1 ; ami1 = 4
    expect(await valeur("f2_4_adsl", "i01", "2026", "lens_henin")).toBe(3);
    expect(await valeur("f2_4_adsl", "i01", "2026", "artois")).toBe(1);
    expect(await valeur("f2_4_adsl", "i01", "2026", "ami1")).toBe(4);
    // 2027: A1 (until 14/01), A4 (from 20/01) both OP-A/P1, and A2 OP-A/P2 = 2 persons (A8 known until 31/12/2026 only)
    expect(await valeur("f2_4_adsl", "i01", "2027")).toBe(2);
    expect(await valeur("f2_4_adsl", "i01", "2027-01")).toBe(2);
    // A1 and A4 both 26_35: P1 once
    expect(await valeur("f2_4_adsl", "i01", "2027", "62", "tranche_age", "26_35")).toBe(1);
    // new entries in 2027: A4 = 1
    expect(await valeur("f2_4_adsl", "i01_entrees", "2027")).toBe(1);
    // February 2026: A1 and A2 active (B1 from March) = 2
    expect(await valeur("f2_4_adsl", "i01", "2026-02")).toBe(2);
  });

  it("i02 rehoused by type, i03 sub-leases and leases slid, i06 none, i07 jobs by contract", async () => {
    // A1 10/03/2026 parc_social, A2 15/02/2026 sous-location = 2
    expect(await valeur("f2_4_adsl", "i02", "2026")).toBe(2);
    // A8's rehousing on 10/01/2027 is after the date of its snapshot (31/12/2026): a plan, not counted → 0
    expect(await valeur("f2_4_adsl", "i02", "2027")).toBe(0);
    expect(await valeur("f2_4_adsl", "i02", "2026", "62", "type_logement_relogement", "parc_social")).toBe(1);
    expect(await valeur("f2_4_adsl", "i02", "2026", "62", "type_logement_relogement", "sous_location_bail_glissant")).toBe(1);
    // A2 sub-lease from 15/02/2026 = 1 ; its lease slid on 01/11/2026 = 1 (in November's month)
    expect(await valeur("f2_4_adsl", "i03", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i03_glissements", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i03_glissements", "2026-11")).toBe(1);
    // nobody entered training: published as 0, not left out
    expect(await valeur("f2_4_adsl", "i06", "2026")).toBe(0);
    // A2 job on 01/06/2026, CDD
    expect(await valeur("f2_4_adsl", "i07", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i07", "2026", "62", "type_contrat_emploi", "cdd")).toBe(1);
  });

  it("i04 partner pairs, by category, mean per active measure", async () => {
    // active in 2026: A1 {sante, ccas}, A2 {bailleur_social}, A8 {}, B1 {} → 3 pairs ; 3 / 4 measures = 0,75
    expect(await valeur("f2_4_adsl", "i04", "2026")).toBe(3);
    expect(await valeur("f2_4_adsl", "i04", "2026", "62", "categorie_partenaire", "ccas")).toBe(1);
    expect(await valeur("f2_4_adsl", "i04", "2026", "62", "categorie_partenaire", "bailleur_social")).toBe(1);
    expect(await valeur("f2_4_adsl", "i04_moyenne", "2026")).toBe(0.75);
    // lens_henin: A1 2 pairs over A1, A8, B1 = 3 measures → 0,67 ; artois: 1 / 1 = 1
    expect(await valeur("f2_4_adsl", "i04_moyenne", "2026", "lens_henin")).toBe(0.67);
    expect(await valeur("f2_4_adsl", "i04_moyenne", "2026", "artois")).toBe(1);
  });

  it("i05 collective actions, participations, distinct participants (table or fallback)", async () => {
    // AC1 (mixte, lens_henin, 15/09: A1 ADSL and A3 ENVAUL active → counts for 2.4 and 2.6) + AC2 (adsl, artois) = 2
    expect(await valeur("f2_4_adsl", "i05", "2026")).toBe(2);
    // participations: AC1 3 + AC2 2 = 5
    expect(await valeur("f2_4_adsl", "i05_participations", "2026")).toBe(5);
    // participants: OP-A lists P1 at AC1 (holds A1) and P2 at AC2 (holds A2) ; OP-B sent no list → fallback:
    // B1 active in 2026 with nb_actions_collectives = 1 → OP-B/P1 ; = 3
    expect(await valeur("f2_4_adsl", "i05_participants", "2026")).toBe(3);
    // lens_henin: AC1 = 1 action, 3 participations, participants OP-A/P1 + OP-B/P1 = 2
    expect(await valeur("f2_4_adsl", "i05", "2026", "lens_henin")).toBe(1);
    expect(await valeur("f2_4_adsl", "i05_participants", "2026", "lens_henin")).toBe(2);
    expect(await valeur("f2_4_adsl", "i05_participations", "2026", "artois")).toBe(2);
  });

  it("i08, i09 follow-ups and measures with at least one; i10 budget goals", async () => {
    // health: A1 2 (the January value; the December snapshot said 0) ; measures with ≥ 1: A1 = 1
    expect(await valeur("f2_4_adsl", "i08", "2026")).toBe(2);
    expect(await valeur("f2_4_adsl", "i08_mesures", "2026")).toBe(1);
    // mental health: A2 1
    expect(await valeur("f2_4_adsl", "i09", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i09_mesures", "2026")).toBe(1);
    // A1 atteint, evaluated 20/12/2026 = 1 ; nobody partially
    expect(await valeur("f2_4_adsl", "i10", "2026")).toBe(1);
    expect(await valeur("f2_4_adsl", "i10_partiel", "2026")).toBe(0);
  });

  it("x01 mois-mesures by year, month, territory and operator", async () => {
    // 2026: A1 12 + A2 12 (31/01 … 31/12) + A8 3 + B1 2 (01/03, 01/04) = 29
    expect(await valeur("f2_4_adsl", "x01", "2026")).toBe(29);
    // 2027: A2 31/01/2027 + A4 20/01/2027 = 2 (A1's 15/01/2027 is after its end)
    expect(await valeur("f2_4_adsl", "x01", "2027")).toBe(2);
    // February 2026: A1 15/02, A2 28/02 = 2 ; March: A1, A2, B1 = 3 ; December: A1 15/12, A2 31/12, A8 01/12 = 3
    expect(await valeur("f2_4_adsl", "x01", "2026-02")).toBe(2);
    expect(await valeur("f2_4_adsl", "x01", "2026-03")).toBe(3);
    expect(await valeur("f2_4_adsl", "x01", "2026-12")).toBe(3);
    // lens_henin: A1 12 + A8 3 + B1 2 = 17 ; artois: A2 12
    expect(await valeur("f2_4_adsl", "x01", "2026", "lens_henin")).toBe(17);
    expect(await valeur("f2_4_adsl", "x01", "2026", "artois")).toBe(12);
    // by operator: OP-A 12 + 12 + 3 = 27 ; OP-B 2
    expect(await valeur("f2_4_adsl", "x01", "2026", "62", "operateur", "OP-A")).toBe(27);
    expect(await valeur("f2_4_adsl", "x01", "2026", "62", "operateur", "OP-B")).toBe(2);
  });
});

describe("fiches 2.5, 2.6 and 2.7", () => {
  it("2.6 ENVAUL: young people, single year of age, youth flags, goals shown apart", async () => {
    // A3, P3, 25 years old, from 01/07/2026
    expect(await valeur("f2_6_envaul", "i01", "2026")).toBe(1);
    expect(await valeur("f2_6_envaul", "i01", "2026", "62", "age", "25")).toBe(1);
    expect(await valeur("f2_6_envaul", "i01", "2026", "62", "jeunes", "jeune_18_25")).toBe(1);
    expect(await valeur("f2_6_envaul", "i01", "2026", "62", "jeunes", "moins_25")).toBeUndefined(); // 25 is not « moins de 25 ans »
    expect(await valeur("f2_6_envaul", "i06", "2026")).toBe(1); // training 01/09/2026
    expect(await valeur("f2_6_envaul", "i10", "2026")).toBe(0); // budget only partly reached…
    expect(await valeur("f2_6_envaul", "i10_partiel", "2026")).toBe(1); // …shown apart
    expect(await valeur("f2_6_envaul", "i11", "2026")).toBe(1); // housekeeping reached, 15/12/2026
    // i04: 3 categories on 1 measure → 3 pairs, mean 3
    expect(await valeur("f2_6_envaul", "i04", "2026")).toBe(3);
    expect(await valeur("f2_6_envaul", "i04_moyenne", "2026")).toBe(3);
    // i05: AC1 counts for 2.6 too (A3 active on lens_henin on 15/09) ; P3 listed at AC1
    expect(await valeur("f2_6_envaul", "i05", "2026")).toBe(1);
    expect(await valeur("f2_6_envaul", "i05_participants", "2026")).toBe(1);
    expect(await valeur("f2_6_envaul", "i05_participations", "2026")).toBe(3);
    // mois-mesures: 01/07 … 01/12/2026 = 6 ; 01/01/2027 = 1
    expect(await valeur("f2_6_envaul", "x01", "2026")).toBe(6);
    expect(await valeur("f2_6_envaul", "x01", "2027")).toBe(1);
  });

  it("2.5 VIAL on AMI 2", async () => {
    // A5, P5, from 31/10/2026: 1 person ; mois-mesures 31/10, 30/11, 31/12 = 3 in 2026, none in 2027
    expect(await valeur("f2_5_vial", "i01", "2026")).toBe(1);
    expect(await valeur("f2_5_vial", "i01", "2026", "ami2")).toBe(1);
    expect(await valeur("f2_5_vial", "i01", "2026", "ami1")).toBe(0);
    expect(await valeur("f2_5_vial", "x01", "2026")).toBe(3);
    expect(await valeur("f2_5_vial", "x01", "2027")).toBe(0);
    expect(await valeur("f2_5_vial", "i06", "2026")).toBe(1); // training 15/12/2026
    // no action for VIAL on the AMI territories: 0
    expect(await valeur("f2_5_vial", "i05", "2026")).toBe(0);
  });

  it("2.7 extension, broken down by dispositif", async () => {
    // 2025: A6 20/12/2025 = 1 person, 1 mois-mesure
    expect(await valeur("f2_7_lda_extension", "i01", "2025")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "x01", "2025")).toBe(1);
    // 2026: A6 (adsl, until 19/02) + A7 (vial, from 02/11) = 2 ; adsl 1, vial 1
    expect(await valeur("f2_7_lda_extension", "i01", "2026")).toBe(2);
    expect(await valeur("f2_7_lda_extension", "i01", "2026", "62", "dispositif", "adsl")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "i01", "2026", "62", "dispositif", "vial")).toBe(1);
    // A6 is 17: moins_18, under 25 ; A7 52: 51_65
    expect(await valeur("f2_7_lda_extension", "i01", "2026", "62", "tranche_age", "moins_18")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "i01", "2026", "62", "jeunes", "moins_25")).toBe(1);
    // 2026 mois-mesures: A6 20/01 + A7 02/11, 02/12 = 3 ; adsl 1, vial 2 ; calaisis 1, arrageois_ternois 2
    expect(await valeur("f2_7_lda_extension", "x01", "2026")).toBe(3);
    expect(await valeur("f2_7_lda_extension", "x01", "2026", "62", "dispositif", "vial")).toBe(2);
    expect(await valeur("f2_7_lda_extension", "x01", "2026", "calaisis")).toBe(1);
    expect(await valeur("f2_7_lda_extension", "x01", "2026", "extension_2024")).toBe(3);
    // actions: AC3 (vial, calaisis, no measure active there: still 2.7's) + AC4 (mixte, arrageois_ternois, A7 VIAL active) = 2,
    // both under vial ; participations 4 + 1 = 5 ; participants: P7 at AC4 = 1
    expect(await valeur("f2_7_lda_extension", "i05", "2026")).toBe(2);
    expect(await valeur("f2_7_lda_extension", "i05", "2026", "62", "dispositif", "vial")).toBe(2);
    expect(await valeur("f2_7_lda_extension", "i05_participations", "2026")).toBe(5);
    expect(await valeur("f2_7_lda_extension", "i05_participants", "2026")).toBe(1);
  });
});

describe("financing « en fonction du service fait »", () => {
  it("pays started mois-mesures × tariff / 12 inside the period, caps subsides and the convention, deducts the advance", async () => {
    const rows = await query<Record<string, unknown>>(
      connection,
      `SELECT id_convention, mois_mesures, nb_mesures, du_accompagnement, du_subsides, du_service_fait, du_retenu, avance, solde, trop_percu
       FROM mart_lda_financement ORDER BY 1`,
    );
    expect(rows).toEqual([
      // C1 OP-A ADSL 2026, lens_henin|artois: A1 12 + A2 12 (its 31/01/2027 month is after the period) + A8 3 = 27
      // (A4 starts in 2027) ; 27 × 5 000 / 12 = 11 250 ; capped at 8 000 ; advance 60 % × 8 000 = 4 800 ; balance 3 200
      { id_convention: "C1", mois_mesures: 27, nb_mesures: 3, du_accompagnement: 11250, du_subsides: 0, du_service_fait: 11250, du_retenu: 8000, avance: 4800, solde: 3200, trop_percu: 0 },
      // C2 OP-A ENVAUL 2026: A3 01/07 … 01/12 = 6 × 5 000 / 12 = 2 500 ; justified subsides dated in 2026 2 000 + 2 000
      // + 500 = 4 500 (S4 has no receipt, S5 is dated 2027), capped at 5 000 × 6 / 12 = 2 500 → due 5 000 ;
      // advance 60 % × 20 000 = 12 000 → balance −7 000, trop-perçu 7 000
      { id_convention: "C2", mois_mesures: 6, nb_mesures: 1, du_accompagnement: 2500, du_subsides: 2500, du_service_fait: 5000, du_retenu: 5000, avance: 12000, solde: -7000, trop_percu: 7000 },
      // C3 OP-B ADSL: B1 2 × 5 000 / 12 = 833,33 ; advance 6 000 → trop-perçu 5 166,67
      { id_convention: "C3", mois_mesures: 2, nb_mesures: 1, du_accompagnement: 833.33, du_subsides: 0, du_service_fait: 833.33, du_retenu: 833.33, avance: 6000, solde: -5166.67, trop_percu: 5166.67 },
      // C4 OP-A 2.7 calaisis, 01/11/2025 → 31/10/2026: A6 20/12/2025 + 20/01/2026 = 2 × 5 000 / 12 = 833,33 (ADSL tariff) ;
      // A7 is on arrageois_ternois, outside the perimeter ; advance 3 000
      { id_convention: "C4", mois_mesures: 2, nb_mesures: 1, du_accompagnement: 833.33, du_subsides: 0, du_service_fait: 833.33, du_retenu: 833.33, avance: 3000, solde: -2166.67, trop_percu: 2166.67 },
      // C5 OP-A VIAL AMI 2 from 01/11/2026: A5 30/11 + 31/12 = 2 (its 31/10 month started before the period)
      // × 7 000 / 12 = 1 166,67 ; advance at the convention's 70 % × 7 000 = 4 900 ; it runs to 31/10/2027, after the
      // reference date (the day after the snapshot): no solde, no trop-perçu yet (sql/macros/periodes_conventions.sql)
      { id_convention: "C5", mois_mesures: 2, nb_mesures: 1, du_accompagnement: 1166.67, du_subsides: 0, du_service_fait: 1166.67, du_retenu: 1166.67, avance: 4900, solde: null, trop_percu: null },
    ]);
  });
});

describe("rule checks", () => {
  it("raise exactly the alerts the fixture breaks", async () => {
    const alerts = (await query<{ a: string }>(connection, "SELECT id_enregistrement || ' ' || regle || ' ' || severite AS a FROM mart_lda_alertes"))
      .map((r) => r.a)
      .sort();
    expect(alerts).toEqual([
      "A1 r11 info", // started 15/01/2026 before the rehousing 10/03/2026: 15/01 and 15/02 before it, 10 of 12 left
      "A2 r02 avertissement", // contract never sent to the coordinator
      "A2 r02 erreur", // signed 02/02/2026, after the start 31/01/2026
      "A2 r03 erreur", // running on 31/01/2027, the first day of its 13th month, without renewal: 13 > 12
      "A2 r05 avertissement", // ran 6 months (31/07/2026 ≤ 01/02/2027), no bilan_6m
      "A2 r05 avertissement", // ran 12 months (31/01/2027 ≤ 01/02/2027), no bilan_12m
      "A2 r11 info", // started 31/01/2026 before the rehousing 15/02/2026: 1 mois-mesure before it, 11 of 12 left
      "A3 r05 avertissement", // ran 6 months (01/01/2027 ≤ 01/02/2027), no bilan_6m
      "A3 r13 avertissement", // ENVAUL at 25: « moins de 25 ans » vs « 18 à 25 ans »
      "A3 r14 avertissement", // running; subsides 2 000 + 2 000 + 500 + 300 + 100 = 4 900 € > 5 000 × 7 / 12 = 2 916,67 €
      "A5 r06 avertissement", // ended 29/01/2027 (rupture) without reporting the exit
      "A8 r12 avertissement", // rehousing 10/01/2027 after the measure as known (01/10/2026 to the snapshot 31/12/2026)
      "B-A1-12 r05 avertissement", // A1's bilan_12m does not state the intervention frequency
      "B1 r06 info", // ended 30/04/2026, reported 04/05/2026: 4 days later
      "B1 r07 avertissement", // OP-B counted 2026-03 only; the dates give 2026-03 and 2026-04
      "B9 r07 avertissement", // counted, but in no measures file
      "C5 r10 erreur", // advance rate 70 % where the fiche says 60 %
    ]);
  });

  it("say what is wrong in French, with French numbers", async () => {
    const detail = async (id: string, regle: string) =>
      (await query<{ detail: string }>(connection, `SELECT detail FROM mart_lda_alertes WHERE id_enregistrement = '${id}' AND regle = '${regle}'`)).map((r) => r.detail);
    expect(await detail("A3", "r14")).toEqual(["subsides de 4 900,00 € pour 7 mois-mesures : plafond de 2 916,67 € à ce jour (mesure en cours : le surplus sera financé à mesure que les mois-mesures s'ajoutent)"]);
    expect(await detail("B1", "r07")).toEqual(["comptage mensuel de l'opérateur : 1 mois ; calculé d'après les dates : 2 mois ; non comptés : 2026-04"]);
    expect(await detail("B9", "r07")).toEqual(["mois comptés (2026-05) pour une mesure absente des fichiers de mesures"]);
    expect(await detail("A2", "r03")).toEqual(["durée de 13 mois au-delà des 12 mois permis (12 + 0 de renouvellement, 24 au plus)"]);
    expect(await detail("C5", "r10")).toEqual(["taux d'avance de la convention 70 % : la fiche prévoit 60 %"]);
  });
});
