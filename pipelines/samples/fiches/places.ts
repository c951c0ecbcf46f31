// Where the non-LDA fiches happen: every commune of the département with its MDS territory and EPCI,
// so that consultations, sessions and passages fall in real places in proportion to their population.
import { fileURLToPath } from "node:url";
import { readCsv } from "../../reference/csv.ts";
import type { Random } from "../random.ts";

const REFERENCE = (file: string) => fileURLToPath(new URL(`../../../sources/reference/${file}`, import.meta.url));

export interface Place {
  code: string;
  nom: string;
  epci: string;
  mds: string;
  lda: string;
  population: number;
}

export interface Places {
  all: readonly Place[];
  byMds(territoire: string): readonly Place[];
  byLda(territoire: string): readonly Place[];
  /** INSEE code of a commune named in the reference data; throws on a typo so that places stay real. */
  code(nom: string): string;
  place(code: string): Place;
  epcis: readonly { siren: string; nom: string; mds: string }[];
  /** A commune drawn in proportion to population, among `among` (default: the whole département). */
  draw(random: Random, among?: readonly Place[]): Place;
}

let cached: Places | undefined;

export function loadPlaces(): Places {
  if (cached) return cached;
  const all: Place[] = readCsv(REFERENCE("communes.csv")).map((r) => ({
    code: r.code_commune!,
    nom: r.nom_commune!,
    epci: r.code_epci!,
    mds: r.territoire_mds!,
    lda: r.territoire_lda ?? "",
    population: Number(r.population),
  }));
  const byCode = new Map(all.map((p) => [p.code, p]));
  const byName = new Map(all.map((p) => [p.nom, p.code]));
  const group = (key: (p: Place) => string) => {
    const m = new Map<string, Place[]>();
    for (const p of all) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return m;
  };
  const mds = group((p) => p.mds);
  const lda = group((p) => p.lda);
  const weights = new Map<readonly Place[], (readonly [Place, number])[]>();
  cached = {
    all,
    byMds: (t) => mds.get(t) ?? [],
    byLda: (t) => lda.get(t) ?? [],
    code(nom) {
      const code = byName.get(nom);
      if (!code) throw new Error(`commune « ${nom} » absente de communes.csv`);
      return code;
    },
    place(code) {
      const p = byCode.get(code);
      if (!p) throw new Error(`commune ${code} absente de communes.csv`);
      return p;
    },
    epcis: readCsv(REFERENCE("epci.csv")).map((r) => ({ siren: r.code_epci!, nom: r.nom_epci!, mds: r.territoire_mds! })),
    draw(random, among = all) {
      let w = weights.get(among);
      if (!w) weights.set(among, (w = among.map((p) => [p, p.population] as const)));
      return random.weighted(w);
    },
  };
  return cached;
}
