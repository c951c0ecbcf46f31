// The runner's scheduler (pipelines/models/ordonnancer.ts): a task starts once what it reads is done, never two on one
// connection, the earlier in the list first among ready ones; a failure lets running tasks end, then is thrown.
import type { DuckDBConnection } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { ordonnancer, type Tache } from "../pipelines/models/ordonnancer.ts";

const connexions = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }) as unknown as DuckDBConnection);
const pause = () => new Promise((r) => setTimeout(r, 5));

describe("ordonnancer", () => {
  const taches: Tache[] = [
    { name: "a", dependsOn: [] },
    { name: "b", dependsOn: [] },
    { name: "c", dependsOn: ["a", "b"] },
    { name: "d", dependsOn: ["c", "absente"] },
  ];

  it("starts each task after those it depends on (a name outside the list is not waited for), one per connection", async () => {
    const journal: string[] = [];
    const occupees = new Set<DuckDBConnection>();
    let auPlus = 0;
    await ordonnancer(taches, connexions(2), async (c, t) => {
      expect(occupees.has(c)).toBe(false);
      occupees.add(c);
      auPlus = Math.max(auPlus, occupees.size);
      journal.push(`début ${t.name}`);
      await pause();
      journal.push(`fin ${t.name}`);
      occupees.delete(c);
    });
    expect(auPlus).toBe(2);
    // a and b together, c after both, d after c
    expect(journal.slice(0, 2)).toEqual(["début a", "début b"]);
    expect(journal.indexOf("début c")).toBeGreaterThan(Math.max(journal.indexOf("fin a"), journal.indexOf("fin b")));
    expect(journal.indexOf("début d")).toBeGreaterThan(journal.indexOf("fin c"));
  });

  it("on one connection, runs the tasks one after the other in the list's order where it can", async () => {
    const journal: string[] = [];
    await ordonnancer([taches[1]!, taches[0]!, taches[2]!], connexions(1), async (_, t) => void journal.push(t.name));
    expect(journal).toEqual(["b", "a", "c"]);
  });

  it("after a failure starts nothing more, lets the running task end, then throws the first error", async () => {
    const journal: string[] = [];
    const run = ordonnancer(taches, connexions(2), async (_, t) => {
      if (t.name === "a") throw new Error("a en échec");
      await pause();
      journal.push(`fin ${t.name}`);
    });
    await expect(run).rejects.toThrow("a en échec");
    expect(journal).toEqual(["fin b"]);
  });

  it("names the tasks that can never start", async () => {
    const cycle: Tache[] = [{ name: "x", dependsOn: ["y"] }, { name: "y", dependsOn: ["x"] }];
    await expect(ordonnancer(cycle, connexions(2), async () => {})).rejects.toThrow(/x, y attendent/);
  });
});
