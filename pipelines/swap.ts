// Outputs are built aside (`<target>.en-cours`) and swapped in only once complete, so a failed or killed run leaves
// the previous output whole. The run lock's holder clears what a killed run left (removeLeftovers).
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export const aside = (target: string) => `${target}.en-cours`;
const previousOf = (target: string) => `${target}.ancien`;

const remove = (path: string) => rmSync(path, { recursive: true, force: true });

/**
 * Puts the aside copy in place of the target: a file by one atomic rename; a folder, which rename cannot replace,
 * by moving the old one to `<target>.ancien` first (removeLeftovers puts it back if a kill falls in between).
 */
export function swapIn(target: string): void {
  const temporary = aside(target);
  if (!statSync(temporary).isDirectory()) return renameSync(temporary, target);
  const previous = previousOf(target);
  remove(previous);
  if (existsSync(target)) renameSync(target, previous);
  renameSync(temporary, target);
  remove(previous);
}

/**
 * Builds into `<target>.en-cours` and swaps it in only when `build` succeeded: on any failure the previous output
 * stays whole and the half-built one goes.
 */
export async function buildAside(target: string, build: (folder: string) => void | Promise<void>): Promise<string> {
  const temporary = aside(target);
  remove(temporary);
  try {
    await build(temporary);
  } catch (error) {
    remove(temporary);
    throw error;
  }
  swapIn(target);
  return target;
}

/** What a killed run left beside the target: a folder caught mid-swap is put back, then every aside copy goes. */
export function removeLeftovers(target: string): void {
  const previous = previousOf(target);
  if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
  remove(previous);
  const dir = dirname(target);
  if (!existsSync(dir)) return;
  // The database's aside copy comes with DuckDB's companions (.wal, .tmp): « <target>.en-cours* ».
  for (const name of readdirSync(dir)) if (name.startsWith(basename(aside(target)))) remove(join(dir, name));
}
