// The rows of a CSV file DuckDB wrote, grouped by the value of their first column: a fiche's file is the header and
// its fiche's rows of the file of all indicators, in the same order and with the same bytes, so it is cut from that
// file instead of being written again by one more COPY per fiche and format (issue 16). The file is read in chunks,
// never whole: at 100× a département year the file of all indicators is gigabytes.
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { finished } from "node:stream/promises";

const LF = 0x0a;
const CR = 0x0d;
const GUILLEMET = 0x22;
const MORCEAU = 1 << 20;

export interface Tranche {
  /** Byte offsets of the group's rows in the file, end excluded. */
  debut: number;
  fin: number;
  lignes: number;
}

/**
 * Where the next quote at or after a position lies in `buf`. The answer is kept until a search starts past it: a file
 * with few quotes (the Excel file has none) is then searched to its end once per chunk, not once per record.
 */
export function prochainsGuillemets(buf: Buffer): (p: number) => number {
  let depuis = -1;
  let trouve = -1;
  return (p) => {
    if (depuis < 0 || p < depuis || (trouve >= 0 && trouve < p)) {
      depuis = p;
      trouve = buf.indexOf(GUILLEMET, p);
    }
    return trouve;
  };
}

/** Index just after the line end of the record starting at `i`, or -1 when `buf` holds only part of it. */
export function finEnregistrement(buf: Buffer, i: number, prochainGuillemet: (p: number) => number = (p) => buf.indexOf(GUILLEMET, p)): number {
  let p = i;
  for (;;) {
    const lf = buf.indexOf(LF, p);
    const g = prochainGuillemet(p);
    if (g < 0 || (lf >= 0 && lf < g)) return lf < 0 ? -1 : lf + 1;
    // A quoted field (RFC 4180: "" is a quote inside it) may hold line ends: skip to its closing quote.
    let c = g + 1;
    for (;;) {
      c = buf.indexOf(GUILLEMET, c);
      if (c < 0 || c + 1 >= buf.length) return -1;
      if (buf[c + 1] !== GUILLEMET) break;
      c += 2;
    }
    p = c + 1;
  }
}

/** The first field of the record [i, fin), unquoted. */
function premierChamp(buf: Buffer, i: number, fin: number, separateur: number): string {
  if (buf[i] === GUILLEMET) {
    let c = i + 1;
    while (!(buf[c] === GUILLEMET && buf[c + 1] !== GUILLEMET)) c += buf[c] === GUILLEMET ? 2 : 1;
    return buf.toString("utf8", i + 1, c).replace(/""/g, '"');
  }
  const s = buf.indexOf(separateur, i);
  let e = s >= 0 && s < fin ? s : fin - 1;
  if (e === fin - 1 && buf[e - 1] === CR) e--;
  return buf.toString("utf8", i, e);
}

/**
 * The header's end and, for each value of the first column, where its rows are: the file must hold each value's rows
 * together (sorted on that column first), else the run stops — a fiche's file cut from scattered rows would be wrong.
 */
export async function tranchesParPremiereColonne(chemin: string, separateur: string, decalage = 0): Promise<{ entete: number; tranches: Map<string, Tranche> }> {
  const sep = separateur.charCodeAt(0);
  const tranches = new Map<string, Tranche>();
  let courante: Tranche | undefined;
  let entete = -1;
  let reste: Buffer = Buffer.alloc(0);
  let base = decalage;
  for await (const morceau of createReadStream(chemin, { start: decalage, highWaterMark: MORCEAU }) as AsyncIterable<Buffer>) {
    const buf: Buffer = reste.length ? Buffer.concat([reste, morceau]) : morceau;
    const prochainGuillemet = prochainsGuillemets(buf);
    let i = 0;
    for (let fin = finEnregistrement(buf, i, prochainGuillemet); fin >= 0; i = fin, fin = finEnregistrement(buf, i, prochainGuillemet)) {
      if (entete < 0) {
        entete = base + fin;
        continue;
      }
      const cle = premierChamp(buf, i, fin, sep);
      const t = tranches.get(cle);
      if (t && t !== courante) throw new Error(`${chemin} : les lignes de « ${cle} » ne se suivent pas (fichier non trié sur sa première colonne) ; impossible d'en découper le fichier de « ${cle} ».`);
      if (t) {
        t.fin = base + fin;
        t.lignes++;
      } else {
        courante = { debut: base + i, fin: base + fin, lignes: 1 };
        tranches.set(cle, courante);
      }
    }
    reste = buf.subarray(i);
    base += i;
  }
  if (reste.length) throw new Error(`${chemin} : dernière ligne incomplète (${reste.length} octets sans fin de ligne).`);
  if (entete < 0) throw new Error(`${chemin} : fichier vide, pas même une ligne d'en-tête.`);
  return { entete, tranches };
}

/** Writes `prefixe`, then each byte range of `source` in turn, to `cible`. */
export async function ecrirePlages(source: string, cible: string, prefixe: Buffer, plages: readonly [number, number][]): Promise<void> {
  const sortie = createWriteStream(cible);
  const fait = finished(sortie);
  sortie.write(prefixe);
  const fichier = await open(source, "r");
  try {
    for (const [debut, fin] of plages) {
      if (fin <= debut) continue;
      for await (const morceau of fichier.createReadStream({ start: debut, end: fin - 1, autoClose: false, highWaterMark: MORCEAU }) as AsyncIterable<Buffer>) {
        if (!sortie.write(morceau)) await new Promise<void>((r) => sortie.once("drain", () => r()));
      }
    }
  } finally {
    await fichier.close();
  }
  sortie.end();
  await fait;
}
