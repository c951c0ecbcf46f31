import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../pipelines/lock.ts";

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

  it("takes over a lock left by a process that no longer exists", () => {
    const lock = path();
    writeFileSync(lock, "2147483646\n2026-11-01T00:00:00Z\n");
    const release = acquireLock(lock);
    release();
  });
});
