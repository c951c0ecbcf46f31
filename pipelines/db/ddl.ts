// DuckDB DDL derived from the zod contracts: the raw tables never get written by hand.
import type { ColumnKind } from "../contracts/columns.ts";
import type { AnyReport } from "../contracts/index.ts";

export const DUCKDB_TYPES: Record<ColumnKind, string> = {
  str: "VARCHAR",
  int: "INTEGER",
  dec: "DECIMAL(18,2)",
  date: "DATE",
  month: "VARCHAR",
  week: "VARCHAR",
  bool: "BOOLEAN",
  enum: "VARCHAR",
  list: "VARCHAR[]",
  commune: "VARCHAR",
  epci: "VARCHAR",
};

/** Columns the loader adds to every raw row: which file it came from and its line there. */
export const LINEAGE_COLUMNS = ["_fichier", "_ligne"] as const;

export function rawTableDDL(report: AnyReport): string {
  const columns = report.columnList.map((c) => `  ${c.name} ${DUCKDB_TYPES[c.kind]}${c.req === "R" ? " NOT NULL" : ""}`);
  columns.push("  _fichier VARCHAR NOT NULL", "  _ligne INTEGER NOT NULL");
  return `CREATE TABLE IF NOT EXISTS raw.${report.table} (\n${columns.join(",\n")}\n);`;
}

/** One cell's entry: where it is, the value read and why. Rejected rows and ignored values have the same shape. */
const CELL_ENTRY = `
  fichier VARCHAR NOT NULL,
  nom_fichier VARCHAR NOT NULL,
  table_rapport VARCHAR,
  ligne INTEGER,
  colonne VARCHAR,
  valeur_brute VARCHAR,
  motif VARCHAR NOT NULL
`;

export const LEDGER_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.fichiers (
  fichier VARCHAR PRIMARY KEY,      -- sha256 of the file's bytes
  nom VARCHAR NOT NULL,
  table_rapport VARCHAR,
  code_operateur VARCHAR,
  periode VARCHAR,
  format VARCHAR NOT NULL,
  lignes_lues INTEGER NOT NULL,
  lignes_chargees INTEGER NOT NULL,
  lignes_rejetees INTEGER NOT NULL,
  statut VARCHAR NOT NULL,          -- charge, remplace, rejete
  remplace_par VARCHAR,
  motif VARCHAR,
  charge_le TIMESTAMP NOT NULL
);
-- Byte-identical copies of a file already in raw.fichiers (same sha256 under another name): received, not loaded again.
CREATE TABLE IF NOT EXISTS raw.copies (
  nom VARCHAR NOT NULL,
  fichier VARCHAR NOT NULL,         -- sha256, the raw.fichiers row it copies
  copie_de VARCHAR NOT NULL,        -- name of that file
  recu_le TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS raw.quarantaine (${CELL_ENTRY});
-- Unreadable values of non-blocking columns: the row is loaded with the cell empty (pipelines/ingest/validate.ts).
CREATE TABLE IF NOT EXISTS raw.valeurs_ignorees (${CELL_ENTRY});
`;
