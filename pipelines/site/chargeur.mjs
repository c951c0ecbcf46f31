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
  // Frames from the server: 1 byte kind (0 output, 1 messages, 2 exit code), 4 bytes length, payload. A payload is
  // passed on as its bytes arrive: gathering a 30 MB download before writing it cost seconds of copies.
  let header = Buffer.alloc(0);
  let kind = null;
  let remaining = 0;
  let codeText = "";
  let code = null;
  const deliver = (part) => {
    if (kind === 0) process.stdout.write(part);
    else if (kind === 1) process.stderr.write(part);
    else codeText += part.toString();
  };
  const connection = connect(socket, () => connection.write(`${JSON.stringify({ args })}\n`));
  connection.on("data", (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (kind === null) {
        const taken = chunk.subarray(offset, offset + 5 - header.length);
        header = Buffer.concat([header, taken]);
        offset += taken.length;
        if (header.length < 5) break;
        kind = header[0];
        remaining = header.readUInt32BE(1);
        header = Buffer.alloc(0);
      }
      const part = chunk.subarray(offset, offset + remaining);
      offset += part.length;
      remaining -= part.length;
      if (part.length) deliver(part);
      if (remaining === 0) {
        if (kind === 2) code = Number(codeText);
        kind = null;
      }
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
