// Deterministic demo operator files for every fiche (2.1-2.13): realistic volumes and dates, a few rule
// breaches the checks must report, and a few defects the quarantine must catch. The Logement d'abord measures
// (2.4-2.7) are drawn here; the other fiches' tables come from fiches/.
//   npm run samples -- [--out build/samples/inbox] [--seed 20261031] [--scale 1]
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { AnyReport } from "../contracts/index.ts";
import { envaulSubsides, ldaActionsCollectives, ldaMoisMesures, ldaParticipationsCollectives } from "../contracts/lda_activite.ts";
import { ldaMesures } from "../contracts/lda_mesures.ts";
import { ldaRencontresHebdo, ldaSaisines, ldaSecurisation } from "../contracts/lda_plateforme.ts";
import { bilans, conventions, versements } from "../contracts/shared.ts";
import { bilansOf, collectiveActions, moisMesures, subsides } from "./activity.ts";
import { type Anomalie, countingErrors, forceRuleCases, resolve } from "./anomalies.ts";
import { conventionRows, sampleWindowStart } from "./conventions.ts";
import { type InjectedDefect, injectDefects, type SampleFile } from "./defects.ts";
import { assignIdentifiers, drawMesures, type Mesure, recommencements } from "./measures.ts";
import { DATE_ARRETE, DEPARTEMENT, type Dispositif, OPERATORS, PERIODE, type SampleOperator } from "./operators.ts";
import { Random } from "./random.ts";
import { platformOf, saisinesOf } from "./saisines.ts";
import { loadSampleReference } from "./reference.ts";
import { type Flavour, type SampleRecord, writeSampleFile } from "./write.ts";
import { comptesRendus, versementsOf } from "./fiches/financial.ts";
import { ficheSamples } from "./fiches/index.ts";
import { rencontresHebdo } from "./fiches/lda_rencontres_hebdo.ts";
import { securisations } from "./fiches/lda_securisation.ts";

export const DEFAULT_SEED = 20261031;
export const DEFECTS_FILE = "defauts-injectes.json";

export interface SampleOptions {
  seed?: number;
  /**
   * Multiplies the volumes (1 ≈ 700 LDA measures, 3 000 information and 2 500 numéro vert consultations, about 40 000 rows
   * in all; 0.2 is enough for tests). Calendars (permanences, group meetings, sessions) keep their rhythm at any scale.
   */
  scale?: number;
}

export interface SampleFileSummary {
  name: string;
  table: string;
  operateur: string;
  format: Flavour;
  /** Data rows written (header and title rows excluded). */
  rows: number;
}

export interface SampleSummary {
  seed: number;
  scale: number;
  files: SampleFileSummary[];
  defects: InjectedDefect[];
  /** Valid rows that break a business rule (r03, r05, r07, 2.6 r13…): for the checks, not the quarantine. */
  anomalies: Anomalie[];
}

interface PendingFile extends SampleFile {
  report: AnyReport;
  title?: string;
}

/** Independent random stream per operator: changing one operator leaves the others' files unchanged. */
function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of `${seed}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

const records = (rows: readonly object[]): SampleRecord[] => rows.map((row) => ({ values: { ...row } as Record<string, unknown> }));

function pendingFile(report: AnyReport, operator: string, flavour: Flavour, rows: SampleRecord[], periode = PERIODE): PendingFile {
  const known = new Set(report.columnList.map((c) => c.name));
  for (const r of rows) {
    const unknown = Object.keys(r.values).filter((k) => !known.has(k));
    if (unknown.length) throw new Error(`${report.table} : colonnes hors contrat ${unknown.join(", ")}`);
  }
  const extension = flavour.startsWith("xlsx") ? "xlsx" : "csv";
  const title = flavour === "xlsx-titre" ? `${report.titre} — ${operator} — situation au ${DATE_ARRETE.split("-").reverse().join("/")}` : undefined;
  return { name: `${report.table}__${operator}__${periode}.${extension}`, table: report.table, operator, flavour, records: rows, report, title };
}

function operatorFiles(seed: number, scale: number, index: number, operator: SampleOperator, reference: ReturnType<typeof loadSampleReference>) {
  const random = new Random(streamSeed(seed, operator.code));
  const ctx = { random, operator, reference };
  const mesures: Mesure[] = [];
  for (const { territoire, mesures: volumes } of operator.activity) {
    const window = [sampleWindowStart(reference.ami.get(territoire)!), DATE_ARRETE] as const;
    for (const d of Object.keys(volumes) as Dispositif[]) mesures.push(...drawMesures(ctx, d, territoire, Math.max(4, Math.round(volumes[d]! * scale)), window));
  }
  const pending = forceRuleCases(random, operator, reference, mesures);
  mesures.push(...recommencements(ctx, mesures));
  assignIdentifiers(mesures, index);
  const anomalies = resolve(pending, mesures);

  const mois = moisMesures(mesures);
  anomalies.push(...countingErrors(random, operator, mois));
  const { actions, participations } = collectiveActions(random, operator, mesures);
  const subs = operator.activity.some((a) => a.mesures.envaul) ? subsides(random, mesures) : null;
  const bilanRows = bilansOf(random, mesures, (m, type) =>
    anomalies.push({ regle: "r05", attendu: "ecart", operateur: operator.code, table: "bilans", id: m.row.id_mesure!, description: `${type} non remis` }),
  );

  const f = operator.flavour;
  const files = [
    pendingFile(ldaMesures, operator.code, f, records(mesures.map((m) => m.row))),
    pendingFile(ldaMoisMesures, operator.code, f, records(mois.map((m) => m.row))),
    pendingFile(ldaActionsCollectives, operator.code, f, records(actions)),
  ];
  if (operator.participations) files.push(pendingFile(ldaParticipationsCollectives, operator.code, f, records(participations)));
  if (subs) files.push(pendingFile(envaulSubsides, operator.code, f, records(subs.map((s) => s.row))));
  files.push(pendingFile(bilans, operator.code, f, records(bilanRows.map((b) => b.row))));
  // Streams of their own, so that these optional tables leave the operator's other files unchanged.
  const hebdo = rencontresHebdo(new Random(streamSeed(seed, `${operator.code}:hebdo`)), operator.code, mesures);
  if (hebdo.length) files.push(pendingFile(ldaRencontresHebdo, operator.code, f, records(hebdo)));
  const secu = securisations(new Random(streamSeed(seed, `${operator.code}:securisation`)), operator.code, mesures);
  if (secu.rows.length) files.push(pendingFile(ldaSecurisation, operator.code, f, records(secu.rows)));
  anomalies.push(...secu.anomalies);
  return { files, mesures, subsides: subs ?? [], anomalies };
}

export async function generateSamples(outDir: string, options: SampleOptions = {}): Promise<SampleSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`graine « ${seed} » : un nombre entier est attendu`);
  // 100: the scale benchmark's largest run (a hundred département-years).
  if (!(scale > 0 && scale <= 100)) throw new Error(`échelle « ${scale} » : un nombre entre 0 (exclu) et 100 est attendu`);
  const reference = loadSampleReference();

  const files: PendingFile[] = [];
  const allMesures: Mesure[] = [];
  const allSubsides: ReturnType<typeof subsides> = [];
  const anomalies: Anomalie[] = [];
  for (const [index, operator] of OPERATORS.entries()) {
    const out = operatorFiles(seed, scale, index, operator, reference);
    files.push(...out.files);
    allMesures.push(...out.mesures);
    allSubsides.push(...out.subsides);
    anomalies.push(...out.anomalies);
  }
  // Platform referrals, per LDA territory; each measure points to the referral it came from.
  for (const territoire of [...new Set(allMesures.map((m) => m.territoire))].sort()) {
    const rows = saisinesOf(new Random(streamSeed(seed, `saisines:${territoire}`)), reference, territoire, allMesures.filter((m) => m.territoire === territoire));
    files.push(pendingFile(ldaSaisines, platformOf(territoire), "csv-utf8", records(rows)));
  }
  const saisineOf = new Map(allMesures.map((m) => [`${m.operator.code}/${m.row.id_mesure}`, m.row.id_saisine]));
  for (const file of files.filter((f) => f.table === ldaMesures.table)) {
    for (const r of file.records) r.values.id_saisine = saisineOf.get(`${file.operator}/${String(r.values.id_mesure)}`) ?? null;
  }
  const fiches = ficheSamples((name) => streamSeed(seed, name), reference, scale);
  for (const t of fiches.tables) files.push(pendingFile(t.report, t.operator, t.flavour, records(t.rows)));
  anomalies.push(...fiches.anomalies);
  const conventionsRandom = new Random(streamSeed(seed, DEPARTEMENT));
  const allConventions = [...conventionRows(conventionsRandom, reference, allMesures, allSubsides), ...fiches.conventions];
  files.push(pendingFile(conventions, DEPARTEMENT, "csv-excel-fr", records(allConventions), "2026"));
  const flavours = new Map(files.map((f) => [f.operator, f.flavour]));
  const reports = comptesRendus(new Random(streamSeed(seed, "comptes_rendus")), allConventions, (o) => flavours.get(o) ?? "csv-utf8");
  for (const t of reports.tables) files.push(pendingFile(t.report, t.operator, t.flavour, records(t.rows)));
  const payments = versementsOf(new Random(streamSeed(seed, "versements")), allConventions);
  files.push(pendingFile(versements, DEPARTEMENT, "csv-excel-fr", records(payments.rows), "2026"));
  anomalies.push(...reports.anomalies, ...payments.anomalies);

  const protectedIds = new Set(anomalies.filter((a) => a.regle !== "r05").map((a) => a.id));
  const injected = injectDefects(new Random(streamSeed(seed, "defauts")), files, protectedIds);

  mkdirSync(outDir, { recursive: true });
  const defects: InjectedDefect[] = [];
  const summaries: SampleFileSummary[] = [];
  for (const file of files) {
    const lines = await writeSampleFile(join(outDir, file.name), file.report, file.records, file.flavour, file.title);
    for (const { record, defect } of injected.filter((d) => d.file === file)) defects.push({ ...defect, ligne: lines[file.records.indexOf(record)]! });
    summaries.push({ name: file.name, table: file.table, operateur: file.operator, format: file.flavour, rows: file.records.length });
  }
  const summary: SampleSummary = { seed, scale, files: summaries, defects, anomalies };
  writeFileSync(
    join(outDir, DEFECTS_FILE),
    `${JSON.stringify({ graine: seed, echelle: scale, date_arrete: DATE_ARRETE, fichiers: summaries, defauts: defects, anomalies }, null, 2)}\n`,
  );
  return summary;
}

export function printSummary(summary: SampleSummary, dir: string, log: (line: string) => void = console.log): void {
  const byTable = new Map<string, { files: number; rows: number }>();
  for (const f of summary.files) {
    const t = byTable.get(f.table) ?? { files: 0, rows: 0 };
    byTable.set(f.table, { files: t.files + 1, rows: t.rows + f.rows });
  }
  const n = (x: number) => x.toLocaleString("fr-FR");
  log(`${summary.files.length} fichiers de démonstration (données fictives) écrits dans ${dir} — graine ${summary.seed}, échelle ${String(summary.scale).replace(".", ",")}`);
  for (const [table, t] of byTable) log(`  ${table.padEnd(32)} ${n(t.rows).padStart(7)} lignes  (${t.files} fichier${t.files > 1 ? "s" : ""})`);
  const kinds = new Set(summary.defects.map((d) => d.nature)).size;
  const ecarts = summary.anomalies.filter((a) => a.attendu === "ecart").length;
  const conformes = summary.anomalies.length - ecarts;
  log(`${summary.defects.length} défauts injectés (${kinds} sortes), ${ecarts} écarts aux règles des fiches et ${conformes} cas limites conformes : voir ${DEFECTS_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: "string" }, seed: { type: "string" }, scale: { type: "string" } } });
  const out = resolvePath(values.out ?? "build/samples/inbox");
  const summary = await generateSamples(out, {
    seed: values.seed === undefined ? undefined : Number(values.seed),
    scale: values.scale === undefined ? undefined : Number(values.scale.replace(",", ".")),
  });
  printSummary(summary, out);
}
