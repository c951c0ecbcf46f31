// Framework's interpreter for the site's TypeScript loaders (observablehq.config.ts, `interpreters`). Framework runs
// one process per loader; started with tsx, each paid tsx's start and the DuckDB binding's load (0,9 s before any
// query, 80 loaders: most of a cold site build). During `npm run site` a server (pipelines/site/chargeurs.ts) has
// loaded them once and runs every loader in its process: this client, plain JavaScript started in ~40 ms, passes it
// the loader's path and parameters and copies back its output, messages and exit code. Without a server (the
// preview, `npm run dev`) it runs the loader with tsx, as Framework would.
import { spawn } from "node:child_process";
import { connect } from "node:net";

const args = process.argv.slice(2);
const socket = process.env.OBS_CHARGEURS;

if (!socket) {
  const child = spawn("tsx", args, { stdio: "inherit" });
  child.on("error", (error) => {
    process.stderr.write(`chargeur : tsx introuvable (${error.message}) ; lancer depuis npm (npm run dev).\n`);
    process.exit(1);
  });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  // Frames from the server: 1 byte kind (0 output, 1 messages, 2 exit code), 4 bytes length, payload.
  let pending = Buffer.alloc(0);
  let code = null;
  const connection = connect(socket, () => connection.write(`${JSON.stringify({ args })}\n`));
  connection.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 5) {
      const length = pending.readUInt32BE(1);
      if (pending.length < 5 + length) break;
      const kind = pending[0];
      const payload = pending.subarray(5, 5 + length);
      pending = pending.subarray(5 + length);
      if (kind === 0) process.stdout.write(payload);
      else if (kind === 1) process.stderr.write(payload);
      else code = Number(payload.toString());
    }
  });
  connection.on("error", (error) => {
    process.stderr.write(`chargeur : serveur des chargeurs injoignable (${socket}) : ${error.message}\n`);
    process.exit(1);
  });
  // The output is flushed before exiting: Framework reads it from our stdout, a file.
  connection.on("close", () => {
    if (code === null) process.stderr.write("chargeur : le serveur des chargeurs s'est arrêté avant la fin du chargeur\n");
    process.stdout.write("", () => process.exit(code ?? 1));
  });
}
