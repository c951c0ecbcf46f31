// Opens one operator file as header + rows, whatever its format.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";
import { type CsvFormat, openCsv, readCsvBytes, type TextFacts } from "../read/csv.ts";
import type { SheetRows, SheetStream } from "../read/types.ts";
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
  // A workbook is read whole (its rows are compressed XML): Excel's own row limit keeps that bounded.
  if (extension === ".xlsx") return readWorkbook(await readFile(path), expected);
  throw new Error(unsupportedFormat(extension));
}

const unsupportedFormat = (extension: string) => `format « ${extension || "sans extension"} » non pris en charge : envoyer un fichier .csv ou .xlsx`;

function readWorkbook(bytes: Uint8Array, expected: AnyReport | undefined): Promise<SheetRows> {
  const candidates = expected ? [expected] : REPORTS;
  return readXlsxBytes(bytes, {
    // The template's data sheet is named after its table, next to « Notice » and « Listes » sheets.
    preferredSheet: (names) => names.find((n) => candidates.some((r) => foldKey(n) === r.table)),
    isHeader: (cells) => looksLikeHeader(candidates, cells),
  });
}

/** The same from bytes already in memory (the browser's checker): a CSV is read whole. */
export async function readOperatorBytes(bytes: Uint8Array, extension: string, expected: AnyReport | undefined): Promise<SheetRows & { csv?: CsvFormat }> {
  if (extension === ".csv") {
    const { encoding, delimiter, separatorHint, ...sheet } = readCsvBytes(bytes);
    return { ...sheet, csv: { encoding, delimiter, separatorHint } };
  }
  if (extension === ".xlsx") return readWorkbook(bytes, expected);
  throw new Error(unsupportedFormat(extension));
}
