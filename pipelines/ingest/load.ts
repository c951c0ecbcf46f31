// Writes one file inside a single transaction: its valid rows into raw.<table>, its rejected rows into
// raw.quarantaine and the values its loaded rows ignored into raw.valeurs_ignorees as they stream in (DuckDB appenders), then the supersession of an earlier file of the same
// (table, operator, period) and one ledger row. A failure rolls everything back: nothing is half-loaded.
import { DuckDBDataChunkWriter, JSToDuckDBValueConverter, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { AnyReport } from "../contracts/index.ts";
import { sql } from "kysely";
import { kyselyFor } from "../db/kysely.ts";
import type { FichierRow } from "../db/schema.ts";
import { periodKey } from "./identify.ts";
import { shortReason, shortValue } from "./quarantine-text.ts";
import type { QuarantineEntry } from "./validate.ts";

export type LedgerRow = Omit<FichierRow, "charge_le" | "remplace_par">;

export interface FileWriter {
  row(line: number, row: Record<string, unknown>): void;
  /** The rows appended so far, in the table now rather than at commit (the SQL load's duplicate check reads them). */
  flushRows(): void;
  quarantine(entry: QuarantineEntry): void;
  /** A value ignored in a loaded row (non-blocking column): raw.valeurs_ignorees. */
  ignored(entry: QuarantineEntry): void;
  /** Writes the ledger row, supersedes earlier files of the same period, commits; returns the superseded sha256. */
  commit(ledger: LedgerRow): Promise<string[]>;
  rollback(): Promise<void>;
}

/** How a validated value enters the appender: dates are ISO strings in the contracts, DATE columns take a JS Date. */
function toDuckValue(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "date") return new Date(`${String(value)}T00:00:00Z`);
  return value;
}

/** A validated row as the raw table's values: the contract's columns in order, then its file and line. */
export function rawRowValues(report: AnyReport, row: Record<string, unknown>, fichier: string, line: number): unknown[] {
  return [...report.columnList.map((c) => toDuckValue(c.kind, row[c.name])), fichier, line];
}

export async function chunkWriter(connection: DuckDBConnection, table: string, schema = "raw", catalog: string | null = null) {
  const appender = await connection.createAppender(table, schema, catalog);
  return { appender, writer: DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter }) };
}

export async function openFileWriter(
  connection: DuckDBConnection,
  report: AnyReport | undefined,
  file: { fichier: string; nom: string },
): Promise<FileWriter> {
  await connection.run("BEGIN TRANSACTION");
  const appenders: DuckDBAppender[] = [];
  let open = true;
  const rollback = async () => {
    if (!open) return;
    open = false;
    // Rows still buffered in an appender would otherwise be flushed outside the transaction when it closes.
    for (const a of appenders) {
      try {
        a.clear();
        a.closeSync();
      } catch {
        // already closed
      }
    }
    await connection.run("ROLLBACK");
  };
  try {
    const rows = report ? await chunkWriter(connection, report.table) : undefined;
    const quarantine = await chunkWriter(connection, "quarantaine");
    const ignored = await chunkWriter(connection, "valeurs_ignorees");
    appenders.push(...[rows?.appender, quarantine.appender, ignored.appender].filter((a) => a !== undefined));
    const table = report?.table ?? null;
    const entryValues = (q: QuarantineEntry) => [file.fichier, file.nom, table, q.line, q.column, q.rawValue === null ? null : shortValue(q.rawValue), shortReason(q.reason)];

    return {
      row(line, row) {
        rows!.writer.appendRow(rawRowValues(report!, row, file.fichier, line) as never);
      },
      flushRows() {
        rows!.writer.flush();
        rows!.appender.flushSync();
      },
      quarantine(q) {
        // Both paths and every refusal write the quarantine here: a long value is cut here, once.
        quarantine.writer.appendRow(entryValues(q) as never);
      },
      ignored(q) {
        ignored.writer.appendRow(entryValues(q) as never);
      },
      async commit(ledger) {
        try {
          for (const w of [rows, quarantine, ignored]) {
            w?.writer.flush();
            w?.appender.closeSync();
          }
          const superseded = await supersede(connection, ledger);
          await kyselyFor(connection)
            .insertInto("raw.fichiers")
            .values({ ...ledger, remplace_par: null, charge_le: new Date() })
            .execute();
          await connection.run("COMMIT");
          open = false;
          return superseded;
        } catch (error) {
          await rollback();
          throw error;
        }
      },
      rollback,
    };
  } catch (error) {
    await rollback();
    throw error;
  }
}

/**
 * A loaded file replaces the loaded file of the same table, operator and period (a day counts as its month,
 * identify.ts periodKey): its rows and quarantine go.
 */
async function supersede(connection: DuckDBConnection, ledger: LedgerRow): Promise<string[]> {
  if (ledger.statut !== "charge" || !ledger.table_rapport || !ledger.code_operateur || !ledger.periode) return [];
  const db = kyselyFor(connection);
  const older = await db
    .selectFrom("raw.fichiers")
    .select("fichier")
    .where("table_rapport", "=", ledger.table_rapport)
    .where("code_operateur", "=", ledger.code_operateur)
    .where(sql<string>`left(periode, 7)`, "=", periodKey(ledger.periode))
    .where("statut", "=", "charge")
    .execute();
  for (const { fichier } of older) {
    await db.updateTable("raw.fichiers").set({ statut: "remplace", remplace_par: ledger.fichier }).where("fichier", "=", fichier).execute();
    await connection.run(`DELETE FROM raw.${ledger.table_rapport} WHERE _fichier = $1`, [fichier]);
    await db.deleteFrom("raw.quarantaine").where("fichier", "=", fichier).execute();
    await db.deleteFrom("raw.valeurs_ignorees").where("fichier", "=", fichier).execute();
  }
  return older.map((o) => o.fichier);
}
