// A tiny static server for dist/, as a web host would serve it: clean URLs (/logement-d-abord → .html), 127.0.0.1 only.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};

function fichier(root: string, urlPath: string): string | null {
  const chemin = normalize(join(root, decodeURIComponent(urlPath)));
  if (chemin !== root && !chemin.startsWith(root + sep)) return null;
  const candidats = urlPath.endsWith("/") ? [join(chemin, "index.html")] : [chemin, `${chemin}.html`];
  return candidats.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    const trouve = fichier(root, pathname);
    if (!trouve) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Introuvable");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(trouve)] ?? "application/octet-stream" });
    createReadStream(trouve).pipe(response);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok, ko) => server.close((e) => (e ? ko(e) : ok()))),
  };
}
