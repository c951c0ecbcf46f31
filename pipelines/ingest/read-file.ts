// Opens one operator file as header + rows, whatever its format.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";
import { type CsvFormat, openCsv, readCsvBytes, type TextFacts } from "../read/csv.ts";
import type { Row, SheetRows, SheetStream } from "../read/types.ts";
import { openXlsxBytes } from "../read/xlsx.ts";
import { looksLikeHeader } from "./headers.ts";

export type OperatorSheet = SheetStream & { csv?: CsvFormat & { close(): Promise<void> } };

/** `facts`: what a pass over the file already learnt (the ingest's scan); else the CSV reader makes its own. */
export async function openOperatorFile(path: string, expected: AnyReport | undefined, facts?: TextFacts): Promise<OperatorSheet> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") {
    const sheet = await openCsv(path, facts);
    return { ...sheet, csv: sheet };
  }
  // The file's bytes are read whole (compressed, they are small); its sheet is inflated and read as a stream.
  if (extension === ".xlsx") return openWorkbook(await readFile(path), expected);
  throw new Error(unsupportedFormat(extension));
}

const unsupportedFormat = (extension: string) => `format « ${extension || "sans extension"} » non pris en charge : envoyer un fichier .csv ou .xlsx`;

function openWorkbook(bytes: Uint8Array, expected: AnyReport | undefined): Promise<SheetStream> {
  const candidates = expected ? [expected] : REPORTS;
  return openXlsxBytes(bytes, {
    // The template's data sheet is named after its table, next to « Notice » and « Listes » sheets.
    preferredSheet: (names) => names.find((n) => candidates.some((r) => foldKey(n) === r.table)),
    isHeader: (cells) => looksLikeHeader(candidates, cells),
  });
}

/**
 * The same from bytes already in memory (the browser's checker): rows read at once, so that the checker knows how
 * many there are. A workbook failing below its header fails there as in the pipeline's stream: its rows read so far,
 * then the error.
 */
export async function readOperatorBytes(bytes: Uint8Array, extension: string, expected: AnyReport | undefined): Promise<Omit<SheetRows, "rows"> & { rows: Iterable<Row>; csv?: CsvFormat }> {
  if (extension === ".csv") {
    const { encoding, delimiter, separatorHint, ...sheet } = readCsvBytes(bytes);
    return { ...sheet, csv: { encoding, delimiter, separatorHint } };
  }
  if (extension !== ".xlsx") throw new Error(unsupportedFormat(extension));
  const sheet = await openWorkbook(bytes, expected);
  const rows: Row[] = [];
  try {
    for await (const row of sheet.rows) rows.push(row);
  } catch (error) {
    return { ...sheet, rows: failingAfter(rows, error) };
  }
  return { ...sheet, rows };
}

function* failingAfter(rows: Row[], error: unknown): Generator<Row> {
  yield* rows;
  throw error;
}
