// `npm run templates`: per report table, an XLSX template (header row, dropdown lists, a « Notice »
// sheet) and a CSV header file, all derived from the zod contracts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { ligneCsv } from "../../observatory/components/cellule-csv.ts";
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { writeGrids } from "./grids.ts";
import { blockingText, KIND_LABELS, requirementText, valuesText } from "./notice.ts";

const ROWS_WITH_VALIDATION = 2000;

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export async function writeTemplate(report: Pick<AnyReport, "table" | "titre" | "description" | "columnList">, dir: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(report.table, { views: [{ state: "frozen", ySplit: 1 }] });
  const lists = workbook.addWorksheet("Listes", { state: "hidden" });
  const notice = workbook.addWorksheet("Notice");

  data.addRow(report.columnList.map((c) => c.name));
  data.getRow(1).font = { bold: true };
  report.columnList.forEach((c, i) => {
    const column = data.getColumn(i + 1);
    column.width = Math.max(14, c.name.length + 2);
    const cell = data.getCell(1, i + 1);
    cell.note = `${c.label} — ${requirementText(c)}`;
    if (c.kind === "enum" || c.kind === "bool") {
      // Dropdowns read their values from the hidden « Listes » sheet: inline lists are limited to 255 characters.
      const values = c.kind === "bool" ? ["Oui", "Non"] : [...c.values!];
      const letter = columnLetter(i);
      values.forEach((v, r) => (lists.getCell(r + 1, i + 1).value = v));
      for (let r = 2; r <= ROWS_WITH_VALIDATION; r++) {
        data.getCell(r, i + 1).dataValidation = {
          type: "list",
          allowBlank: c.req !== "R",
          formulae: [`Listes!$${letter}$1:$${letter}$${values.length}`],
          showErrorMessage: true,
          errorTitle: c.label,
          error: `Choisir une valeur de la liste (${c.name}).`,
        };
      }
    }
  });

  notice.addRow([report.titre]).font = { bold: true, size: 14 };
  notice.addRow([report.description]);
  notice.addRow([`Nom du fichier à envoyer : ${report.table}__<code opérateur>__<AAAA-MM>.xlsx (ou .csv), la période étant la date d'arrêté des données.`]);
  notice.addRow([]);
  notice.addRow([
    "Une valeur illisible dans une colonne bloquante (identifiant, date, nombre, montant, ou valeur dont dépend un comptage ou un financement) refuse la ligne ; dans une colonne non bloquante, elle est ignorée, signalée comme « valeur ignorée » et la ligne est comptée.",
  ]);
  notice.addRow([]);
  const header = notice.addRow(["Colonne", "Libellé", "Obligation", "Type", "Valeurs admises", "Explication", "Exemple", "Valeur illisible"]);
  header.font = { bold: true };
  for (const c of report.columnList) {
    notice.addRow([c.name, c.label, requirementText(c), KIND_LABELS[c.kind], valuesText(c), c.description ?? "", c.example, blockingText(c)]);
  }
  [28, 40, 30, 28, 60, 60, 24, 50].forEach((w, i) => (notice.getColumn(i + 1).width = w));
  notice.getColumn(5).alignment = { wrapText: true, vertical: "top" };
  notice.getColumn(6).alignment = { wrapText: true, vertical: "top" };

  await workbook.xlsx.writeFile(join(dir, `modele_${report.table}.xlsx`));
  // The CSV template: header and one example row, in the Excel-French flavour (; separator, UTF-8 BOM).
  const lignes = [report.columnList.map((c) => c.name), report.columnList.map((c) => c.example)].map((l) => ligneCsv(l, ";"));
  writeFileSync(join(dir, `modele_${report.table}.csv`), `\ufeff${lignes.join("\r\n")}\r\n`);
}

export async function writeTemplates(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (const report of REPORTS) await writeTemplate(report, dir);
  return REPORTS.map((r) => r.table);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? "build/modeles");
  const tables = await writeTemplates(dir);
  console.log(`${tables.length} modèles (XLSX + CSV) écrits dans ${dir} : ${tables.join(", ")}`);
  const annee = Number(process.argv[3] ?? new Date().getFullYear());
  const grids = await writeGrids(dir, annee);
  console.log(`${grids.length} grilles de bilan quantitatif ${annee} écrites : ${grids.join(", ")}`);
}
