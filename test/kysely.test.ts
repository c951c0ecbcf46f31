import { describe, expect, it } from "vitest";
import { openDatabase } from "../pipelines/db/duckdb.ts";
import { LEDGER_DDL } from "../pipelines/db/ddl.ts";
import { kyselyFor } from "../pipelines/db/kysely.ts";

describe("Kysely over @duckdb/node-api", () => {
  it("inserts with bound parameters and reads typed rows back", async () => {
    const connection = await openDatabase(":memory:");
    await connection.run(LEDGER_DDL);
    const db = kyselyFor(connection);
    await db
      .insertInto("raw.quarantaine")
      .values([
        { fichier: "abc", nom_fichier: "a.csv", table_rapport: "lda_mesures", ligne: 3, colonne: "date_debut", valeur_brute: "31/02/2026", motif: "date" },
        { fichier: "abc", nom_fichier: "a.csv", table_rapport: "lda_mesures", ligne: 9, colonne: "sexe", valeur_brute: "Z", motif: "sexe" },
      ])
      .execute();
    const rows = await db
      .selectFrom("raw.quarantaine")
      .select(["ligne", "colonne"])
      .where("valeur_brute", "=", "31/02/2026")
      .execute();
    expect(rows).toEqual([{ ligne: 3, colonne: "date_debut" }]);
    const counted = await db.selectFrom("raw.quarantaine").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(counted.n).toBe(2);
  });
});
