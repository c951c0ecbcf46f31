// Disclosure control on a hand-made mart_indicateurs: every expected mask below was worked out by hand from the
// rule (threshold 11, one masked cell in an additive group → the smallest published positive cell is masked too).
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, query } from "../pipelines/db/duckdb.ts";
import { applyStatisticalSecret, type SecretSummary } from "../pipelines/publish/secret.ts";
import { type LigneMart, martFaitMain } from "./helpers/mart-fait-main.ts";

// fiche, indicateur, territoire, niveau, ventilation, modalite, valeur, unite
const ROWS: [string, string, string, string, string, string, number, string][] = [
  ["F", "i01", "62", "departement", "ensemble", "ensemble", 40, "personnes"],
  ["F", "i01", "62", "departement", "sexe", "F", 35, "personnes"],
  ["F", "i01", "62", "departement", "sexe", "M", 5, "personnes"],
  ["F", "i01", "62", "departement", "sexe", "non_renseigne", 0, "personnes"],
  ["F", "i01", "T1", "territoire_lda", "ensemble", "ensemble", 32, "personnes"],
  ["F", "i01", "T1", "territoire_lda", "sexe", "F", 28, "personnes"],
  ["F", "i01", "T1", "territoire_lda", "sexe", "M", 4, "personnes"],
  ["F", "i01", "T2", "territoire_lda", "ensemble", "ensemble", 8, "personnes"],
  ["F", "i01", "T2", "territoire_lda", "sexe", "F", 7, "personnes"],
  ["F", "i01", "T2", "territoire_lda", "sexe", "M", 1, "personnes"],
  ["F", "t01", "62", "departement", "ensemble", "ensemble", 50, "%"],
  ["F", "t01", "62", "departement", "sexe", "M", 12.5, "%"],
  ["F", "a01", "62", "departement", "ensemble", "ensemble", 3, "actions"],
  ["G", "b01", "62", "departement", "ensemble", "ensemble", 4, "bidules"],
];

let connection: DuckDBConnection;
let summary: SecretSummary;

beforeAll(async () => {
  connection = await martFaitMain(ROWS.map(([f, i, t, n, v, m, x, u]) => [f, i, "2026", "annee", t, n, v, m, x, u]));
  summary = await applyStatisticalSecret(connection);
});

async function shown(indicateur: string, territoire: string, ventilation: string, modalite: string) {
  const [row] = await query<{ valeur: number | null; secret: boolean }>(
    connection,
    "SELECT valeur, secret FROM mart_indicateurs_publics WHERE indicateur = $1 AND territoire = $2 AND ventilation = $3 AND modalite = $4",
    [indicateur, territoire, ventilation, modalite],
  );
  return row!.secret ? "s" : row!.valeur;
}

describe("statistical secret (threshold 11)", () => {
  it("masks counts of people below 11, but not zeros", async () => {
    expect(await shown("i01", "62", "sexe", "M")).toBe("s"); // 5 < 11
    expect(await shown("i01", "T2", "ensemble", "ensemble")).toBe("s"); // 8
    expect(await shown("i01", "T2", "sexe", "F")).toBe("s"); // 7
    expect(await shown("i01", "62", "sexe", "non_renseigne")).toBe(0);
  });

  it("masks a second cell wherever one masked cell could be recovered from its margin", async () => {
    // 62 by sex: M=5 alone masked, 40 − 35 would give it → the smallest other positive cell, F=35 (< total 40), masked.
    expect(await shown("i01", "62", "sexe", "F")).toBe("s");
    // T1 by sex: M=4 alone masked → F=28 (< T1 total 32) masked.
    expect(await shown("i01", "T1", "sexe", "F")).toBe("s");
    // Territories: T2=8 alone masked, 40 − 32 would give it → T1=32 (< département 40) masked.
    expect(await shown("i01", "T1", "ensemble", "ensemble")).toBe("s");
    // The département total stays: every group it closes now has two masked cells or more.
    expect(await shown("i01", "62", "ensemble", "ensemble")).toBe(40);
  });

  it("masks a rate the catalogue names no terms for (fiche F is not in it) when a count of its cell is masked, not otherwise", async () => {
    expect(await shown("t01", "62", "sexe", "M")).toBe("s");
    expect(await shown("t01", "62", "ensemble", "ensemble")).toBe(50);
  });

  it("publishes counts that are not of people, and masks small counts of a unit it does not know", async () => {
    expect(await shown("a01", "62", "ensemble", "ensemble")).toBe(3);
    expect(await shown("b01", "62", "ensemble", "ensemble")).toBe("s");
  });

  it("leaves no masked value in the published table and reports what it did", async () => {
    expect(await query(connection, "SELECT count(*) AS n FROM mart_indicateurs_publics WHERE secret AND valeur IS NOT NULL")).toEqual([{ n: 0 }]);
    // Primary: 62/M 5, T1/M 4, T2 8, T2/F 7, T2/M 1, b01 4 = 6; secondary: 62/F, T1/F, T1 = 3; rates: t01 62/M = 1.
    expect(summary).toMatchObject({ seuil: 11, cellules: 14, primaires: 6, secondaires: 3, taux: 1 });
  });
});

describe("statistical secret of a ratio whose terms the catalogue names", () => {
  // f2_11: i02_taux_reponse = i02_evaluations / i01_presences (catalogue). One cell per year and nothing else, so no
  // relation links them: the ratio rule alone decides. By hand:
  //   2026: the numerator 5 < 11 is masked → the rate is masked;
  //   2025: both terms published (30, 20); the masked 3 professionals are not a term → the rate is published;
  //   2024: neither term in the cell → the former rule: a masked count of people (3) in the cell → masked.
  const F = "f2_11_sensibilisation_pe";
  const cellule = (periode: string, indicateur: string, valeur: number, unite: string) =>
    [F, indicateur, periode, "annee", "62", "departement", "ensemble", "ensemble", valeur, unite] as [string, string, string, string, string, string, string, string, number, string];
  let c: DuckDBConnection;

  beforeAll(async () => {
    c = await martFaitMain([
      cellule("2026", "i01_presences", 40, "participations"),
      cellule("2026", "i02_evaluations", 5, "participants"),
      cellule("2026", "i02_taux_reponse", 12.5, "%"),
      cellule("2025", "i01_presences", 30, "participations"),
      cellule("2025", "i02_evaluations", 20, "participants"),
      cellule("2025", "i01_professionnels", 3, "professionnels"),
      cellule("2025", "i02_taux_reponse", 66.7, "%"),
      cellule("2024", "i01_professionnels", 3, "professionnels"),
      cellule("2024", "i02_taux_reponse", 50, "%"),
    ]);
    await applyStatisticalSecret(c);
  });

  it("masks it when one of its terms is masked, publishes it beside another masked count, falls back when its terms are absent", async () => {
    const taux = await query<{ periode: string; valeur: number | null; secret: boolean }>(
      c,
      "SELECT periode, valeur, secret FROM mart_indicateurs_publics WHERE indicateur = 'i02_taux_reponse' ORDER BY periode",
    );
    expect(taux).toEqual([
      { periode: "2024", valeur: null, secret: true },
      { periode: "2025", valeur: 66.7, secret: false },
      { periode: "2026", valeur: null, secret: true },
    ]);
  });
});

describe("statistical secret: a tie between secondary candidates", () => {
  // 62 by sex: M = 5 masked (< 11); F and non_renseigne, 20 each, tie for the secondary mask. The tie goes to the cell
  // first in key order (sexe|F before sexe|non_renseigne), whatever order the mart's rows are stored in: here the
  // other one comes first, so a numbering « as the rows come » would mask it instead.
  const rangees: LigneMart[] = [
    ["F", "i01", "2026", "annee", "62", "departement", "sexe", "non_renseigne", 20, "personnes"],
    ["F", "i01", "2026", "annee", "62", "departement", "sexe", "M", 5, "personnes"],
    ["F", "i01", "2026", "annee", "62", "departement", "sexe", "F", 20, "personnes"],
    ["F", "i01", "2026", "annee", "62", "departement", "ensemble", "ensemble", 45, "personnes"],
  ];

  it("masks the cell first in key order, and publishes the table in that order", async () => {
    const c = await martFaitMain(rangees);
    await applyStatisticalSecret(c);
    expect(await query(c, "SELECT modalite, secret FROM mart_indicateurs_publics ORDER BY rowid")).toEqual([
      { modalite: "ensemble", secret: false },
      { modalite: "F", secret: true },
      { modalite: "M", secret: true },
      { modalite: "non_renseigne", secret: false },
    ]);
    closeDatabase(c);
  });
});
