// What the checker's modules import from Node, for the browser bundle (bundle.ts). The checker itself needs none of
// it: these modules also hold the pipeline's disk, hashing and streaming code, which the worker never runs. Only the
// reference files the contracts read at load time (communes, EPCI, indicator catalogue) are served, from the copies
// embedded at build time; anything else says plainly that the browser cannot do it.
declare const REFERENCES_EMBARQUEES: Record<string, string>;

const indisponible = (quoi: string) => () => {
  throw new Error(`${quoi} : indisponible dans le navigateur (vérificateur de fichier)`);
};
const nomDe = (chemin: string) => String(chemin).split(/[\\/]/).pop() ?? "";

export function readFileSync(chemin: string): string {
  const texte = REFERENCES_EMBARQUEES[nomDe(chemin)];
  if (texte === undefined) throw new Error(`lecture de « ${chemin} » : fichier non embarqué dans le vérificateur (pipelines/site/verificateur/bundle.ts)`);
  return texte;
}
export const existsSync = (chemin: string) => nomDe(chemin) in REFERENCES_EMBARQUEES;
export const fileURLToPath = (url: string | URL) => decodeURIComponent(new URL(String(url)).pathname);
export const pathToFileURL = (chemin: string) => new URL(`file://${chemin}`);
export const basename = nomDe;
export const extname = (chemin: string) => /\.[^./\\]*$/.exec(nomDe(chemin))?.[0] ?? "";
export const dirname = (chemin: string) => String(chemin).replace(/[\\/][^\\/]*$/, "");
export const join = (...parties: string[]) => parties.join("/");
export const resolve = join;
export const createReadStream = indisponible("lecture de fichier sur disque");
export const createWriteStream = indisponible("écriture de fichier sur disque");
export const readFile = indisponible("lecture de fichier sur disque");
export const open = indisponible("lecture de fichier sur disque");
export const createHmac = indisponible("hachage");
export const createHash = indisponible("hachage");
export const pipeline = indisponible("flux Node");
export class Readable {
  static from = indisponible("flux Node");
}
export class Transform {}
export default {};
