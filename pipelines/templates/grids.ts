// Per fiche, the « bilan quantitatif » grid operators fill when they report totals rather than records: one row per
// catalogue indicator × modality (ensemble, and sex and age band where the indicator is broken down by them) ×
// territory (the département and the territories the fiche publishes) for one year, everything pre-filled but the value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { bilansQuantitatifs, VENTILATIONS_DECLARABLES } from "../contracts/bilans_quantitatifs.ts";
import { indicatorCatalogue } from "../contracts/catalogue.ts";
import { FICHES } from "../contracts/dimensions.ts";
import { NIVEAUX_DECLARABLES, niveauxPublies } from "../models/niveaux-publies.ts";


function territoryCodes(table: string): string[] {
  const path = fileURLToPath(new URL(`../../sources/reference/${table}.csv`, import.meta.url));
  return (parse(readFileSync(path, "utf8"), { columns: true }) as { code: string }[]).map((r) => r.code);
}

/**
 * The département and the territories of each declarable level the fiche publishes (its indicator mart says which:
 * 2.8 and 2.10 by Logement d'abord territory, 2.1 by MDS territory…). A code of two levels is offered once: it is read
 * at the first level the fiche publishes (sql/mart_indicateurs_declares.sql).
 */
export function gridTerritories(fiche: string): string[] {
  const niveaux = niveauxPublies().get(fiche) ?? [];
  const codes = NIVEAUX_DECLARABLES.filter((n) => niveaux.includes(n.niveau)).flatMap((n) => (n.table ? territoryCodes(n.table) : ["62"]));
  return [...new Set(codes)];
}

export interface GridRow {
  fiche: string;
  indicateur: string;
  libelle_indicateur: string;
  annee: number;
  territoire: string;
  ventilation: string;
  modalite: string;
}

export function gridRows(fiche: string, annee: number): GridRow[] {
  const territories = gridTerritories(fiche);
  const rows: GridRow[] = [];
  for (const entry of indicatorCatalogue().filter((e) => e.fiche === fiche)) {
    const modalities = [["ensemble", "ensemble"], ...Object.entries(VENTILATIONS_DECLARABLES).filter(([v]) => entry.ventilations.includes(v)).flatMap(([v, ms]) => ms.map((m) => [v, m]))];
    for (const territoire of territories) {
      for (const [ventilation, modalite] of modalities) {
        rows.push({ fiche, indicateur: entry.indicateur, libelle_indicateur: entry.libelle, annee, territoire, ventilation: ventilation!, modalite: modalite! });
      }
    }
  }
  return rows;
}

/** Writes bilan_quantitatif_<fiche>.xlsx for every fiche that has catalogue indicators; returns the fiches written. */
export async function writeGrids(dir: string, annee: number): Promise<string[]> {
  const written: string[] = [];
  const columns = bilansQuantitatifs.columnList.map((c) => c.name);
  for (const fiche of FICHES) {
    const rows = gridRows(fiche, annee);
    if (!rows.length) continue;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(bilansQuantitatifs.table, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(columns).font = { bold: true };
    for (const r of rows) sheet.addRow(columns.map((c) => (r as unknown as Record<string, unknown>)[c] ?? null));
    columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c === "libelle_indicateur" ? 60 : Math.max(12, c.length + 2)));
    const notice = workbook.addWorksheet("Notice");
    notice.addRow([`Bilan quantitatif — ${fiche} — ${annee}`]).font = { bold: true, size: 14 };
    notice.addRow(["Compléter la colonne « valeur » des lignes que vous pouvez renseigner ; laisser vide ce que vous ne déclarez pas. Ne pas modifier les autres colonnes."]);
    notice.addRow(["La colonne code_operateur peut rester vide : le code est lu dans le nom du fichier."]);
    notice.addRow([`Nom du fichier à envoyer : bilans_quantitatifs__<code opérateur>__${annee}.xlsx`]);
    notice.addRow(["Lorsque les fiches individuelles de la même période ont été transmises, le chiffre calculé à partir d'elles est publié ; un écart avec le chiffre déclaré est signalé."]);
    notice.getColumn(1).width = 120;
    await workbook.xlsx.writeFile(join(dir, `bilan_quantitatif_${fiche}.xlsx`));
    written.push(fiche);
  }
  return written;
}
