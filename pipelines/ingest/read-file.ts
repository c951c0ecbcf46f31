// Reads one operator file into header + rows, whatever its format.
import { extname } from "node:path";
import { REPORTS, type AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";
import { readCsvBytes } from "../read/csv.ts";
import type { SheetRows } from "../read/types.ts";
import { readXlsxBytes } from "../read/xlsx.ts";
import { looksLikeHeader } from "./headers.ts";

export async function readOperatorFile(path: string, bytes: Uint8Array, expected: AnyReport | undefined): Promise<SheetRows> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return readCsvBytes(bytes);
  if (extension === ".xlsx") {
    return readXlsxBytes(bytes, {
      preferredSheet: (names) => names.find((n) => expected && foldKey(n) === expected.table),
      isHeader: (cells) => looksLikeHeader(expected ? [expected] : REPORTS, cells),
    });
  }
  throw new Error(`format « ${extension || "sans extension"} » non pris en charge : envoyer un fichier .csv ou .xlsx`);
}
