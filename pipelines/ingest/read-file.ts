// Opens one operator file as header + rows, whatever its format.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";
import { type CsvFormat, openCsv, type TextFacts } from "../read/csv.ts";
import type { SheetStream } from "../read/types.ts";
import { readXlsxBytes } from "../read/xlsx.ts";
import { looksLikeHeader } from "./headers.ts";

export type OperatorSheet = SheetStream & { csv?: CsvFormat & { close(): Promise<void> } };

/** `facts`: what a pass over the file already learnt (the ingest's scan); else the CSV reader makes its own. */
export async function openOperatorFile(path: string, expected: AnyReport | undefined, facts?: TextFacts): Promise<OperatorSheet> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") {
    const sheet = await openCsv(path, facts);
    return { ...sheet, csv: sheet };
  }
  if (extension === ".xlsx") {
    // A workbook is read whole (its rows are compressed XML): Excel's own row limit keeps that bounded.
    const candidates = expected ? [expected] : REPORTS;
    return readXlsxBytes(await readFile(path), {
      // The template's data sheet is named after its table, next to « Notice » and « Listes » sheets.
      preferredSheet: (names) => names.find((n) => candidates.some((r) => foldKey(n) === r.table)),
      isHeader: (cells) => looksLikeHeader(candidates, cells),
    });
  }
  throw new Error(`format « ${extension || "sans extension"} » non pris en charge : envoyer un fichier .csv ou .xlsx`);
}
