// The SQL load numbers a file's lines as DuckDB reads them, then writes the rows in any order: on a file large enough
// for both threads to read it, every loaded row and every refused one must still carry its own line. (Before, the lines
// were the order of a table's rows, and an IN list of six codes or more, planned as a join, wrote rows out of order: on
// 1 000 000 rows, 88 % of the lines were wrong.) The rows are written before the load's transaction: a load stopped
// after that must take them out again.
// And the calendar that reads dates (sql-normalise.ts): each day of the plausible years under both its spellings.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAUSIBLE_YEARS } from "../pipelines/contracts/columns.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ldaMesures } from "../pipelines/contracts/lda_mesures.ts";
import { ingestDirectory, prepareRawSchema, type IngestReport } from "../pipelines/ingest/index.ts";
import { loadWithSql, prepareReading } from "../pipelines/ingest/sql-load.ts";
import { rowValidator } from "../pipelines/ingest/validate.ts";
import { calendarDate } from "../pipelines/ingest/sql-normalise.ts";

const ROWS = 300_000;
const HEADER = "code_operateur;id_mesure;id_personne;id_menage;dispositif;territoire_lda;sexe;age_entree;composition_familiale;situation_logement_entree;date_debut;date_signature_contrat";
const COMPOSITIONS = ["personne_seule", "famille_monoparentale", "couple_sans_enfant", "couple_avec_enfants", "autre", "non_renseigne"];
// Row i is on line i + 2 and names it in its identifier; one row in 1 000 has a 31 February, refused.
const row = (i: number) =>
  [
    "ASSO-1", `L${i + 2}`, `P${i}`, `H${i}`, "adsl", "artois", "F", "30", COMPOSITIONS[i % 6], "heberge_tiers",
    i % 1000 === 7 ? "31/02/2026" : "15/03/2026", "2026-03-14",
  ].join(";");

describe("the SQL load on a file both threads read", () => {
  let dir: string;
  let connection: DuckDBConnection;
  let report: IngestReport;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "obs-lignes-"));
    writeFileSync(join(dir, "lda_mesures__ASSO-1__2026-10.csv"), `${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].join("\n")}\n`);
    connection = await openDatabase(":memory:");
    report = await ingestDirectory(connection, dir, { dateReference: "2026-12-01" });
  }, 120_000);
  afterAll(() => {
    closeDatabase(connection);
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads every row but the 300 with a 31 February, through DuckDB", () => {
    const f = report.fichiers[0]!;
    // 300 000 rows, i % 1000 === 7 for 300 of them.
    expect([f.voie, f.lues, f.chargees, f.rejetees]).toEqual(["duckdb", 300_000, 299_700, 300]);
  });

  it("gives each loaded row its own line", async () => {
    const [wrong] = await query<{ n: number }>(connection, "SELECT count(*) AS n FROM raw.lda_mesures WHERE id_mesure <> 'L' || _ligne");
    expect(wrong!.n).toBe(0);
  });

  it("puts each refused row at its own line", async () => {
    const lines = await query<{ ligne: number }>(connection, "SELECT ligne FROM raw.quarantaine ORDER BY ligne");
    // Row i = 7, 1007, 2007… on line i + 2.
    expect(lines.map((l) => l.ligne)).toEqual(Array.from({ length: 300 }, (_, k) => k * 1000 + 9));
  });
});

describe("a SQL load stopped after its rows are written", () => {
  it("leaves no row of the file, refused rows included, nor anything in the quarantine or the ledger", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-arret-"));
    const path = join(dir, "lda_mesures__ASSO-1__2026-10.csv");
    // Rows 0–2 999 on lines 2–3 001; i % 1000 === 7 (3 rows) has a 31 February: zod is asked about those, and fails.
    writeFileSync(path, `${[HEADER, ...Array.from({ length: 3_000 }, (_, i) => row(i))].join("\n")}\n`);
    const connection = await openDatabase(":memory:");
    await prepareRawSchema(connection);
    const validator = { ...rowValidator(ldaMesures, "ASSO-1"), parse: () => { throw new Error("panne simulée"); } };
    const input = {
      path, fichier: "f".repeat(64), nom: "lda_mesures__ASSO-1__2026-10.csv", delimiter: ";", width: HEADER.split(";").length, columns: HEADER.split(";"),
      headerLine: 1, hasQuotes: false, fileOperator: "ASSO-1", namedOperator: "ASSO-1",
      ledger: () => { throw new Error("jamais atteint"); },
    };
    await expect(loadWithSql(connection, ldaMesures, input, validator)).rejects.toThrow("panne simulée");
    const [left] = await query(connection, "SELECT (SELECT count(*) FROM raw.lda_mesures) AS r, (SELECT count(*) FROM raw.quarantaine) AS q, (SELECT count(*) FROM raw.fichiers) AS f");
    expect(left).toEqual({ r: 0, q: 0, f: 0 });
    closeDatabase(connection);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the calendar the SQL load reads dates with", () => {
  it("has each plausible day under AAAA-MM-JJ and JJ/MM/AAAA, and nothing else", async () => {
    const connection = await openDatabase(":memory:");
    await prepareReading(connection);
    const [check] = await query<{ jours: number; faux: number }>(
      connection,
      `SELECT count(*) AS jours,
         count(*) FILTER (WHERE ${calendarDate("strftime(d, '%Y-%m-%d')")} IS DISTINCT FROM d::DATE OR ${calendarDate("strftime(d, '%d/%m/%Y')")} IS DISTINCT FROM d::DATE) AS faux
       FROM range(DATE '${PLAUSIBLE_YEARS.from}-01-01', DATE '${PLAUSIBLE_YEARS.to + 1}-01-01', INTERVAL 1 DAY) AS r(d)`,
    );
    // 2000–2040: 41 years, 11 of them leap (2000, 2004 … 2040): 41 × 365 + 11 = 14 976 days.
    expect(check).toEqual({ jours: 14_976, faux: 0 });
    const outside = await query<{ v: string | null }>(
      connection,
      `SELECT ${calendarDate("x")}::VARCHAR AS v FROM (VALUES ('31/02/2026'), ('1/02/2026'), (' 01/02/2026'), ('1999-12-31'), ('2041-01-01'), ('2026-2-01'), ('2026/02/01')) AS t(x)`,
    );
    expect(outside.map((o) => o.v)).toEqual([null, null, null, null, null, null, null]);
    closeDatabase(connection);
  });
});
