// The refused rows of a checked file as a workbook the operator corrects from: one row per reason, with the line,
// the column, the value read and the reason, as the quarantine keeps them; beside them, on their own sheet, the values
// ignored in rows that load (non-blocking columns, as raw.valeurs_ignorees keeps them), to fix in a later sending.
// Made in the browser (the page's worker) and read back by the browser test.
import ExcelJS from "exceljs";
import type { Verdict } from "../../ingest/verifier.ts";
import { neutraliser } from "../../../observatory/components/cellule-csv.ts";

export const FEUILLE_REFUS = "Lignes refusées";
export const FEUILLE_IGNOREES = "Valeurs ignorées";
export const COLONNES_REFUS = ["Ligne", "Colonne", "Valeur lue", "Motif"] as const;

/** Bytes of the .xlsx. A text cell is written as text, never as a formula; it keeps the CSV cell rule all the same,
 * so that the workbook saved again as CSV by the operator runs nothing. */
export async function classeurRefus(verdict: Verdict): Promise<ArrayBuffer> {
  const classeur = new ExcelJS.Workbook();
  const texte = (v: string | null) => (v === null ? null : neutraliser(v));
  const feuille = (nom: string, entrees: Verdict["refus"]) => {
    const f = classeur.addWorksheet(nom);
    f.columns = [
      { header: COLONNES_REFUS[0], width: 8 },
      { header: COLONNES_REFUS[1], width: 24 },
      { header: COLONNES_REFUS[2], width: 30 },
      { header: COLONNES_REFUS[3], width: 90 },
    ];
    f.getRow(1).font = { bold: true };
    f.views = [{ state: "frozen", ySplit: 1 }];
    for (const q of entrees) f.addRow([q.line || null, texte(q.column), texte(q.rawValue), texte(q.reason)]);
  };
  feuille(FEUILLE_REFUS, verdict.refus);
  // Only when there are some: a file with none keeps the one sheet the operator knows.
  if (verdict.valeursIgnorees.length) feuille(FEUILLE_IGNOREES, verdict.valeursIgnorees);
  // exceljs gives a Buffer (Node's, or its polyfill in the browser): a plain copy of its bytes can be transferred.
  return new Uint8Array(await classeur.xlsx.writeBuffer()).slice().buffer;
}
