// The single-payment rule of fiches 2.1, 2.2, 2.9 and 2.13, written once (sql/macros/financer_versement_unique.sql,
// sql/macros/alertes_versement_unique.sql), on four hand-made conventions of one fiche whose cap is 20 000 € and whose
// taux d'avance is 1. The reference date, 31/12/2027, closes every period: each has its solde.
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { LEDGER_DDL } from "../pipelines/db/ddl.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { createMacros } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  // The macros are created as in a run, after the ledger (one of them reads it) and the reference data.
  await connection.run(LEDGER_DDL);
  await loadReference(connection, undefined, "2027-12-31");
  await createMacros(connection);
  await connection.run(`CREATE TABLE conventions (fiche VARCHAR, code_operateur VARCHAR, id_convention VARCHAR, date_debut DATE, date_fin DATE,
    montant_conventionne DECIMAL(18, 2), taux_avance DECIMAL(5, 2), mode_versement VARCHAR)`);
  await connection.run(`INSERT INTO conventions VALUES
    ('f_test', 'OP-A', 'A', '2025-01-01', '2025-12-31', 18000, 1, 'versement_unique_signature'),
    ('f_test', 'OP-A', 'B', '2026-01-01', '2026-12-31', 25000, 1, 'versement_unique_signature'),
    ('f_test', 'OP-A', 'C', '2027-01-01', '2027-12-31', 10000, 0.6, 'avance_et_solde'),
    ('f_test', 'OP-B', 'D', '2027-01-01', '2027-12-31', 15000, 1, 'versement_unique_signature'),
    ('f_autre', 'OP-A', 'X', '2027-01-01', '2027-12-31', 99000, 1, 'versement_unique_signature')`);
  await connection.run("CREATE TABLE parametres AS SELECT id_convention, parametre, valeur FROM conventions, (VALUES ('plafond_test', 20000.0), ('taux_avance', 1.0)) AS p(parametre, valeur)");
  await connection.run("CREATE TABLE versements (id_versement VARCHAR, id_convention VARCHAR, date DATE, type VARCHAR, montant DECIMAL(18, 2))");
  await connection.run(`INSERT INTO versements VALUES
    ('U1', 'A', '2025-01-15', 'versement_unique', 18000),
    ('U2', 'B', '2026-01-15', 'versement_unique', 25000),
    ('R1', 'B', '2027-02-01', 'reversement_trop_percu', 5000),
    ('U3', 'C', '2027-01-15', 'versement_unique', 6000),
    ('U4', 'C', '2027-06-15', 'versement_unique', 4000),
    ('U5', 'D', '2027-01-15', 'versement_unique', 15000)`);
  await connection.run("CREATE TABLE financement AS SELECT * FROM financer_versement_unique('f_test', 'plafond_test', conventions, parametres, versements)");
});

describe("financer_versement_unique", () => {
  it("applies the generic formulas: due within the cap, avance at the convention's rate, the balance once closed", async () => {
    const rows = await query(
      connection,
      "SELECT id_convention, du_service_fait, du_retenu, avance, solde, trop_percu, versements_recus, nb_versements, statut_periode FROM financement ORDER BY 1",
    );
    expect(rows).toEqual([
      // A: 18 000 ≤ 20 000 → due 18 000; avance 1 × 18 000; solde 0. Paid U1 18 000.
      { id_convention: "A", du_service_fait: 18000, du_retenu: 18000, avance: 18000, solde: 0, trop_percu: 0, versements_recus: 18000, nb_versements: 1, statut_periode: "close" },
      // B: min(25 000, 20 000) = 20 000; avance 1 × 25 000; solde 20 000 − 25 000 = −5 000 → trop-perçu 5 000.
      // Paid U2 25 000, R1 gives back 5 000: 20 000 in 2 movements.
      { id_convention: "B", du_service_fait: 25000, du_retenu: 20000, avance: 25000, solde: -5000, trop_percu: 5000, versements_recus: 20000, nb_versements: 2, statut_periode: "close" },
      // C: 10 000 ≤ 20 000 → due 10 000; avance 0,6 × 10 000 = 6 000; solde 10 000 − 6 000 = 4 000. Paid U3 + U4 = 10 000.
      { id_convention: "C", du_service_fait: 10000, du_retenu: 10000, avance: 6000, solde: 4000, trop_percu: 0, versements_recus: 10000, nb_versements: 2, statut_periode: "close" },
      // D: 15 000 ≤ 20 000 (the cap applies to each convention's due); avance 15 000; solde 0. Paid U5 15 000.
      { id_convention: "D", du_service_fait: 15000, du_retenu: 15000, avance: 15000, solde: 0, trop_percu: 0, versements_recus: 15000, nb_versements: 1, statut_periode: "close" },
    ]);
  });
});

describe("alertes_versement_unique", () => {
  it("flags the mode or rate, the exercice over the cap and every payment but the one versement_unique, under the caller's rule", async () => {
    const rows = await query(
      connection,
      "SELECT id_enregistrement, regle, severite, detail FROM alertes_versement_unique('r09', financement, versements) ORDER BY id_enregistrement, detail",
    );
    const unique = "la fiche prévoit un versement unique à la signature";
    expect(rows).toEqual([
      // B alone in 2026: 25 000 > 20 000. Its restitution R1 is not a payment: no alert.
      { id_enregistrement: "B", regle: "r09", severite: "erreur", detail: "montant conventionné 25 000,00 € au-delà du plafond de la fiche (20 000,00 €)" },
      // 2027: C 10 000 + D 15 000 = 25 000 > 20 000, said on both; C is also paid « avance_et_solde » at 0,6.
      { id_enregistrement: "C", regle: "r09", severite: "erreur", detail: `convention en avance_et_solde (taux d'avance 60 %) : ${unique}` },
      { id_enregistrement: "C", regle: "r09", severite: "erreur", detail: "conventions 2027 : 25 000,00 € au total pour un plafond de 20 000,00 €" },
      { id_enregistrement: "D", regle: "r09", severite: "erreur", detail: "conventions 2027 : 25 000,00 € au total pour un plafond de 20 000,00 €" },
      // C's two versement_unique payments: each is said.
      { id_enregistrement: "U3", regle: "r09", severite: "erreur", detail: `versement de type versement_unique du 15/01/2027 (6 000,00 €) : ${unique}` },
      { id_enregistrement: "U4", regle: "r09", severite: "erreur", detail: `versement de type versement_unique du 15/06/2027 (4 000,00 €) : ${unique}` },
    ]);
  });
});
