// The verdict the ingest would give one file, from its bytes and its name alone: no disk, no database, no key. The
// « Vérifier un fichier » page runs this very function in the operator's browser (observatory/verifier/), and
// test/verifier-parite.test.ts holds it to the pipeline's outcome, row by row. It follows ingestFile step by step
// through the same decisions (decisions.ts); what it cannot know is what the ledger holds (a file already loaded,
// a later version already there, a second sending of a month without a higher `_vN`), which the page says.
import type { AnyReport } from "../contracts/index.ts";
import { foldKey } from "../normalise/values.ts";
import { readCsvHeaderBytes } from "../read/csv.ts";
import type { Row } from "../read/types.ts";
import { dateReference } from "../date-reference.ts";
import { emptyFileMotif, headerWarnings, missingColumnsMotif, missingPeriodMotif, periodMotif, reportOfHeaders, rowJudge, unknownTableMotif } from "./decisions.ts";
import { matchHeaders } from "./headers.ts";
import { parseFileName, reportFromName } from "./identify.ts";
import { personalColumns, pseudonymiser } from "./pseudonymise.ts";
import { shortReason, shortValue } from "./quarantine-text.ts";
import { readOperatorBytes } from "./read-file.ts";
import { type QuarantineEntry, rowValidator } from "./validate.ts";

export interface Verdict {
  nom: string;
  /** The report table, from the file name, else from the headers; null when neither tells. */
  table: string | null;
  /** How the table was told. */
  reconnuPar: "nom" | "en-tetes" | null;
  operateur: string | null;
  periode: string | null;
  /** 1 for a first sending, N for `_vN`; null for a file named outside the convention. */
  version: number | null;
  statut: "charge" | "rejete";
  /** Why the whole file is refused (statut rejete). */
  motif: string | null;
  avertissements: string[];
  lues: number;
  chargees: number;
  rejetees: number;
  /** Each refused row's reasons, as the quarantine keeps them (long values cut); line 0 when no row could be read. */
  refus: QuarantineEntry[];
  /** Values of non-blocking columns read as empty in rows that load (« valeur ignorée »), as raw.valeurs_ignorees keeps them. */
  valeursIgnorees: QuarantineEntry[];
}

export interface VerifierOptions {
  /** Called every `every` rows judged, and once at the end. */
  onProgress?: (lues: number, total: number) => void;
  every?: number;
  /** The reference date (AAAA-MM-JJ) no file's period may start after; default the pipeline's: OBS_DATE_REFERENCE, else today. */
  dateReference?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const extension = (nom: string) => (/\.[^./\\]+$/.exec(nom)?.[0] ?? "").toLowerCase();
// What the quarantine and ignored-values writer stores of an entry (load.ts): a long value cut once.
const asStored = (q: QuarantineEntry): QuarantineEntry => ({ ...q, rawValue: q.rawValue === null ? null : shortValue(q.rawValue), reason: shortReason(q.reason) });
// The checker stores nothing: a personal value stays in clear inside the operator's own browser, compared only to
// tell the same person twice, exactly as its keyed hash would be (the quarantine masks it in both).
const inClear = (_key: string, table: string, column: string, value: string) => `${table}\u0000${column}\u0000${foldKey(value)}`;

/** Rows whose parsing failed after the header: yields nothing, then throws as the streamed reader does. */
function* failing(error: Error): Generator<Row> {
  throw error;
}

export async function verifierFichier(bytes: Uint8Array, nom: string, options: VerifierOptions = {}): Promise<Verdict> {
  const name = parseFileName(nom);
  let report: AnyReport | undefined = reportFromName(name);
  const verdict: Verdict = {
    nom,
    table: report?.table ?? null,
    reconnuPar: report ? "nom" : null,
    operateur: name?.operator ?? null,
    periode: name?.periode ?? null,
    version: name?.version ?? null,
    statut: "charge",
    motif: null,
    avertissements: [],
    lues: 0,
    chargees: 0,
    rejetees: 0,
    refus: [],
    valeursIgnorees: [],
  };
  const progress = (total: number) => options.onProgress?.(verdict.lues, total);

  /** The file refused whole: each of its rows with the reason, as ingest-file.ts's rejectFile does. */
  const reject = (motif: string, rows: Iterable<Row> = []): Verdict => {
    let refus: QuarantineEntry[] = [];
    let lues = 0;
    try {
      for (const { line } of rows) {
        lues++;
        refus.push({ line, column: null, rawValue: null, reason: motif });
      }
    } catch (error) {
      return reject(`${motif} ; de plus, fichier illisible : ${message(error)}`);
    }
    if (lues === 0) refus = [{ line: 0, column: null, rawValue: null, reason: motif }];
    return { ...verdict, statut: "rejete", motif, avertissements: [], lues, chargees: 0, rejetees: lues, refus: refus.map(asStored), valeursIgnorees: [] };
  };

  if (name && !report) {
    verdict.table = name.table;
    return reject(unknownTableMotif(name, extension(nom)));
  }
  const implausible = periodMotif(name, options.dateReference ?? dateReference());
  if (implausible) return reject(implausible);

  let sheet: Awaited<ReturnType<typeof readOperatorBytes>>;
  let rows: Iterable<Row>;
  try {
    sheet = await readOperatorBytes(bytes, extension(nom), report);
    rows = sheet.rows;
  } catch (error) {
    // The pipeline streams a CSV: a parse error below the header meets it after the header was judged.
    const headers = extension(nom) === ".csv" ? readCsvHeaderBytes(bytes) : null;
    if (!headers?.length) return reject(`fichier illisible : ${message(error)}`);
    sheet = { headers, headerLine: 1, rows: [], csv: undefined };
    rows = failing(error instanceof Error ? error : new Error(message(error)));
  }
  const empty = emptyFileMotif(sheet.headers, sheet.sheet);
  if (empty) return reject(empty);
  if (!report) {
    const fromHeaders = reportOfHeaders(sheet.headers);
    if ("motif" in fromHeaders) return reject(fromHeaders.motif, rows);
    report = fromHeaders.report;
    verdict.reconnuPar = "en-tetes";
  }
  verdict.table = report.table;
  const noPeriod = missingPeriodMotif(report, name, extension(nom).slice(1));
  if (noPeriod) return reject(noPeriod, rows);
  const match = matchHeaders(report, sheet.headers);
  const missing = missingColumnsMotif(report, match);
  if (missing) return reject(missing, rows);
  verdict.avertissements = headerWarnings(match);

  const personal = personalColumns(report).length > 0;
  const protect = personal ? pseudonymiser(report, "", inClear) : (row: Record<string, unknown>) => row;
  const validator = rowValidator(report, report.producer === "operateur" ? verdict.operateur : null, protect);
  const judge = rowJudge(validator, match.columns, sheet.csv?.delimiter, personal);
  const total = Array.isArray(rows) ? rows.length : 0;
  const every = options.every ?? 500;
  const refus: QuarantineEntry[] = [];
  const ignorees: QuarantineEntry[] = [];
  let operator = verdict.operateur;
  try {
    for (const row of rows) {
      const result = judge(row);
      if ("row" in result) {
        verdict.chargees++;
        ignorees.push(...result.avertissements.map(asStored));
        // A file named outside the convention belongs to the operator its rows name.
        operator ??= typeof result.row.code_operateur === "string" ? result.row.code_operateur : null;
      } else refus.push(...result.issues.map(asStored));
      if (++verdict.lues % every === 0) progress(total);
    }
  } catch (error) {
    return reject(`fichier illisible ou chargement interrompu : ${message(error)} ; rien n'a été chargé`);
  }
  progress(total);
  return { ...verdict, operateur: operator, rejetees: verdict.lues - verdict.chargees, refus, valeursIgnorees: ignorees };
}
