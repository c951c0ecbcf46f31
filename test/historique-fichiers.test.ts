// The ledger's history across runs (pipelines/ingest/historique.ts): every run rebuilds its database from the inbox,
// and raw.fichiers_historique carries the previous database's history forward, then adds the run's own outcomes.
// Two runs: the first loads envaul_subsides of October; the second receives its _v2, which replaces it. The history
// must show the first file loaded (run 1) then replaced (run 2), and the _v2 loaded in run 2 only.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEDGER_DDL } from "../pipelines/db/ddl.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { enregistrerHistorique } from "../pipelines/ingest/historique.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";

const FICHIER = "envaul_subsides__ASSO-2__2026-10.csv";
const V2 = "envaul_subsides__ASSO-2__2026-10_v2.csv";

/** One run as the pipeline does it: a new database, the inbox ingested, the previous database's history carried. */
async function execution(base: string, precedente: string | null, inbox: string, quand: string): Promise<void> {
  const connection = await openDatabase(base);
  try {
    await ingestDirectory(connection, inbox);
    await enregistrerHistorique(connection, precedente, new Date(quand));
  } finally {
    closeDatabase(connection);
  }
}

interface Ligne {
  execution: string;
  nom: string;
  statut: string;
}

describe("historique du registre des fichiers", () => {
  it("deux exécutions avec un fichier remplacé : les deux états du premier fichier restent", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-historique-"));
    const inbox = join(dir, "inbox");
    mkdirSync(inbox);
    copyFileSync(join("test/fixtures/ingest", FICHIER), join(inbox, FICHIER));
    const premiere = join(dir, "run1.duckdb");
    await execution(premiere, null, inbox, "2026-11-02T08:00:00Z");
    // The correction: same rows but one, so a different sha256.
    const texte = readFileSync(join(inbox, FICHIER), "utf8").split("\n");
    writeFileSync(join(inbox, V2), texte.filter((_, i) => i !== 2).join("\n"));
    const seconde = join(dir, "run2.duckdb");
    await execution(seconde, premiere, inbox, "2026-12-01T08:00:00Z");

    const connection = await openDatabase(seconde, { readOnly: true });
    const lignes = await query<Ligne>(
      connection,
      "SELECT strftime(execution, '%Y-%m-%d %H:%M') AS execution, nom, statut FROM raw.fichiers_historique ORDER BY execution, nom",
    );
    closeDatabase(connection);
    expect(lignes).toEqual([
      { execution: "2026-11-02 08:00", nom: FICHIER, statut: "charge" },
      { execution: "2026-12-01 08:00", nom: FICHIER, statut: "remplace" },
      { execution: "2026-12-01 08:00", nom: V2, statut: "charge" },
    ]);
  });

  it("une base précédente sans historique : son registre devient une exécution antérieure, datée de chaque chargement", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-historique-"));
    const ancienne = join(dir, "ancienne.duckdb");
    const connection = await openDatabase(ancienne);
    await connection.run(LEDGER_DDL);
    await connection.run(
      `INSERT INTO raw.fichiers VALUES ('F1', 'lda_mesures__OP-A__2026-09.csv', 'lda_mesures', 'OP-A', '2026-09', 'csv', 10, 8, 2, 'charge', NULL, NULL, TIMESTAMP '2026-10-03 09:30:00')`,
    );
    closeDatabase(connection);
    const nouvelle = await openDatabase(":memory:");
    await nouvelle.run(LEDGER_DDL);
    await enregistrerHistorique(nouvelle, ancienne, new Date("2026-12-01T08:00:00Z"));
    const lignes = await query<Ligne & { lignes_rejetees: number }>(
      nouvelle,
      "SELECT strftime(execution, '%Y-%m-%d %H:%M') AS execution, nom, statut, lignes_rejetees FROM raw.fichiers_historique",
    );
    expect(lignes).toEqual([{ execution: "2026-10-03 09:30", nom: "lda_mesures__OP-A__2026-09.csv", statut: "charge", lignes_rejetees: 2 }]);
    closeDatabase(nouvelle);
  });

  it("une base précédente illisible arrête l'exécution en le disant, plutôt que de perdre l'historique", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-historique-"));
    const abimee = join(dir, "abimee.duckdb");
    writeFileSync(abimee, "pas une base DuckDB");
    const connection = await openDatabase(":memory:");
    await expect(enregistrerHistorique(connection, abimee, new Date())).rejects.toThrow(/base précédente .*abimee\.duckdb illisible/);
    closeDatabase(connection);
  });
});
