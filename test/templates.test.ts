import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { ldaMesures } from "../pipelines/contracts/lda_mesures.ts";
import { openDatabase } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";
import { writeTemplates } from "../pipelines/templates/generate.ts";

describe("operator templates derived from the contracts", () => {
  const dir = mkdtempSync(join(tmpdir(), "obs-modeles-"));
  beforeAll(() => writeTemplates(dir));

  it("give every column of the contract, in order, in the CSV header", () => {
    for (const report of REPORTS) {
      const [header] = readFileSync(join(dir, `modele_${report.table}.csv`), "utf8").replace(/^\ufeff/, "").split("\r\n");
      expect(header!.split(";")).toEqual(report.columnList.map((c) => c.name));
    }
  });

  it("carry an example row that the ingestion accepts as it is", async () => {
    const inbox = mkdtempSync(join(tmpdir(), "obs-inbox-"));
    for (const report of REPORTS) {
      const operator = report.producer === "operateur" ? "ASSO-LENS-01" : "CD62";
      copyFileSync(join(dir, `modele_${report.table}.csv`), join(inbox, `${report.table}__${operator}__2026-10.csv`));
    }
    const result = await ingestDirectory(await openDatabase(":memory:"), inbox, { pseudonymKey: "cle-de-test-suffisamment-longue" });
    for (const f of result.fichiers) expect([f.nom, f.chargees, f.rejetees]).toEqual([f.nom, 1, 0]);
  });

  it("offer a dropdown for enumerations and a French notice for every column", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "modele_lda_mesures.xlsx"));
    const data = workbook.getWorksheet("lda_mesures")!;
    const dispositif = data.getRow(1).values as string[];
    const col = dispositif.indexOf("dispositif");
    expect(data.getCell(2, col).dataValidation).toMatchObject({ type: "list" });
    const notice = workbook.getWorksheet("Notice")!;
    const names = notice.getColumn(1).values.filter(Boolean);
    for (const c of ldaMesures.columnList) expect(names).toContain(c.name);
  });
});
