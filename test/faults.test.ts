// A run killed in the middle (SIGKILL, no cleanup) leaves the previous database, ingest report and extracts as they
// were, and the next run clears what it left and counts every row once; a second run started while one is going is
// refused with a clear message; a full disk stops the run with a message saying so, leaving nothing behind.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { explainDiskFull } from "../pipelines/disk-full.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";
import { buildAside, removeLeftovers } from "../pipelines/swap.ts";

const root = mkdtempSync(join(tmpdir(), "obs-pannes-"));
const inbox = join(root, "inbox");
const build = join(root, "build");
const database = join(build, "observatoire.duckdb");
const env = { ...process.env, OBS_INBOX: inbox, OBS_BUILD: build, OBS_DATABASE: database, OBS_CLE_PSEUDONYMISATION: "cle-de-test-des-pannes-assez-longue" };
const tsx = join("node_modules", ".bin", "tsx");

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Every file under `dir` (hidden ones included) → its sha256: what a failed run must leave exactly as it was. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = sha(path);
    }
  };
  walk(dir);
  return files;
}

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
});

describe("database closed for the next process", () => {
  // A data loader opens the database right after the pipeline closed it: the file lock must already be released.
  const reopen = `
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(process.argv[1])).connect();
    await connection.run("INSERT INTO t VALUES (0)");`;

  it("a child process opens it read-write just after closeDatabase, 20 times out of 20", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "obs-fermeture-")), "base.duckdb");
    const failures: string[] = [];
    for (let round = 0; round < 20; round++) {
      const connection = await openDatabase(path);
      await connection.run(round === 0 ? "CREATE TABLE t AS SELECT range AS x FROM range(100000)" : `INSERT INTO t VALUES (${round})`);
      // A prepared statement still referenced keeps the connection's context alive: it must not keep the lock.
      await (await connection.prepare("SELECT count(*) FROM t")).runAndReadAll();
      closeDatabase(connection);
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", reopen, path], { encoding: "utf8" });
      if (child.status !== 0) failures.push(`${round}: ${child.stderr.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    rmSync(join(path, ".."), { recursive: true });
  }, 120_000);
});

describe("site swap", () => {
  it("keeps the previous site whole when a build fails, and swaps in a build that succeeds", async () => {
    const target = join(mkdtempSync(join(tmpdir(), "obs-site-")), "dist");
    mkdirSync(target);
    writeFileSync(join(target, "index.html"), "ancien");
    await expect(
      buildAside(target, (folder) => {
        mkdirSync(folder);
        writeFileSync(join(folder, "index.html"), "à moitié");
        throw new Error("Framework a échoué");
      }),
    ).rejects.toThrow("Framework a échoué");
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("ancien");
    expect(readdirSync(join(target, ".."))).toEqual(["dist"]);
    await buildAside(target, (folder) => {
      mkdirSync(folder);
      writeFileSync(join(folder, "index.html"), "nouveau");
    });
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("nouveau");
    expect(readdirSync(join(target, ".."))).toEqual(["dist"]);
    rmSync(join(target, ".."), { recursive: true });
  });

  it("after a build killed between the two renames of a swap, puts the previous site back and removes the rest", () => {
    const target = join(mkdtempSync(join(tmpdir(), "obs-site-")), "dist");
    mkdirSync(`${target}.ancien`);
    writeFileSync(join(`${target}.ancien`, "index.html"), "ancien");
    mkdirSync(`${target}.en-cours`);
    removeLeftovers(target);
    expect(readdirSync(join(target, ".."))).toEqual(["dist"]);
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("ancien");
    rmSync(join(target, ".."), { recursive: true });
  });
});

describe("full disk", () => {
  it("is told in French with the folder, from Node's ENOSPC as from DuckDB's write errors; other errors pass unchanged", () => {
    const message = "disque plein : impossible d'écrire dans /srv/build — libérer de la place puis relancer";
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect((explainDiskFull(enospc, "/srv/build") as Error).message).toBe(message);
    expect((explainDiskFull(new Error('IO Error: Could not write all bytes to file "/srv/build/x.duckdb.en-cours": wanted=262144 wrote=4096'), "/srv/build") as Error).message).toBe(message);
    expect((explainDiskFull(new Error("IO Error: No space left on device"), "/srv/build") as Error).message).toBe(message);
    const other = new Error("Permission denied");
    expect(explainDiskFull(other, "/srv/build")).toBe(other);
  });

  // A real full disk: a small tmpfs holding a previous build (mounting needs root, as in CI; skipped elsewhere).
  const disk = mkdtempSync(join(tmpdir(), "obs-disque-"));
  const mount = (size: string) => spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", disk]).status === 0;
  const canMount = mount("1m") && spawnSync("umount", [disk]).status === 0;
  afterAll(() => {
    spawnSync("umount", [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!canMount)("stops the run with the message and a failure exit code, leaving the previous outputs exactly as they were", async () => {
    // A previous build (database, report, extracts) that a new one cannot fit beside.
    const full = join(disk, "build");
    mkdirSync(inbox, { recursive: true });
    if (!existsSync(database)) {
      await generateSamples(inbox, { seed: 11, scale: 0.2 });
      const first = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
      expect(first.status, first.stderr).toBe(0);
    }
    const previous = ["observatoire.duckdb", "rapport-ingestion.json", "extraits"];
    const bytes = (path: string): number => (statSync(path).isDirectory() ? readdirSync(path).reduce((sum, n) => sum + bytes(join(path, n)), 0) : statSync(path).size);
    const size = previous.reduce((sum, f) => sum + bytes(join(build, f)), 0);
    // 8 MiB free: the new database alone needs several times that.
    expect(mount(`${Math.ceil(size / 2 ** 20) + 8}m`)).toBe(true);
    for (const f of previous) cpSync(join(build, f), join(full, f), { recursive: true });
    const before = snapshot(full);
    const run = spawnSync(tsx, ["pipelines/run.ts"], { env: { ...env, OBS_BUILD: full, OBS_DATABASE: join(full, "observatoire.duckdb") }, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Échec : disque plein : impossible d'écrire dans ${full} — libérer de la place puis relancer`);
    expect(snapshot(full)).toEqual(before);
  }, 300_000);
});
