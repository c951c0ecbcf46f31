// Starts and stops the loaders' server (pipelines/site/chargeurs.ts) around one Framework build: a process of its
// own, with the build's environment (edition, output folder), reachable on a Unix socket in the temporary folder.
// frameworkAvecChargeurs is the one way to run Framework with it: the site build and the scale bench both call it.
import { fork, spawn, type StdioOptions } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** One loader run in the server: its path and parameters, and how long it took. */
export interface TempsChargeur {
  chargeur: string;
  ms: number;
}

export async function demarrerChargeurs(env: NodeJS.ProcessEnv): Promise<{ socket: string; arreter: () => Promise<TempsChargeur[]> }> {
  const socket = join(tmpdir(), `obs-chargeurs-${process.pid}-${Date.now()}.sock`);
  // node --import tsx: one process (tsx's own CLI would put a second one between us and the server).
  const server = fork(resolve("pipelines/site/chargeurs.ts"), [socket], { env, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((ready, fail) => {
    server.once("message", () => ready());
    server.once("error", fail);
    server.once("exit", (code) => fail(new Error(`le serveur des chargeurs du site s'est arrêté au démarrage (code ${code})`)));
  });
  server.removeAllListeners("exit");
  const temps = () =>
    new Promise<TempsChargeur[]>((done) => {
      if (server.exitCode !== null || !server.connected) return done([]);
      server.once("message", (message) => done((message as { temps: TempsChargeur[] }).temps));
      server.send("temps");
    });
  return {
    socket,
    arreter: async () => {
      const mesures = await temps();
      await new Promise<void>((done) => {
        if (server.exitCode !== null || !server.connected) return done(rmSync(socket, { force: true }));
        server.once("exit", () => done(rmSync(socket, { force: true })));
        server.disconnect();
      });
      return mesures;
    },
  };
}

/** What one Framework build took: wall time, and each loader's run inside it. */
export interface BilanFramework {
  secondes: number;
  chargeurs: TempsChargeur[];
}

// Framework's CLI run with node directly: `npx observable` first spends ~0,5 s resolving the command.
const OBSERVABLE = resolve("node_modules/@observablehq/framework/dist/bin/observable.js");

/**
 * `observable build` with the loaders' server started before and stopped after; env carries the edition
 * (OBS_PROFIL) and the output folder (OBS_SITE_DIR). `pendant`, when given, runs in this process once Framework has
 * started (work that does not need the site: the public build scans the extracts meanwhile). Throws when Framework
 * fails, with its exit code, or else with the failure of `pendant`.
 */
export async function frameworkAvecChargeurs(env: NodeJS.ProcessEnv, stdio: StdioOptions = "inherit", pendant?: () => Promise<void>): Promise<BilanFramework> {
  const debut = performance.now();
  const chargeurs = await demarrerChargeurs(env);
  let stderr = "";
  let temps: TempsChargeur[];
  let fin: PromiseSettledResult<number | null>;
  let travail: PromiseSettledResult<void>;
  try {
    const framework = spawn(process.execPath, [OBSERVABLE, "build"], { env: { ...env, OBS_CHARGEURS: chargeurs.socket }, stdio });
    framework.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const code = new Promise<number | null>((done, fail) => {
      framework.once("error", fail);
      framework.once("close", done);
    });
    [fin, travail] = await Promise.allSettled([code, pendant ? pendant() : Promise.resolve()]);
  } finally {
    temps = await chargeurs.arreter();
  }
  if (fin.status === "rejected") throw fin.reason;
  if (fin.value !== 0) throw new Error(`observable build a échoué (code ${fin.value})${stderr ? ` :\n${stderr}` : ""}`);
  if (travail.status === "rejected") throw travail.reason;
  return { secondes: (performance.now() - debut) / 1000, chargeurs: temps };
}
