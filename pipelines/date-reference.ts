// The run's reference date, « today » for every check that depends on it: a file's period may not lie after it, and
// deadline rules (missing bilans, final reports, late documents) count their delays up to it. Today by default;
// OBS_DATE_REFERENCE=AAAA-MM-JJ fixes it, so that a replay or a test gives the same answer on any day it runs.
export const DATE_REFERENCE_VARIABLE = "OBS_DATE_REFERENCE";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date as AAAA-MM-JJ; a value that is not a real calendar day stops the run (a typo would shift every deadline). */
export function dateReference(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const raw = env[DATE_REFERENCE_VARIABLE]?.trim();
  if (!raw) return now.toISOString().slice(0, 10);
  const m = ISO_DAY.exec(raw);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.toISOString().slice(0, 10) !== raw) {
    throw new Error(
      `${DATE_REFERENCE_VARIABLE}=« ${raw} » n'est pas une date valide : écrire la date de référence au format AAAA-MM-JJ ` +
        `(par exemple ${DATE_REFERENCE_VARIABLE}=2026-06-30), ou retirer la variable pour prendre la date du jour.`,
    );
  }
  return raw;
}

/**
 * ref.date_reference, one row: the date every deadline rule of the models reads (the macro `date_reference()`,
 * sql/macros/periodes_conventions.sql), never the latest date found in some data files: a bilan due after an operator stopped sending
 * files must still be reported missing. `date` given: written (the pipeline gives its run's date); absent: kept when
 * the base already has one (`npm run models` re-runs the models of the run that built the base), else the
 * environment's or today's.
 */
export async function writeDateReference(connection: { run(sql: string, values?: string[]): Promise<unknown> }, date?: string): Promise<void> {
  const keep = date === undefined;
  const value = date ?? dateReference();
  await connection.run(`CREATE ${keep ? "TABLE IF NOT EXISTS" : "OR REPLACE TABLE"} ref.date_reference AS SELECT CAST($1 AS DATE) AS date_reference`, [value]);
}
