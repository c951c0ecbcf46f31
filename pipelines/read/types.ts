/** One data row and the line a person sees when opening the file (CSV physical line, XLSX row number). */
export interface Row {
  line: number;
  values: unknown[];
}

/** What every reader returns: header cells and data rows. */
export interface SheetRows {
  headers: string[];
  /** 1-based line of the header (XLSX files may carry title rows above it). */
  headerLine: number;
  rows: Row[];
  sheet?: string;
}

/** The same, rows arriving one at a time: a large CSV file is never held whole in memory. */
export interface SheetStream extends Omit<SheetRows, "rows"> {
  rows: AsyncIterable<Row> | Iterable<Row>;
}
