// The loaders' server (issue 16.4): one process per site build that runs every TypeScript data and page loader in
// turn, so tsx and the DuckDB binding are loaded once instead of once per loader. Framework still decides what to
// load and when; its client (pipelines/site/chargeur.mjs) hands each loader over a Unix socket. A loader runs as it
// would alone: its path as process.argv[1], its parameters after it, what it writes to stdout as its output, an
// exception or a non-zero process.exitCode as its failure. Loaders run one at a time: they share process.argv and
// process.stdout. Each is imported afresh (a query string per run): a parameterised loader runs once per value.
// The modules they import are not: the database connection (database.ts, partagerBase) and what the site's modules
// memoise are shared by every loader of the build. Before Framework starts, the build has the server run the edition's
// targets (cibles.ts) straight into Framework's cache, so Framework starts no process for them; what it still asks
// for comes over the socket. Each run is timed; the build asks for the times at its end.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fermerBasePartagee, partagerBase } from "./database.ts";
import type { TempsChargeur } from "./chargeurs-processus.ts";
import { chargeurDe, ciblesDuSite } from "./cibles.ts";
import type { ProfilSite } from "./profil.ts";

type Kind = 0 | 1 | 2;

function frame(socket: Socket, kind: Kind, payload: Buffer): void {
  const header = Buffer.alloc(5);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 1);
  // Two writes rather than one concatenation: a download is a 30 MB payload, copied once more for nothing.
  socket.write(header);
  socket.write(payload);
}

const asBuffer = (chunk: unknown, encoding?: unknown): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

/** Where one run's output and messages go: frames on the client's socket, or a file of Framework's cache. */
type Sortie = (kind: 0 | 1, chunk: Buffer) => void;

/** Replaces a stream's write for the time of one loader; returns the function that puts it back. */
function redirect(stream: NodeJS.WriteStream, sortie: Sortie, kind: 0 | 1): () => void {
  const original = stream.write;
  stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    sortie(kind, asBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof stream.write;
  return () => {
    stream.write = original;
  };
}

let runs = 0;
const temps: TempsChargeur[] = [];
/** A rejection no loader awaited belongs to the loader running: it fails it instead of killing the server. */
let current: ((error: unknown) => void) | null = null;
process.on("unhandledRejection", (error) => (current ? current(error) : process.stderr.write(`${String(error)}\n`)));

/** Runs one loader as it would run alone; returns its failure, or null. */
async function runLoader(args: string[], sortie: Sortie, avance: boolean): Promise<unknown> {
  const [loader, ...params] = args;
  const path = resolve(loader!);
  const argv = process.argv;
  process.argv = [argv[0]!, path, ...params];
  const restoreOut = redirect(process.stdout, sortie, 0);
  const restoreErr = redirect(process.stderr, sortie, 1);
  let failure: unknown = null;
  const debut = performance.now();
  try {
    await new Promise<void>((done, fail) => {
      current = fail;
      import(`${pathToFileURL(path).href}?chargement=${++runs}`).then(() => done(), fail);
    });
    if (process.exitCode) failure = new Error(`code de sortie ${process.exitCode}`);
  } catch (error) {
    failure = error;
  } finally {
    current = null;
    process.exitCode = undefined;
    process.argv = argv;
    restoreOut();
    restoreErr();
  }
  temps.push({ chargeur: [relative(process.cwd(), path), ...params].join(" "), ms: performance.now() - debut, avance });
  return failure;
}

const texteErreur = (failure: unknown) => `${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`;

async function servir(args: string[], socket: Socket): Promise<void> {
  const failure = await runLoader(args, (kind, chunk) => frame(socket, kind, chunk), false);
  if (failure) frame(socket, 1, Buffer.from(texteErreur(failure)));
  frame(socket, 2, Buffer.from(failure ? "1" : "0"));
  socket.end();
}

/**
 * Every target of the edition (cibles.ts) whose output Framework would not find fresh in its cache, run now and
 * written there as Framework writes it (beside, then renamed). A failure is told and left: Framework runs that loader
 * again if a page needs it, and fails the build with the loader's error then.
 */
async function preparer(profil: ProfilSite): Promise<string[]> {
  const echecs: string[] = [];
  const messages = process.stderr.write.bind(process.stderr);
  for (const cible of await ciblesDuSite(profil)) {
    const { chargeur, params, sortie } = chargeurDe(cible);
    const existante = existsSync(sortie) ? statSync(sortie).mtimeMs : null;
    if (existante !== null && existante >= statSync(chargeur).mtimeMs) continue;
    const morceaux: Buffer[] = [];
    const failure = await runLoader([chargeur, ...params], (kind, chunk) => (kind === 0 ? morceaux.push(chunk) : messages(chunk)), true);
    if (failure) {
      echecs.push(cible);
      messages(`${cible} non préparé d'avance (${texteErreur(failure).trimEnd()}) : Framework le relancera si une page le lit\n`);
      continue;
    }
    mkdirSync(dirname(sortie), { recursive: true });
    writeFileSync(`${sortie}.${process.pid}`, Buffer.concat(morceaux));
    renameSync(`${sortie}.${process.pid}`, sortie);
  }
  return echecs;
}

const socketPath = process.argv[2];
if (!socketPath) throw new Error("usage : tsx pipelines/site/chargeurs.ts <socket>");
rmSync(socketPath, { force: true });
partagerBase();
let queue: Promise<unknown> = Promise.resolve();
const server = createServer((socket) => {
  let request = "";
  socket.on("data", (chunk) => {
    request += chunk.toString();
    if (!request.includes("\n")) return;
    const { args } = JSON.parse(request.slice(0, request.indexOf("\n"))) as { args: string[] };
    queue = queue.then(() => servir(args, socket));
  });
});
server.listen(socketPath, () => process.send?.("pret"));
process.on("message", (message) => {
  if (message === "temps") void queue.then(() => process.send?.({ temps }));
  else if (typeof message === "object" && message !== null && "preparer" in message) {
    const profil = (message as { preparer: ProfilSite }).preparer;
    queue = queue.then(() => preparer(profil).then((echecs) => process.send?.({ prepare: echecs }), (error: unknown) => process.send?.({ erreur: texteErreur(error) })));
  }
});
process.on("disconnect", () =>
  server.close(() => {
    fermerBasePartagee();
    process.exit(0);
  }),
);
