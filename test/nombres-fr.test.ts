// The alerts' French spelling of figures (sql/macros/nombres_fr.sql), whatever the SQL type the model hands over.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";

describe("montant_fr and nombre_fr", () => {
  it("put thousands apart and a decimal comma: two decimals for money, only those a figure has otherwise", async () => {
    const connection = await openDatabase(":memory:");
    await connection.run(readFileSync("sql/macros/nombres_fr.sql", "utf8"));
    const [row] = await query(
      connection,
      `SELECT montant_fr(CAST(160096 AS DECIMAL(18, 2))) AS decimal, montant_fr(1500) AS entier, montant_fr(-2365.5) AS negatif,
              nombre_fr(CAST(1651 AS INTEGER)) AS compte, nombre_fr(12.5) AS demi, nombre_fr(0) AS zero, nombre_fr(1000000.0) AS million`,
    );
    expect(row).toEqual({ decimal: "160 096,00", entier: "1 500,00", negatif: "-2 365,50", compte: "1 651", demi: "12,5", zero: "0", million: "1 000 000" });
  });
});
