// The built site served as a web host would: clean URLs (/jeunes/rapport → jeunes/rapport.html, a folder → its
// index.html), nothing outside the folder, on 127.0.0.1 only. The PDF report (report.ts) and the browser tests read
// the site through it.
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

function fichierServi(racine: string, chemin: string): string | null {
  const complet = normalize(join(racine, decodeURIComponent(chemin)));
  if (complet !== racine && !complet.startsWith(racine + sep)) return null;
  const candidats = chemin.endsWith("/") ? [join(complet, "index.html")] : [complet, `${complet}.html`];
  return candidats.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

export interface ServeurStatique {
  url: string;
  close(): Promise<void>;
}

export async function servirDossier(dossier: string): Promise<ServeurStatique> {
  const racine = resolve(dossier);
  const server = createServer((requete, reponse) => {
    const { pathname } = new URL(requete.url ?? "/", "http://127.0.0.1");
    const fichier = fichierServi(racine, pathname);
    if (!fichier) {
      reponse.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Introuvable");
      return;
    }
    reponse.writeHead(200, { "content-type": TYPES[extname(fichier)] ?? "application/octet-stream" });
    createReadStream(fichier).pipe(reponse);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok, ko) => server.close((e) => (e ? ko(e) : ok()))),
  };
}
