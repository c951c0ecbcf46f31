// fichiers_actifs() (sql/macros/), the one rule that orders the loaded files' snapshots, through a staging model that keeps a
// record's latest version: periods are compared as dates (a year is its 31 December, a month its last day), then the
// `_vN` version, then the load; a file without period ranks below every file with one.
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { LEDGER_DDL, rawTableDDL } from "../pipelines/db/ddl.ts";
import { reportByTable } from "../pipelines/contracts/index.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { createMacros, readModels } from "../pipelines/models/run.ts";

let connection: DuckDBConnection;

/** A loaded monthly-count file of OP-A holding one row for measure `mesure`. */
async function fichier(id: string, nom: string, periode: string | null, chargeLe: string, mesure: string) {
  await connection.run(
    `INSERT INTO raw.fichiers VALUES ($1, $2, 'lda_mois_mesures', 'OP-A', $3, 'csv', 1, 1, 0, 'charge', NULL, NULL, CAST($4 AS TIMESTAMP))`,
    [id, nom, periode, chargeLe],
  );
  await connection.run(
    `INSERT INTO raw.lda_mois_mesures (code_operateur, id_mesure, mois, statut, _fichier, _ligne) VALUES ('OP-A', $1, '2026-01', 'active', $2, 2)`,
    [mesure, id],
  );
}

beforeAll(async () => {
  connection = await openDatabase(":memory:");
  await connection.run(LEDGER_DDL);
  await connection.run(rawTableDDL(reportByTable("lda_mois_mesures")!));
  // M1: a day in December against the month of December (31/12): the month is later, though « 2026-12-15 » sorts after it as text.
  await fichier("F-2026-12-15", "lda_mois_mesures__OP-A__2026-12-15.csv", "2026-12-15", "2027-01-02 09:00:00", "M1");
  await fichier("F-2026-12", "lda_mois_mesures__OP-A__2026-12.csv", "2026-12", "2027-01-01 09:00:00", "M1");
  // M2: the year 2026 (31/12) against March 2026: the year is later, though « 2026-03 » sorts after « 2026 » as text.
  await fichier("F-2026", "lda_mois_mesures__OP-A__2026.csv", "2026", "2027-01-01 08:00:00", "M2");
  await fichier("F-2026-03", "lda_mois_mesures__OP-A__2026-03.csv", "2026-03", "2027-01-03 09:00:00", "M2");
  // M3: two snapshots of 30/11: version 2 wins over a version 1 loaded after it.
  await fichier("F-2026-11-v2", "lda_mois_mesures__OP-A__2026-11_v2.csv", "2026-11", "2026-12-01 09:00:00", "M3");
  await fichier("F-2026-11-30", "lda_mois_mesures__OP-A__2026-11-30.csv", "2026-11-30", "2026-12-02 09:00:00", "M3");
  // M4: a file identified by its headers (no period) has its load date, 05/01/2027, as date_arrete, but ranks below
  // every file with a period: the December file's row wins.
  await fichier("F-sans-periode", "export mensuel.csv", null, "2027-01-05 09:00:00", "M4");
  await connection.run(
    `INSERT INTO raw.lda_mois_mesures (code_operateur, id_mesure, mois, statut, _fichier, _ligne) VALUES ('OP-A', 'M4', '2026-01', 'active', 'F-2026-12', 3)`,
  );
  // The macros read the reference data (the run's reference date), as in a run: reference first.
  await loadReference(connection, undefined, "2027-12-31");
  await createMacros(connection);
  const model = readModels().find((m) => m.name === "staging_lda_mois_mesures")!;
  await connection.run(`CREATE TABLE ${model.name} AS ${model.sql}`);
  for (const test of model.tests) expect(await query(connection, test.sql), test.label).toEqual([]);
});

describe("fichiers_actifs()", () => {
  it("gives each file its snapshot date as a date, its version and its rank", async () => {
    const rows = await query<{ fichier: string; date_arrete: string; version: number }>(
      connection,
      "SELECT fichier, CAST(date_arrete AS VARCHAR) AS date_arrete, version FROM fichiers_actifs() ORDER BY rang",
    );
    expect(rows).toEqual([
      { fichier: "F-sans-periode", date_arrete: "2027-01-05", version: 1 },
      { fichier: "F-2026-03", date_arrete: "2026-03-31", version: 1 },
      { fichier: "F-2026-11-30", date_arrete: "2026-11-30", version: 1 },
      { fichier: "F-2026-11-v2", date_arrete: "2026-11-30", version: 2 },
      { fichier: "F-2026-12-15", date_arrete: "2026-12-15", version: 1 },
      { fichier: "F-2026", date_arrete: "2026-12-31", version: 1 },
      { fichier: "F-2026-12", date_arrete: "2026-12-31", version: 1 },
    ]);
  });

  it("lets a staging model keep each record from its latest snapshot", async () => {
    const rows = await query(connection, "SELECT id_mesure, _fichier FROM staging_lda_mois_mesures ORDER BY id_mesure");
    expect(rows).toEqual([
      { id_mesure: "M1", _fichier: "F-2026-12" },
      { id_mesure: "M2", _fichier: "F-2026" },
      { id_mesure: "M3", _fichier: "F-2026-11-v2" },
      { id_mesure: "M4", _fichier: "F-2026-12" },
    ]);
  });
});
