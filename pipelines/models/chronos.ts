// Where the models' time goes, run after run: each run appends one line to build/chronos-modeles.jsonl (when, scale
// of the data, every model's seconds and rows), so a slowdown is found by comparing lines, not by re-profiling.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { BUILD } from "../outputs.ts";
import type { ModelTiming } from "./run.ts";

export const CHRONOS_MODELES = join(BUILD, "chronos-modeles.jsonl");

const fr = (x: number) => x.toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The n slowest models (table and tests together), as lines for the terminal. */
export function plusLents(timings: readonly ModelTiming[], n = 10): string[] {
  const total = timings.reduce((s, t) => s + t.secondes_table + t.secondes_tests, 0);
  return [...timings]
    .sort((a, b) => b.secondes_table + b.secondes_tests - (a.secondes_table + a.secondes_tests))
    .slice(0, n)
    .map((t) => {
      const s = t.secondes_table + t.secondes_tests;
      const part = ((100 * s) / Math.max(total, 1e-9)).toFixed(0);
      return `    ${t.modele.padEnd(40)} ${fr(s).padStart(7)} s (${part.padStart(2)} %) dont tests ${fr(t.secondes_tests)} s, ${t.lignes.toLocaleString("fr-FR")} lignes`;
    });
}

export function enregistrerChronos(timings: readonly ModelTiming[], meta: Record<string, unknown>, file = CHRONOS_MODELES): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ ...meta, modeles: timings })}\n`);
}
