// One run at a time: two runs writing the same build/ would swap half-built databases into place.
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

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
  try {
    process.kill(pid, 0);
    return !zombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock file or throws a French message naming the running process; a stale lock (dead process) is taken over. */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pid, since] = existsSync(path) ? readFileSync(path, "utf8").split("\n") : [];
      if (pid && alive(Number(pid))) {
        throw new Error(
          `Une autre exécution est en cours (processus ${pid}, depuis ${since}) : attendre qu'elle se termine. ` +
            `Si aucun traitement ne tourne, supprimer ${path}.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Impossible de prendre le verrou ${path}`);
}
