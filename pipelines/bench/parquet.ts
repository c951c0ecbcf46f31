// `npm run bench:parquet`: the scale-out path at 10× a département year of demo data. The pipeline builds the
// database once; its raw.* and ref.* are exported as partitioned Parquet and every mart of a run over them is compared
// with the pipeline's; then, in interleaved rounds, the models, their data tests and the secret run on the same tables
// loaded into a fresh database and over views of the Parquet folder (medians). Figures are printed, never asserted.
//   npm run bench:parquet -- [--echelle 10] [--tours 3]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase } from "../db/duckdb.ts";
import { DEMO_KEY } from "../ingest/pseudonymise.ts";
import { runModels } from "../models/run.ts";
import { executerModelesSurParquet } from "../parquet/modeles.ts";
import { sqlTexte, type TableExportee } from "../parquet/exporter.ts";
import { BASE_SUR_PARQUET, verifierSurParquet, type VerdictParquet } from "../parquet/verifier.ts";
import { applyStatisticalSecret } from "../publish/secret.ts";
import { generateSamples } from "../samples/generate.ts";
import { DATE_ARRETE } from "../samples/operators.ts";
import { contexte, imprimerObjectifs, type Objectif } from "./objectifs.ts";

const fr = (x: number, chiffres = 1) => x.toLocaleString("fr-FR", { maximumFractionDigits: chiffres, minimumFractionDigits: chiffres });
const mediane = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const tailleMo = (dossier: string): number =>
  readdirSync(dossier, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".parquet"))
    .reduce((n, d) => n + statSync(join(d.parentPath, d.name)).size, 0) / 1024 / 1024;

/** The demo files at `echelle`, through the whole pipeline in its own process (its paths come from the environment). */
async function construireBase(dossier: string, echelle: number): Promise<string> {
  const inbox = join(dossier, "inbox");
  mkdirSync(inbox, { recursive: true });
  await generateSamples(inbox, { scale: echelle });
  const base = join(dossier, "build", "observatoire.duckdb");
  // Generated files read as a real inbox carry personal columns (fictitious): the demo key, and their snapshot as « today ».
  const env = { OBS_INBOX: inbox, OBS_BUILD: join(dossier, "build"), OBS_DATABASE: base, OBS_CLE_PSEUDONYMISATION: DEMO_KEY, OBS_DATE_REFERENCE: DATE_ARRETE };
  const r = spawnSync("npx", ["tsx", "pipelines/run.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pipeline à ${echelle}× en échec :\n${r.stderr.slice(-2000)}`);
  return base;
}

/**
 * The same tables loaded into a fresh database (copied from the pipeline's, as its ingest leaves them), so both runs
 * start from an empty main schema and differ only in tables against views over Parquet.
 */
async function modelesEnBase(pipeline: string, base: string, tables: TableExportee[]): Promise<number> {
  for (const f of [base, `${base}.wal`]) rmSync(f, { force: true });
  const connection = await openDatabase(base);
  try {
    await connection.run(`ATTACH ${sqlTexte(pipeline)} AS pipeline (READ_ONLY)`);
    for (const schema of new Set(tables.map((t) => t.schema))) await connection.run(`CREATE SCHEMA ${schema}`);
    for (const t of tables) await connection.run(`CREATE TABLE ${t.schema}.${t.table} AS SELECT * FROM pipeline.${t.schema}.${t.table}`);
    await connection.run("DETACH pipeline");
    await connection.run("CHECKPOINT");
    const debut = performance.now();
    await runModels(connection);
    await applyStatisticalSecret(connection);
    return (performance.now() - debut) / 1000;
  } finally {
    closeDatabase(connection);
  }
}

export async function benchParquet(options: { echelle?: number; tours?: number } = {}): Promise<Objectif[]> {
  const echelle = options.echelle ?? 10;
  const tours = options.tours ?? 3;
  const dossier = mkdtempSync(join(tmpdir(), "obs-bench-parquet-"));
  try {
    const pipeline = await construireBase(dossier, echelle);
    const racine = join(dossier, "parquet");
    // Checked against the pipeline's own marts.
    const source = await openDatabase(pipeline, { readOnly: true });
    let verdict: VerdictParquet;
    try {
      verdict = await verifierSurParquet(source, racine);
    } finally {
      closeDatabase(source);
    }
    const enBase: number[] = [];
    const surParquet: number[] = [];
    const tourEnBase = async () => enBase.push(await modelesEnBase(pipeline, join(dossier, "en-base.duckdb"), verdict.tables));
    const tourSurParquet = async () => {
      const { connection, secondes } = await executerModelesSurParquet(racine, join(racine, BASE_SUR_PARQUET));
      closeDatabase(connection);
      surParquet.push(secondes);
    };
    // Interleaved, the order alternating: a load on the shared machine falls on both alike.
    for (let i = 0; i < tours; i++) for (const tour of i % 2 ? [tourSurParquet, tourEnBase] : [tourEnBase, tourSurParquet]) await tour();
    const lignes = verdict.tables.reduce((n, t) => n + t.lignes, 0);
    const fichiers = verdict.tables.reduce((n, t) => n + Math.max(1, t.partitions.length), 0);
    const indicateurs = verdict.ecarts.find((e) => e.mart === "mart_indicateurs");
    const oui = (b: boolean | undefined) => (b ? "oui" : "NON");
    const martsIdentiques = verdict.ecarts.filter((e) => e.seulement_gauche === 0 && e.seulement_droite === 0).length;
    return [
      contexte(
        `export raw.* et ref.* en Parquet partitionné (table, période du fichier), ${echelle}×`,
        `${fr(verdict.secondes_export)} s, ${lignes.toLocaleString("fr-FR")} lignes, ${fichiers} fichiers, ${fr(tailleMo(racine))} Mo`,
      ),
      contexte(
        `modèles sur Parquet partitionné, ${echelle}×`,
        `${fr(mediane(surParquet))} s (en base : ${fr(mediane(enBase))} s), mart_indicateurs identique : ${oui(indicateurs && indicateurs.seulement_gauche === 0 && indicateurs.seulement_droite === 0)}`,
      ),
      // The ratio of each round's pair, then their median: a load that lasts a round weighs on both sides of its ratio.
      contexte(
        `modèles sur Parquet ÷ en base, ${echelle}× (médiane des rapports par tour)`,
        `${fr(mediane(surParquet.map((x, i) => x / enBase[i]!)), 2)}× (tours : ${surParquet.map((x, i) => `${fr(x)} / ${fr(enBase[i]!)} s`).join(" ; ")})`,
      ),
      contexte(`marts identiques en base et sur Parquet (EXCEPT ALL dans les deux sens), ${echelle}×`, `${martsIdentiques} sur ${verdict.ecarts.length} : ${oui(verdict.identiques)}`),
    ];
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { echelle: { type: "string", default: "10" }, tours: { type: "string", default: "3" } } });
  const entier = (nom: string, v: string) => {
    if (!/^[1-9]\d*$/.test(v)) throw new Error(`--${nom} ${v} : attendu un entier positif (par exemple --${nom} 10).`);
    return Number(v);
  };
  const lignes = await benchParquet({ echelle: entier("echelle", values.echelle), tours: entier("tours", values.tours) });
  imprimerObjectifs(lignes);
  console.log("modèles : modèles, tests de données et secret ; médianes de tours alternés en base et sur Parquet, sur la même machine.");
}
