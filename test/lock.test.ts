import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, takeoverToken } from "../pipelines/lock.ts";

/** The pid of a process that has just ended: dead for sure, unlike a guessed number. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("run lock", () => {
  const path = () => join(mkdtempSync(join(tmpdir(), "obs-verrou-")), ".verrou");

  it("refuses a second concurrent run with a message naming the running process", () => {
    const lock = path();
    const release = acquireLock(lock);
    expect(() => acquireLock(lock)).toThrow(new RegExp(`processus ${process.pid}.*attendre`));
    release();
    expect(existsSync(lock)).toBe(false);
    acquireLock(lock)();
  });

  it("takes over a lock left by a process that no longer exists, and leaves nothing beside it", () => {
    const lock = path();
    writeFileSync(lock, `${deadPid()}\n2026-11-01T00:00:00Z\n`);
    const release = acquireLock(lock);
    expect(() => acquireLock(lock)).toThrow(/Une autre exécution est en cours/);
    release();
    expect(readdirSync(join(lock, ".."))).toEqual([]);
  });

  it("takes over a stale lock whose takeover was itself interrupted (dead holder of the takeover token)", () => {
    const lock = path();
    const stale = `${deadPid()}\n2026-11-01T00:00:00Z\n`;
    writeFileSync(lock, stale);
    // What acquireLock leaves when killed between winning the token and replacing the lock.
    writeFileSync(takeoverToken(lock, [stale]), `${deadPid()}\n2026-11-01T00:00:01Z\n`);
    acquireLock(lock)();
    expect(readdirSync(join(lock, ".."))).toEqual([]);
  });

  it("leaves alone a lock draft another process is still writing (read empty), and sweeps one left empty for over a minute", () => {
    const lock = path();
    const enCours = `${lock}.4242-enecrit`;
    const abandonne = `${lock}.4343-abandonn`;
    writeFileSync(enCours, "");
    writeFileSync(abandonne, "");
    const ilYaDeuxMinutes = new Date(Date.now() - 120_000);
    utimesSync(abandonne, ilYaDeuxMinutes, ilYaDeuxMinutes);
    acquireLock(lock)();
    expect(readdirSync(join(lock, ".."))).toEqual([basename(enCours)]);
  });

  it("gives a stale lock to exactly one of several processes trying at the same instant, 20 rounds out of 20", async () => {
    const lock = path();
    const contenders = Array.from({ length: 4 }, () => spawn(join("node_modules", ".bin", "tsx"), ["test/helpers/lock-contender.ts"]));
    const answers = contenders.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
    try {
      for (const a of answers) expect((await a.next()).value).toBe("pret");
      const winners: number[] = [];
      for (let round = 0; round < 20; round++) {
        writeFileSync(lock, `${deadPid()}\n2026-11-01T00:00:00Z\n`);
        const instant = Date.now() + 150;
        for (const c of contenders) c.stdin!.write(`${round} ${lock} ${instant}\n`);
        const results = await Promise.all(answers.map(async (a) => String((await a.next()).value)));
        for (const r of results) expect(r).toMatch(new RegExp(`^${round} (gagne|refuse Une autre exécution est en cours)`));
        winners.push(results.filter((r) => r === `${round} gagne`).length);
      }
      expect(winners).toEqual(Array(20).fill(1));
    } finally {
      for (const c of contenders) c.kill();
    }
  }, 120_000);
});
