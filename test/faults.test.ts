// A run killed in the middle (SIGKILL, no cleanup) leaves the previous database as it was, and the next run counts
// every row once; a second run started while one is going is refused with a clear message.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";

const root = mkdtempSync(join(tmpdir(), "obs-pannes-"));
const inbox = join(root, "inbox");
const build = join(root, "build");
const database = join(build, "observatoire.duckdb");
const env = { ...process.env, OBS_INBOX: inbox, OBS_BUILD: build, OBS_DATABASE: database, OBS_CLE_PSEUDONYMISATION: "cle-de-test-des-pannes-assez-longue" };
const tsx = join("node_modules", ".bin", "tsx");

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

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

/** Starts the pipeline and kills it (SIGKILL) once it has begun ingesting the `nth` file. */
function killDuringIngest(nth: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group: tsx runs the pipeline in a child node process, which must die with it.
    const child = spawn(tsx, ["pipelines/run.ts"], { env, detached: true });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`[${nth}/`) && !child.killed) process.kill(-child.pid!, "SIGKILL");
    });
    child.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve(output) : reject(new Error(`not killed (exit ${code}): ${output.slice(-500)}`))));
  });
}

describe("faults", () => {
  let baseline: Record<string, unknown>;
  beforeAll(async () => {
    await generateSamples(inbox, { seed: 11, scale: 0.2 });
    const first = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    expect(first.status, first.stderr).toBe(0);
    baseline = (await counts())!;
  }, 300_000);

  it("a run killed mid-ingest leaves the previous database intact, and the rerun counts nothing twice", async () => {
    const before = sha(database);
    const output = await killDuringIngest(5);
    expect(output).toContain("Ingestion");
    expect(sha(database)).toBe(before);
    expect(await counts()).toEqual(baseline);

    const rerun = spawnSync(tsx, ["pipelines/run.ts"], { env, encoding: "utf8" });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(await counts()).toEqual(baseline);
  }, 300_000);

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
  }, 120_000);
});

describe("site swap", () => {
  it("keeps the previous site whole when a build fails, and swaps in a build that succeeds", async () => {
    const { buildAside } = await import("../pipelines/site/build.ts");
    const { mkdirSync, readdirSync, writeFileSync } = await import("node:fs");
    const target = join(mkdtempSync(join(tmpdir(), "obs-site-")), "dist");
    mkdirSync(target);
    writeFileSync(join(target, "index.html"), "ancien");
    expect(() =>
      buildAside(target, (folder) => {
        mkdirSync(folder);
        writeFileSync(join(folder, "index.html"), "à moitié");
        throw new Error("Framework a échoué");
      }),
    ).toThrow("Framework a échoué");
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("ancien");
    expect(readdirSync(join(target, ".."))).toEqual(["dist"]);
    buildAside(target, (folder) => {
      mkdirSync(folder);
      writeFileSync(join(folder, "index.html"), "nouveau");
    });
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("nouveau");
    expect(readdirSync(join(target, ".."))).toEqual(["dist"]);
  });
});
