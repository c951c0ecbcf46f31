// Which report a file is and whose: the file-name convention, else the headers.
import { describe, expect, it } from "vitest";
import { REPORTS, type AnyReport } from "../pipelines/contracts/index.ts";
import { nvActionsSpecifiques } from "../pipelines/contracts/f2_2_numero_vert.ts";
import { envaulSubsides } from "../pipelines/contracts/lda_activite.ts";
import { ldaMesures } from "../pipelines/contracts/lda_mesures.ts";
import { looksLikeHeader, matchHeaders } from "../pipelines/ingest/headers.ts";
import { compareFileNames, implausiblePeriod, parseFileName, periodKey, reportsFromHeaders } from "../pipelines/ingest/identify.ts";

const mesures = ldaMesures as unknown as AnyReport;

describe("file-name convention <table>__<code_operateur>__<periode>.<csv|xlsx>", () => {
  it.each([
    ["lda_mesures__ASSO-1__2026-10.csv", { table: "lda_mesures", operator: "ASSO-1", periode: "2026-10", version: 1, copie: false }],
    ["sources/inbox/conventions__CD62__2026.csv", { table: "conventions", operator: "CD62", periode: "2026", version: 1, copie: false }],
    ["bilans__12345678900012__2026-06-30.XLSX", { table: "bilans", operator: "12345678900012", periode: "2026-06-30", version: 1, copie: false }],
    ["lda_mesures__ASSO_LENS__2026-10_v2.csv", { table: "lda_mesures", operator: "ASSO_LENS", periode: "2026-10", version: 2, copie: false }],
  ])("reads %s", (name, expected) => expect(parseFileName(name)).toEqual(expected));

  it.each(["bilan final.xlsx", "lda_mesures__ASSO-1__2026-13.csv", "lda_mesures__ASSO-1__oct2026.csv", "lda_mesures__ASSO-1__2026-10.ods", "lda_mesures____2026.csv"])(
    "does not read %s",
    (name) => expect(parseFileName(name)).toBeNull(),
  );

  it.each(["lda_mesures__ASSO-1__2026-10 (1).csv", "lda_mesures__ASSO-1__2026-10 - copie.csv", "lda_mesures__ASSO-1__2026-10 - Copy (2).xlsx"])(
    "reads the copy %s as the same table, operator and period, marked as a copy",
    (name) => expect(parseFileName(name)).toMatchObject({ table: "lda_mesures", operator: "ASSO-1", periode: "2026-10", version: 1, copie: true }),
  );

  it("takes a day as its month: 2026-06-30 and 2026-06 are one period, a year stays a year", () => {
    expect([periodKey("2026-06-30"), periodKey("2026-06"), periodKey("2026")]).toEqual(["2026-06", "2026-06", "2026"]);
  });

  it("refuses a period starting after the reference date, or before 2000, and says how to fix it", () => {
    // Reference 15/06/2026: June 2026 has started (accepted), July has not; the year 2026 has started, 2027 has not.
    expect(implausiblePeriod("2026-06", "2026-06-15")).toBeNull();
    expect(implausiblePeriod("2026-06-30", "2026-06-15")).toMatch(/postérieure à la date de référence du traitement \(2026-06-15\)/);
    expect(implausiblePeriod("2026-07", "2026-06-15")).toMatch(/période « 2026-07 ».*OBS_DATE_REFERENCE/);
    expect(implausiblePeriod("2026", "2026-06-15")).toBeNull();
    expect(implausiblePeriod("2027", "2026-06-15")).not.toBeNull();
    expect(implausiblePeriod("9999", "2026-06-15")).toMatch(/9999/);
    expect(implausiblePeriod("1999-12", "2026-06-15")).toMatch(/antérieure à 2000/);
  });

  it("orders files so that each resubmission comes after the one it replaces", () => {
    const names = ["m__A__2026-10_v10.csv", "m__A__2026-10_v2.csv", "m__A__2026-10.csv", "m__A__2026-09.csv", "b.csv"];
    expect([...names].sort(compareFileNames)).toEqual(["b.csv", "m__A__2026-09.csv", "m__A__2026-10.csv", "m__A__2026-10_v2.csv", "m__A__2026-10_v10.csv"]);
  });
});

describe("headers", () => {
  it("match a column by code or French label, whatever the case, accents, spaces and punctuation", () => {
    const m = matchHeaders(mesures, ["CODE OPERATEUR", "id mesure", "Date de debut activation", "date-signature-contrat", "Dispositif :", "Remarques", "ID_MESURE", ""]);
    expect(m.columns).toEqual(["code_operateur", "id_mesure", "date_debut", "date_signature_contrat", "dispositif", null, null, null]);
    expect(m.unknown).toEqual(["Remarques"]);
    expect(m.duplicated).toEqual(["ID_MESURE"]);
    expect(m.missingRequired).toContain("id_personne");
    expect(m.missingRequired).not.toContain("date_debut");
  });

  it("identify the table whose columns match best, provided all its required columns are there", () => {
    const tables = (headers: string[]) => reportsFromHeaders(headers).map((r) => r.table);
    for (const report of REPORTS as readonly AnyReport[]) {
      expect(tables(report.columnList.map((c) => c.label)), report.table).toEqual([report.table]);
    }
    expect(tables(["code_operateur", "id_mesure"])).toEqual([]);
    // Only the columns 2.1 and 2.2 actions share: ambiguous, the file name must tell.
    const shared = nvActionsSpecifiques.columnList.filter((c) => c.req === "R").map((c) => c.name);
    expect(tables(shared)).toEqual(["info_actions_information", "nv_actions_specifiques"]);
  });

  it("tell the XLSX header row apart from title and form rows above it", () => {
    const candidates = [envaulSubsides as unknown as AnyReport];
    expect(looksLikeHeader(candidates, ["Subsides ENVAUL — octobre 2026", "", ""])).toBe(false);
    expect(looksLikeHeader(candidates, ["Code opérateur", "ASSO-1"])).toBe(false);
    expect(looksLikeHeader(candidates, ["Code opérateur", "Identifiant de la dépense", "id_mesure", "Date", "Catégorie", "Montant (€)", "Justificatif fourni"])).toBe(true);
    expect(looksLikeHeader(REPORTS, ["code_operateur", "id_action", "id_personne"])).toBe(true);
  });
});
