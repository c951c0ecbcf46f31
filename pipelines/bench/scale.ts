// `npm run bench:echelle`: the whole monthly job on demo data at 1×, 10× and 100× a département year — ingest,
// models, statistical secret, extracts and site build, each timed, with the pipeline's peak memory and the ratio of
// the ingest to DuckDB's raw read_csv of the same CSV files. Figures are printed, never asserted.
//   npm run bench:echelle -- [--echelles 1,10,100] [--sans-site]
// mesurerEchelles returns the goals' rows (pipelines/bench/objectifs.ts) for `npm run bench` to print with the others.
import { isUtf8 } from "node:buffer";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase } from "../db/duckdb.ts";
import { DEMO_KEY } from "../ingest/pseudonymise.ts";
import { generateSamples } from "../samples/generate.ts";
import { preparerCache } from "../site/cache.ts";
import { frameworkAvecChargeurs } from "../site/chargeurs-processus.ts";
import { DATE_ARRETE } from "../samples/operators.ts";
import { contexte, imprimerObjectifs, mesurer, type Objectif } from "./objectifs.ts";

const fr = (x: number, digits = 1) => x.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (from: number) => (performance.now() - from) / 1000;

/** DuckDB alone reading every CSV file of the inbox into text tables (XLSX files have no DuckDB reader here). */
async function rawRead(inbox: string): Promise<{ seconds: number; files: number; bytes: number }> {
  const connection = await openDatabase(":memory:");
  const csv = readdirSync(inbox).filter((f) => f.endsWith(".csv"));
  // Some demo files are Windows-1252, as operators send them: DuckDB reads those as Latin-1.
  const encodings = csv.map((f) => (isUtf8(readFileSync(join(inbox, f))) ? "utf-8" : "latin-1"));
  const start = performance.now();
  for (const [i, f] of csv.entries()) {
    await connection.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv('${join(inbox, f)}', all_varchar = true, encoding = '${encodings[i]}', strict_mode = false)`);
  }
  const elapsed = seconds(start);
  closeDatabase(connection);
  return { seconds: elapsed, files: csv.length, bytes: csv.reduce((n, f) => n + statSync(join(inbox, f)).size, 0) };
}

function run(command: string, args: string[], env: Record<string, string>): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} a échoué :\n${result.stderr.slice(-2000)}`);
  return seconds(start);
}

/** One scale's figures, as the pipeline's chrono file gives them (seconds, megabytes). */
interface Echelle {
  scale: number;
  etapes: Record<string, number>;
  memoireMaxMo: number;
}

/** The goals of issue 16 this bench measures: engine time at 1×, growth 1× → 10× → 100×, peak memory at 100×. */
function objectifs(echelles: Echelle[]): Objectif[] {
  const de = (n: number) => echelles.find((e) => e.scale === n);
  const moteur = (e: Echelle) => (e.etapes.modeles ?? 0) + (e.etapes.secret ?? 0);
  const lignes: Objectif[] = [];
  for (const e of echelles) {
    const t = (k: string) => fr(e.etapes[k] ?? 0, 1);
    lignes.push(contexte(`${e.scale}× : ingestion / modèles / secret / extraits`, `${t("ingestion")} / ${t("modeles")} / ${t("secret")} / ${t("extraits")} s, pic ${fr(e.memoireMaxMo, 0)} Mo`));
  }
  const x1 = de(1);
  const x10 = de(10);
  const x100 = de(100);
  if (x1) lignes.push(mesurer("modelesSecretExtraits1x", moteur(x1) + (x1.etapes.extraits ?? 0)));
  if (x1 && x10) lignes.push(mesurer("croissance10x", moteur(x10) / (10 * moteur(x1)), 2));
  if (x10 && x100) lignes.push(mesurer("croissance100x", moteur(x100) / (10 * moteur(x10)), 2));
  if (x100) lignes.push(mesurer("memoire100x", x100.memoireMaxMo, 0));
  return lignes;
}

/** Runs the job at each scale, prints its table, and returns the goals' rows. */
export async function mesurerEchelles(options: { echelles?: number[]; sansSite?: boolean } = {}): Promise<Objectif[]> {
  const scales = options.echelles ?? [1, 10, 100];
  const sansSite = options.sansSite ?? false;
  const echelles: Echelle[] = [];
  const root = mkdtempSync(join(tmpdir(), "obs-echelle-"));
  const rows: string[][] = [];
  let previous: { scale: number; total: number } | null = null;
  try {
    for (const scale of scales) {
      const dir = join(root, `x${scale}`);
      const inbox = join(dir, "inbox");
      mkdirSync(inbox, { recursive: true });
      const generated = performance.now();
      const summary = await generateSamples(inbox, { scale });
      const generation = seconds(generated);
      const lignes = summary.files.reduce((n, f) => n + f.rows, 0);
      const raw = await rawRead(inbox);
      const chronoFile = join(dir, "chrono.json");
      // The generated files are read as a real inbox: they carry personal columns (fictitious), so the run needs a key,
      // and their snapshot as its reference date, as the demo has.
      const env = {
        OBS_INBOX: inbox,
        OBS_BUILD: join(dir, "build"),
        OBS_DATABASE: join(dir, "build", "observatoire.duckdb"),
        OBS_CHRONO: chronoFile,
        OBS_CLE_PSEUDONYMISATION: DEMO_KEY,
        OBS_DATE_REFERENCE: DATE_ARRETE,
      };
      const pipeline = run("npx", ["tsx", "pipelines/run.ts"], env);
      const chrono = JSON.parse(readFileSync(chronoFile, "utf8")) as { etapes: Record<string, number>; memoire_max_mo_fin_etape: Record<string, number>; memoire_max_mo: number };
      let site = 0;
      if (!sansSite) {
        // Cold, as the site build runs it: every loader recomputed, in the loaders' server (pipelines/site/chargeurs.ts).
        preparerCache("bench", null);
        site = (await frameworkAvecChargeurs({ ...process.env, ...env, OBS_SITE_DIR: join(dir, "dist") }, ["ignore", "ignore", "pipe"])).secondes;
      }
      const e = chrono.etapes;
      const m = chrono.memoire_max_mo_fin_etape;
      echelles.push({ scale, etapes: e, memoireMaxMo: chrono.memoire_max_mo });
      const total = pipeline + site;
      rows.push([
        `${scale}×`,
        lignes.toLocaleString("fr-FR"),
        fr(generation),
        fr(e.ingestion ?? 0),
        fr(raw.seconds, 2),
        fr((e.ingestion ?? 0) / raw.seconds, 1),
        fr((e.modeles ?? 0) + (e.secret ?? 0)),
        fr(e.extraits ?? 0),
        fr(site),
        fr(total),
        fr(m.ingestion ?? 0, 0),
        fr(Math.max(m.modeles ?? 0, m.secret ?? 0), 0),
        fr(chrono.memoire_max_mo, 0),
        previous ? fr(total / previous.total / (scale / previous.scale), 2) : "—",
      ]);
      previous = { scale, total };
      console.log(`  ${scale}× : ${fr(lignes, 0)} lignes, pipeline ${fr(pipeline)} s${sansSite ? "" : `, site ${fr(site)} s`}, pic ${fr(chrono.memoire_max_mo, 0)} Mo`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    // The loaders' results of the last scale must not be mistaken for the project's own.
    if (!sansSite) preparerCache("bench", null);
  }
  const header = ["échelle", "lignes", "génération s", "ingestion s", "lecture brute CSV s", "ingestion/brute", "modèles+secret s", "extraits s", "site s", "total s", "mém. ingestion Mo", "mém. modèles+secret Mo", "mémoire max Mo", "croissance/linéaire"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log("mémoire : pic du processus du pipeline à la fin de l'étape (pic courant) ; objectif ≤ 4 096 Mo à 100×.");
  console.log("croissance/linéaire : (total ÷ total de l'échelle précédente) ÷ (rapport des échelles) ; ≤ 1 = pas plus vite que linéaire.");
  return objectifs(echelles);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { echelles: { type: "string", default: "1,10,100" }, "sans-site": { type: "boolean", default: false } } });
  imprimerObjectifs(await mesurerEchelles({ echelles: values.echelles.split(",").map(Number), sansSite: values["sans-site"] }));
}
