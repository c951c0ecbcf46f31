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
import { gridRows, writeGrids } from "../pipelines/templates/grids.ts";
import { indicatorCatalogue } from "../pipelines/contracts/catalogue.ts";
import { query } from "../pipelines/db/duckdb.ts";

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

describe("declared « bilan quantitatif » grids, one per fiche, from the indicator catalogue", () => {
  it("list every indicator of the fiche for the département and each of its territories, by sex where it is broken down", () => {
    const rows = gridRows("f2_4_adsl", 2026);
    const indicators = indicatorCatalogue().filter((e) => e.fiche === "f2_4_adsl").map((e) => e.indicateur);
    // 62 + the 7 Logement d'abord territories.
    for (const i of indicators) expect(rows.filter((r) => r.indicateur === i && r.ventilation === "ensemble").length, i).toBe(8);
    expect(rows.filter((r) => r.indicateur === "i01" && r.territoire === "62" && r.ventilation === "sexe").map((r) => r.modalite)).toEqual(["F", "M", "non_renseigne"]);
  });

  it("offer each fiche the territories it publishes, as its indicator mart states them", () => {
    const territoires = (fiche: string) => [...new Set(gridRows(fiche, 2026).map((r) => r.territoire))];
    const lda = ["62", "lens_henin", "artois", "audomarois", "boulonnais", "montreuillois", "arrageois_ternois", "calaisis"];
    const mds = ["62", "arrageois", "artois", "audomarois", "boulonnais", "calaisis", "henin_carvin", "lens_lievin", "montreuillois", "ternois"];
    // sql/mart_f2_8_indicateurs.sql and mart_f2_10_indicateurs.sql: departement, ami, territoire_lda (AMI are not declared).
    expect(territoires("f2_8_gep")).toEqual(lda);
    expect(territoires("f2_10_equipes_mobiles")).toEqual(lda);
    // mart_f2_1_indicateurs.sql: departement, territoire_mds.
    expect(territoires("f2_1_information")).toEqual(mds);
    // mart_f2_9_indicateurs.sql publishes both: the five codes of both levels once, then lens_henin and arrageois_ternois.
    expect(territoires("f2_9_observatoire_jeunes")).toEqual([...mds, "lens_henin", "arrageois_ternois"]);
  });

  it("come back through the ingestion as they are, blank values included, with the operator taken from the file name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-grilles-"));
    await writeGrids(dir, 2026);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "bilan_quantitatif_f2_4_adsl.xlsx"));
    const sheet = workbook.getWorksheet("bilans_quantitatifs")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    sheet.getCell(2, header.indexOf("valeur") + 1).value = 148;
    sheet.getCell(3, header.indexOf("valeur") + 1).value = "12,5";
    const inbox = mkdtempSync(join(tmpdir(), "obs-inbox-"));
    await workbook.xlsx.writeFile(join(inbox, "bilans_quantitatifs__ASSO-LENS-01__2026.xlsx"));
    const connection = await openDatabase(":memory:");
    const [file] = (await ingestDirectory(connection, inbox)).fichiers;
    const rows = gridRows("f2_4_adsl", 2026).length;
    expect([file!.lues, file!.chargees, file!.rejetees]).toEqual([rows, rows, 0]);
    const declared = await query(connection, "SELECT code_operateur, valeur::DOUBLE AS valeur FROM raw.bilans_quantitatifs WHERE valeur IS NOT NULL ORDER BY valeur");
    expect(declared).toEqual([{ code_operateur: "ASSO-LENS-01", valeur: 12.5 }, { code_operateur: "ASSO-LENS-01", valeur: 148 }]);
  });
});
