/** What every reader returns: header cells and data rows, each with the line a person sees in the file. */
export interface SheetRows {
  headers: string[];
  /** 1-based line of the header (XLSX files may carry title rows above it). */
  headerLine: number;
  rows: { line: number; values: unknown[] }[];
  sheet?: string;
}
