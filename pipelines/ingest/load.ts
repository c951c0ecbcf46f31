// Writes one file's outcome in a single transaction: its valid rows into raw.<table>, its rejected
// rows into raw.quarantaine, one ledger row, and the supersession of an earlier file of the same
// (table, operator, period). A failure leaves nothing half-loaded.
import { DuckDBDataChunkWriter, JSToDuckDBValueConverter, type DuckDBConnection } from "@duckdb/node-api";
import type { AnyReport } from "../contracts/index.ts";
import { kyselyFor } from "../db/kysely.ts";
import type { FichierRow } from "../db/schema.ts";
import type { QuarantineEntry } from "./validate.ts";

export interface FileOutcome {
  ledger: Omit<FichierRow, "charge_le" | "remplace_par">;
  report: AnyReport | undefined;
  rows: { line: number; row: Record<string, unknown> }[];
  quarantine: QuarantineEntry[];
}

function toDuckValue(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "date") return new Date(`${String(value)}T00:00:00Z`);
  return value;
}

/** Returns the sha256 of the files this one superseded. */
export async function writeOutcome(connection: DuckDBConnection, outcome: FileOutcome): Promise<string[]> {
  const db = kyselyFor(connection);
  const { ledger, report } = outcome;
  await connection.run("BEGIN TRANSACTION");
  try {
    const superseded: string[] = [];
    if (report && ledger.statut === "charge" && ledger.periode && ledger.code_operateur) {
      const older = await db
        .selectFrom("raw.fichiers")
        .select("fichier")
        .where("table_rapport", "=", report.table)
        .where("code_operateur", "=", ledger.code_operateur)
        .where("periode", "=", ledger.periode)
        .where("statut", "=", "charge")
        .execute();
      for (const { fichier } of older) {
        await db.updateTable("raw.fichiers").set({ statut: "remplace", remplace_par: ledger.fichier }).where("fichier", "=", fichier).execute();
        await connection.run(`DELETE FROM raw.${report.table} WHERE _fichier = $1`, [fichier]);
        superseded.push(fichier);
      }
    }
    if (report && outcome.rows.length) {
      const appender = await connection.createAppender(report.table, "raw");
      const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
      for (const { line, row } of outcome.rows) {
        writer.appendRow([...report.columnList.map((c) => toDuckValue(c.kind, row[c.name])), ledger.fichier, line] as never);
      }
      writer.flush();
      appender.closeSync();
    }
    for (let i = 0; i < outcome.quarantine.length; i += 1000) {
      await db
        .insertInto("raw.quarantaine")
        .values(
          outcome.quarantine.slice(i, i + 1000).map((q) => ({
            fichier: ledger.fichier,
            nom_fichier: ledger.nom,
            table_rapport: ledger.table_rapport,
            ligne: q.line,
            colonne: q.column,
            valeur_brute: q.rawValue,
            motif: q.reason,
          })),
        )
        .execute();
    }
    await db.insertInto("raw.fichiers").values({ ...ledger, remplace_par: null, charge_le: new Date() }).execute();
    await connection.run("COMMIT");
    return superseded;
  } catch (error) {
    await connection.run("ROLLBACK");
    throw error;
  }
}
