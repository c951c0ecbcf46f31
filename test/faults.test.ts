// A run killed in the middle (SIGKILL, no cleanup) leaves the previous database, ingest report and extracts as they
// were, and the next run clears what it left and counts every row once; a second run started while one is going is
// refused with a clear message. (Closing, swaps and a full disk: faults-disque.test.ts.)
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";
import { espacePannes, sha, snapshot, tsx } from "./helpers/pannes.ts";

const { root, inbox, build, database, env } = espacePannes();

/** The pipeline's outputs in the build folder (the generated samples aside). */
const outputs = (dir = build) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => !f.startsWith("samples/")));

/** What the next run does first: take the run lock, which finishes an interrupted installation and clears leftovers. */
function startNextRun(): void {
  const next = spawnSync(tsx, ["-e", 'import("./pipelines/outputs.ts").then((m) => m.acquireRunLock()())'], { env, encoding: "utf8" });
  expect(next.status, next.stderr).toBe(0);
}

async function counts() {
  const connection = await openDatabase(database, { readOnly: true });
  const [row] = await query(
    connection,
    `SELECT (SELECT count(*) FROM raw.lda_mesures) AS mesures, (SELECT count(*) FROM raw.quarantaine) AS quarantaine,
            (SELECT count(*) FROM raw.fichiers) AS fichiers, (SELECT sum(valeur) FROM mart_indicateurs) AS somme`,
  );
  closeDatabase(connection);
  return row;
}

/** Starts the pipeline and kills it (SIGKILL) as soon as `ready` holds (checked on each output and every 5 ms). */
function killWhen(ready: (output: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group: tsx runs the pipeline in a child node process, which must die with it.
    const child = spawn(tsx, ["pipelines/run.ts"], { env, detached: true });
    let output = "";
    let killed = false;
    const check = () => {
      if (killed || !ready(output)) return;
      killed = true;
      process.kill(-child.pid!, "SIGKILL");
    };
    const timer = setInterval(check, 5);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      if (signal === "SIGKILL") resolve(output);
      else reject(new Error(`not killed (exit ${code}): ${output.slice(-500)}`));
    });
  });
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("faults", () => {
  let baseline: Record<string, unknown>;
  beforeAll(async () => {
    await generateSamples(inbox, { seed: 11, scale: 0.2 });
    const first = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    expect(first.status, first.stderr).toBe(0);
    baseline = (await counts())!;
  }, 300_000);

  it("a run killed mid-ingest leaves the previous outputs intact, the next clears its leftovers and counts nothing twice", async () => {
    const before = outputs();
    const output = await killWhen((o) => o.includes("[5/"));
    expect(output).toContain("Ingestion");
    expect(existsSync(`${database}.en-cours`)).toBe(true);
    // Beside them only what the killed run left: its aside outputs and its lock.
    expect(Object.fromEntries(Object.entries(outputs()).filter(([f]) => !/\.en-cours|^\.verrou/.test(f)))).toEqual(before);
    expect(await counts()).toEqual(baseline);

    const rerun = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(await counts()).toEqual(baseline);
    expect(Object.keys(outputs()).sort()).toEqual(Object.keys(before).sort());
    expect(readdirSync(build).filter((f) => f.includes(".en-cours"))).toEqual([]);
  }, 300_000);

  it("a run killed while writing the extracts leaves the previous extracts, report and database; the next run start clears the rest", async () => {
    const before = outputs();
    // Once the first extract has begun: the step is under way, the installation not yet.
    await killWhen(() => existsSync(join(build, "extraits.en-cours", "indicateurs.csv")));
    expect(existsSync(join(build, "rapport-ingestion.json.en-cours"))).toBe(true);
    startNextRun();
    expect(outputs()).toEqual(before);
  }, 300_000);

  it("an installation cut short is finished by the next run; aside outputs without it are removed", () => {
    const before = outputs();
    // Killed after the database went in, before the extracts and the report: they are complete aside.
    cpSync(join(build, "extraits"), join(build, "extraits.en-cours"), { recursive: true });
    writeFileSync(join(build, "extraits.en-cours", "LICENCE.txt"), "nouvelle");
    writeFileSync(join(build, "rapport-ingestion.json.en-cours"), "{}");
    writeFileSync(join(build, ".installation-en-cours"), "");
    startNextRun();
    expect(outputs()).toEqual({ ...before, "extraits/LICENCE.txt": sha(join(build, "extraits/LICENCE.txt")), "rapport-ingestion.json": sha(join(build, "rapport-ingestion.json")) });
    expect(readFileSync(join(build, "extraits/LICENCE.txt"), "utf8")).toBe("nouvelle");
    expect(readFileSync(join(build, "rapport-ingestion.json"), "utf8")).toBe("{}");

    // The same leftovers without the installation mark: a run killed while building them; they go.
    const installed = outputs();
    cpSync(join(build, "extraits"), join(build, "extraits.en-cours"), { recursive: true });
    writeFileSync(join(build, "rapport-ingestion.json.en-cours"), "[]");
    writeFileSync(`${database}.en-cours`, "à moitié");
    startNextRun();
    expect(outputs()).toEqual(installed);
  }, 60_000);

  it("refuses a second run while one is going, naming it", async () => {
    const child = spawn(tsx, ["pipelines/run.ts"], { env, detached: true });
    await new Promise<void>((resolve) => child.stderr.on("data", (c: Buffer) => c.toString().includes("Ingestion") && resolve()));
    const second = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    process.kill(-child.pid!, "SIGKILL");
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/Une autre exécution est en cours \(processus \d+/);
    // The killed run's lock is stale: the next run takes it over.
    await new Promise((r) => child.on("exit", r));
    expect(existsSync(join(build, ".verrou"))).toBe(true);
    const after = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    expect(after.status, after.stderr).toBe(0);
  }, 300_000);

  it("a run with nothing new reuses the installed outputs as they are; a changed file rebuilds them", () => {
    const before = outputs();
    const { OBS_RECONSTRUIRE: _, ...sansForcer } = env;
    const same = spawnSync(tsx, ["pipelines/run.ts"], { env: sansForcer, encoding: "utf8" });
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).toContain("Rien de nouveau depuis la dernière construction");
    expect(same.stderr).not.toContain("Ingestion");
    expect(outputs()).toEqual(before);

    const file = readdirSync(inbox).find((f) => f.startsWith("conventions"))!;
    writeFileSync(join(inbox, file), readFileSync(join(inbox, file)).toString("latin1") + "\n", "latin1");
    const changed = spawnSync(tsx, ["pipelines/run.ts"], { env: sansForcer, encoding: "utf8" });
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stderr).toContain("Ingestion");
    expect(sha(join(build, "empreinte-pipeline.txt"))).not.toBe(before["empreinte-pipeline.txt"]);
  }, 300_000);
});
