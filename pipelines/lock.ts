// One run at a time: two runs writing the same build/ would swap half-built databases into place.
//
// The lock file appears whole (pid, start, nonce) through link() from a file written beforehand: no reader ever sees
// it empty. A stale lock (its process is dead) is replaced only by the one process that first creates the takeover
// token named after that lock's content; the others see the token's live holder and are refused. A token whose holder
// died in turn is taken over the same way, one level down (token named after the lock and the dead token).
import { createHash, randomUUID } from "node:crypto";
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A killed process stays a zombie until reaped: it answers kill(pid, 0) but holds nothing any more (Linux). */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return !zombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The file's content, or undefined if it is gone. */
function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Creates `path` as a hard link of `source`: false if `path` already exists. */
function linkExclusive(source: string, path: string): boolean {
  try {
    linkSync(source, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

const holder = (content: string) => Number(content.split("\n")[0]);

function refuse(content: string, path: string): never {
  const [pid, since] = content.split("\n");
  throw new Error(
    `Une autre exécution est en cours (processus ${pid}, depuis ${since}) : attendre qu'elle se termine. ` +
      `Si aucun traitement ne tourne, supprimer ${path}.`,
  );
}

/** The takeover token of a stale lock: chain[0] is the lock's content, chain[1…] those of interrupted takeovers' tokens. */
export const takeoverToken = (path: string, chain: string[]) => `${path}.reprise-${createHash("sha256").update(chain.join("\0")).digest("hex").slice(0, 16)}`;

/**
 * Replaces the stale lock whose content is chain[0]; chain[1…] are the contents of takeover tokens whose holders died.
 * True when `mine` is now the lock, false when the lock changed meanwhile (the caller starts again).
 */
function takeOver(path: string, chain: string[], mine: string): boolean {
  if (chain.length > 8) throw new Error(`Impossible de prendre le verrou ${path} : trop de reprises interrompues. Supprimer ${path}.reprise-* puis relancer.`);
  const token = takeoverToken(path, chain);
  if (!linkExclusive(mine, token)) {
    const other = read(token);
    if (other === undefined) return false;
    if (alive(holder(other))) refuse(other, path);
    return takeOver(path, [...chain, other], mine);
  }
  // Only the holder of this token may replace a lock with this content, and its content stays unique (nonce).
  if (read(path) !== chain[0]) {
    rmSync(token, { force: true });
    return false;
  }
  renameSync(mine, path);
  rmSync(token, { force: true });
  return true;
}

/** Takes over the lock if its process is dead; refuses if it is alive; false if it vanished meanwhile. */
function takeOverIfStale(path: string, mine: string): boolean {
  const current = read(path);
  if (current === undefined) return false;
  if (alive(holder(current))) refuse(current, path);
  return takeOver(path, [current], mine);
}

/** The holder's line is written whole (a draft read while it is written may be empty or end mid-pid). */
const whole = (content: string) => /^\d+\n/.test(content);

/**
 * Removes what dead processes left beside the lock: their takeover tokens and unlinked lock drafts. A draft another
 * process is still writing may read without its holder's line: it is left alone unless it has stayed so for a minute.
 */
function sweep(path: string): void {
  const dir = dirname(path);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${basename(path)}.`)) continue;
    const file = join(dir, name);
    const content = read(file);
    if (content === undefined) continue;
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    const abandoned = whole(content) ? !alive(holder(content)) : written !== undefined && Date.now() - written > 60_000;
    if (abandoned) rmSync(file, { force: true });
  }
}

/** Takes the lock file or throws a French message naming the running process; a stale lock (dead process) is taken over. */
export function acquireLock(path: string): () => void {
  const content = `${process.pid}\n${new Date().toISOString()}\n${randomUUID()}\n`;
  const mine = `${path}.${process.pid}-${randomUUID().slice(0, 8)}`;
  writeFileSync(mine, content);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (linkExclusive(mine, path) || takeOverIfStale(path, mine)) {
        sweep(path);
        return () => {
          if (read(path) === content) rmSync(path, { force: true });
        };
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new Error(`Impossible de prendre le verrou ${path} : il change sans cesse de main. Relancer.`);
}
