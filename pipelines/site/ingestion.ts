// What the « fichiers reçus » page reads: the ledger, the quarantine and the ignored values, grouped so that an operator's problem
// reads as one line (reason, column, how many rows, which lines) rather than thousands.
import type { DuckDBConnection } from "@duckdb/node-api";
import { sql } from "kysely";
import { kyselyFor } from "../db/kysely.ts";

/** Every file, its quarantined rows and its ignored values, or only those of one operator's files when `operateur` is given. */
export async function suiviFichiers(connection: DuckDBConnection, operateur?: string) {
  const db = kyselyFor(connection);
  const fichiers = await db
    .selectFrom("raw.fichiers")
    .select(["nom", "table_rapport", "code_operateur", "periode", "format", "lignes_lues", "lignes_chargees", "lignes_rejetees", "statut", "motif"])
    .$if(operateur !== undefined, (q) => q.where("code_operateur", "=", operateur!))
    .orderBy("nom")
    .execute();
  // Rejected rows and ignored values have the same shape: one line per (file, column, reason) with its line numbers.
  const regroupes = (table: "raw.quarantaine" | "raw.valeurs_ignorees") =>
    db
      .selectFrom(table)
      .$if(operateur !== undefined, (q) => q.where("fichier", "in", db.selectFrom("raw.fichiers").select("fichier").where("code_operateur", "=", operateur!)))
      .select([
        "nom_fichier",
        "colonne",
        "motif",
        sql<number>`count(*)`.as("lignes"),
        sql<string>`string_agg(DISTINCT CAST(ligne AS VARCHAR), ', ' ORDER BY CAST(ligne AS VARCHAR))`.as("numeros"),
      ])
      .groupBy(["nom_fichier", "colonne", "motif"])
      .orderBy("nom_fichier")
      .orderBy("colonne")
      .execute();
  return { fichiers, problemes: await regroupes("raw.quarantaine"), valeursIgnorees: await regroupes("raw.valeurs_ignorees") };
}
