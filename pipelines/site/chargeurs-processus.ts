// Starts and stops the loaders' server (pipelines/site/chargeurs.ts) around one Framework build: a process of its
// own, with the build's environment (edition, output folder), reachable on a Unix socket in the temporary folder.
// frameworkAvecChargeurs is the one way to run Framework with it: the site build and the scale bench both call it.
import { fork, spawn, type StdioOptions } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { profilSite, type ProfilSite } from "./profil.ts";

/** One loader run in the server: its path and parameters, and how long it took. */
export interface TempsChargeur {
  chargeur: string;
  ms: number;
  /** Run before Framework started (cibles.ts), rather than at Framework's request. */
  avance: boolean;
}

export interface Chargeurs {
  socket: string;
  /** Runs the edition's targets into Framework's cache (cibles.ts); resolves to the targets whose loader failed. */
  preparer: (profil: ProfilSite) => Promise<string[]>;
  arreter: () => Promise<TempsChargeur[]>;
}

export async function demarrerChargeurs(env: NodeJS.ProcessEnv): Promise<Chargeurs> {
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
  const preparer = (profil: ProfilSite) =>
    new Promise<string[]>((done, fail) => {
      const reponse = (message: unknown) => {
        if (typeof message !== "object" || message === null || !("prepare" in message || "erreur" in message)) return;
        server.off("message", reponse);
        if ("erreur" in message) fail(new Error(`préparation des chargeurs du site : ${String(message.erreur)}`));
        else done((message as { prepare: string[] }).prepare);
      };
      server.on("message", reponse);
      server.send({ preparer: profil });
    });
  return {
    socket,
    preparer,
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

/** What one Framework build took: wall time, each loader's run inside it, and the wait for the work done meanwhile. */
export interface BilanFramework {
  /** From the server's start to Framework's end, the loaders run ahead included. */
  secondes: number;
  chargeurs: TempsChargeur[];
  /** Waited for `pendant` after Framework had ended. */
  attente: number;
}

// Framework's CLI run with node directly: `npx observable` first spends ~0,5 s resolving the command.
const OBSERVABLE = resolve("node_modules/@observablehq/framework/dist/bin/observable.js");

/**
 * `observable build` with the loaders' server started before and stopped after; env carries the edition
 * (OBS_PROFIL) and the output folder (OBS_SITE_DIR). The server first runs the edition's loaders into Framework's
 * cache (cibles.ts), then Framework builds. `pendant`, when given, runs in this process meanwhile (work that does not
 * need the site: the public build scans the extracts). Throws when the preparation or Framework fails, else with the
 * failure of `pendant`.
 */
export async function frameworkAvecChargeurs(env: NodeJS.ProcessEnv, stdio: StdioOptions = "inherit", pendant?: () => Promise<void>): Promise<BilanFramework> {
  const debut = performance.now();
  const chargeurs = await demarrerChargeurs(env);
  // Settled as soon as it ends: a failure while the loaders run waits for its turn instead of killing the process.
  const travail: Promise<PromiseSettledResult<void>> = (pendant ? pendant() : Promise.resolve()).then(
    (value) => ({ status: "fulfilled", value }),
    (reason: unknown) => ({ status: "rejected", reason }),
  );
  let stderr = "";
  let temps: TempsChargeur[];
  let fin: PromiseSettledResult<number | null>;
  try {
    try {
      // Failed targets are left to Framework, which reruns them if a page reads them (chargeurs.ts).
      await chargeurs.preparer(profilSite(env));
    } catch (error) {
      // The preparation's failure is the build's; the work under way is let finish first.
      await travail;
      throw error;
    }
    const framework = spawn(process.execPath, [OBSERVABLE, "build"], { env: { ...env, OBS_CHARGEURS: chargeurs.socket }, stdio });
    framework.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    [fin] = await Promise.allSettled([
      new Promise<number | null>((done, fail) => {
        framework.once("error", fail);
        framework.once("close", done);
      }),
    ]);
  } finally {
    temps = await chargeurs.arreter();
  }
  const secondes = (performance.now() - debut) / 1000;
  const parallele = await travail;
  if (fin.status === "rejected") throw fin.reason;
  if (fin.value !== 0) throw new Error(`observable build a échoué (code ${fin.value})${stderr ? ` :\n${stderr}` : ""}`);
  if (parallele.status === "rejected") throw parallele.reason;
  return { secondes, chargeurs: temps, attente: (performance.now() - debut) / 1000 - secondes };
}
