// The ledger's history: raw.fichiers holds one run's outcome per file (every run rebuilds the database from the inbox),
// raw.fichiers_historique keeps every run's, appended. Each run copies the history of the database it replaces, then
// adds its own ledger rows stamped with the run's start — so a file loaded in one run and replaced in the next shows
// both outcomes, and the first run that saw a file dates its receipt (sql/int_fichiers_recus.sql).
// A previous database without history (built before this table existed) is migrated: its ledger becomes one earlier
// run, stamped with each file's load time.
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";

export const HISTORIQUE_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.fichiers_historique (
  execution TIMESTAMP NOT NULL,     -- start of the run that recorded this outcome
  fichier VARCHAR NOT NULL,         -- sha256 of the file's bytes
  nom VARCHAR NOT NULL,
  table_rapport VARCHAR,
  code_operateur VARCHAR,
  periode VARCHAR,
  lignes_lues INTEGER NOT NULL,
  lignes_chargees INTEGER NOT NULL,
  lignes_rejetees INTEGER NOT NULL,
  statut VARCHAR NOT NULL,          -- charge, remplace, rejete: the file's state at the end of that run
  remplace_par VARCHAR,
  motif VARCHAR,
  PRIMARY KEY (execution, fichier)
);
`;

const COLONNES = "fichier, nom, table_rapport, code_operateur, periode, lignes_lues, lignes_chargees, lignes_rejetees, statut, remplace_par, motif";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Carries the history of `precedente` (the installed database this run will replace; absent on a first run) into the
 * database being built, then appends this run's ledger stamped `execution` (UTC). Call it after the ingest, before the models.
 */
export async function enregistrerHistorique(connection: DuckDBConnection, precedente: string | null, execution: Date): Promise<void> {
  await connection.run(HISTORIQUE_DDL);
  if (precedente && existsSync(precedente)) {
    try {
      await connection.run(`ATTACH '${precedente.replace(/'/g, "''")}' AS precedente (READ_ONLY)`);
    } catch (error) {
      // Going on would start the history afresh and lose every earlier run without a word.
      throw new Error(
        `historique des fichiers : base précédente ${precedente} illisible (${message(error)}) ; fermer le programme qui l'utilise et relancer, ` +
          `ou, si elle est endommagée, la déplacer hors de build/ (l'historique des exécutions précédentes repartira alors de zéro)`,
      );
    }
    try {
      const tables = await query<{ table_name: string }>(
        connection,
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'precedente' AND table_schema = 'raw' AND table_name IN ('fichiers', 'fichiers_historique')",
      );
      const noms = new Set(tables.map((t) => t.table_name));
      if (noms.has("fichiers_historique")) {
        await connection.run(`INSERT INTO raw.fichiers_historique SELECT execution, ${COLONNES} FROM precedente.raw.fichiers_historique`);
      } else if (noms.has("fichiers")) {
        await connection.run(`INSERT INTO raw.fichiers_historique SELECT charge_le, ${COLONNES} FROM precedente.raw.fichiers`);
      }
    } finally {
      await connection.run("DETACH precedente");
    }
  }
  await connection.run(`INSERT INTO raw.fichiers_historique SELECT $1::TIMESTAMP, ${COLONNES} FROM raw.fichiers`, [execution.toISOString().replace("T", " ").replace("Z", "")]);
}
