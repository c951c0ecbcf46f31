// A full disk stops a run with one message saying so and where, whichever writer met it: Node's fs (ENOSPC) or
// DuckDB (its database, WAL or spill files: « No space left on device », « Could not write all bytes »).
export function isDiskFull(error: unknown): boolean {
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ENOSPC") return true;
  return error instanceof Error && /No space left on device|Could not write all bytes/i.test(error.message);
}

/**
 * The error to stop on: when the disk is full, the French message naming the folder the run writes to (not the
 * aside file that failed: the run removes it), the error itself otherwise.
 */
export function explainDiskFull(error: unknown, folder: string): unknown {
  if (!isDiskFull(error)) return error;
  return new Error(`disque plein : impossible d'écrire dans ${folder} — libérer de la place puis relancer`, { cause: error });
}
