// Starts and stops the loaders' server (pipelines/site/chargeurs.ts) around one Framework build: a process of its
// own, with the build's environment (edition, output folder), reachable on a Unix socket in the temporary folder.
import { fork } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export async function demarrerChargeurs(env: NodeJS.ProcessEnv): Promise<{ socket: string; arreter: () => Promise<void> }> {
  const socket = join(tmpdir(), `obs-chargeurs-${process.pid}-${Date.now()}.sock`);
  // node --import tsx: one process (tsx's own CLI would put a second one between us and the server).
  const server = fork(resolve("pipelines/site/chargeurs.ts"), [socket], { env, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((ready, fail) => {
    server.once("message", () => ready());
    server.once("error", fail);
    server.once("exit", (code) => fail(new Error(`le serveur des chargeurs du site s'est arrêté au démarrage (code ${code})`)));
  });
  server.removeAllListeners("exit");
  return {
    socket,
    arreter: () =>
      new Promise<void>((done) => {
        if (server.exitCode !== null || !server.connected) return done(rmSync(socket, { force: true }));
        server.once("exit", () => done(rmSync(socket, { force: true })));
        server.disconnect();
      }),
  };
}
