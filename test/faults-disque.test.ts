// The database is free for the next process once closed; a site swap cut short is mended; a full disk stops the run
// with a message saying so, leaving nothing behind. (Kills mid-run and concurrent runs: faults.test.ts.)
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../pipelines/db/duckdb.ts";
import { explainDiskFull } from "../pipelines/disk-full.ts";
import { generateSamples } from "../pipelines/samples/generate.ts";
import { buildAside, removeLeftovers } from "../pipelines/swap.ts";
import { espacePannes, snapshot, tsx } from "./helpers/pannes.ts";

const { inbox, build, database, env } = espacePannes();

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
