// A differencing attack on a published table, written apart from pipelines/publish/secret.ts so that it checks the
// secret rather than repeating it. The attacker has the public files only: the published table (NULL where masked),
// the hierarchies (int_territoires_appartenances, int_periodes_appartenances, built from the public reference data)
// and the catalogue (ref.indicateurs). Every linear relation is written down:
//   parent territory = Σ children of one level inside it   (indicators additif_territoires)
//   « ensemble » = Σ modalities of one breakdown             (additif_modalites)
//   year, convention period = Σ its months                   (lie_mois; int_periodes_appartenances and
//                                                            int_periodes_appartenances_conventions)
//   P − Q = Σ months of P only − Σ months of Q only, for two overlapping periods of a fiche (a year and a
//   convention period): lie_mois; for other counts P = Q when those months are all 0 or absent
//   where a count is not additive, its margin is the union of the parts: exact when at most one part is positive
//   numerator = ratio × denominator (÷ 100 for a share/rate) (catalogue numerateur and denominateur)
// and any relation with exactly one unknown is solved, repeatedly, so that a solved cell feeds the next relation
// (chains). A masked cell counts as recovered when the value found is its true value (mart_indicateurs), to the
// rounding of published ratios.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../../pipelines/db/duckdb.ts";

interface Cellule {
  fiche: string;
  indicateur: string;
  periode: string;
  type_periode: string;
  territoire: string;
  niveau_territoire: string;
  ventilation: string;
  modalite: string;
  valeur: number | null;
  secret: boolean;
}

interface Somme {
  genre: "modalites" | "territoires" | "mois";
  /** A distinct count over parts that may share keys: between the largest part and the sum of the parts. */
  reunion: boolean;
  marge: number;
  membres: number[];
}

/** Σ coefficient × cell = 0. */
interface Lineaire {
  genre: string;
  termes: [number, number][];
}

interface Ratio {
  ratio: number;
  numerateur: number;
  denominateur: number;
  echelle: number;
}

export interface Recuperation {
  cle: string;
  valeur: number;
  relation: string;
}

export interface Attaque {
  masquees: number;
  recuperees: Recuperation[];
  relations: number;
}

export interface OptionsAttaque {
  /** Published table (mart_indicateurs_publics by default). */
  table?: string;
  /** true: every count is assumed additive everywhere, whatever the catalogue says (a pessimistic attacker). */
  toutAdditif?: boolean;
}

const cle = (c: Cellule, indicateur = c.indicateur) => [c.fiche, indicateur, c.periode, c.territoire, c.niveau_territoire, c.ventilation, c.modalite].join("|");

export async function attaquerParDifferences(connection: DuckDBConnection, options: OptionsAttaque = {}): Promise<Attaque> {
  const table = options.table ?? "mart_indicateurs_publics";
  const cellules = await query<Cellule>(connection, `SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, secret FROM ${table}`);
  const catalogue = new Map(
    (await query<Record<string, string>>(connection, "SELECT * FROM ref.indicateurs")).map((k) => [`${k.fiche}|${k.indicateur}`, k]),
  );
  const inclusions = await query<{ fiche: string | null; niveau: string; code: string; niveau_parent: string; code_parent: string }>(
    connection,
    "SELECT fiche, niveau, code, niveau_parent, code_parent FROM int_territoires_appartenances",
  );
  // Each period's months, per fiche ('*': every fiche's calendar years).
  const avecConventions = (await query(connection, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'int_periodes_appartenances_conventions'")).length > 0;
  const appartenances = await query<{ fiche: string | null; periode: string; periode_parent: string }>(
    connection,
    `SELECT NULL AS fiche, periode, periode_parent FROM int_periodes_appartenances
     ${avecConventions ? "UNION ALL SELECT fiche, periode, periode_parent FROM int_periodes_appartenances_conventions" : ""}`,
  );
  const parents = new Map<string, string[]>();
  const moisDe = new Map<string, Set<string>>();
  for (const a of appartenances) {
    const f = a.fiche ?? "*";
    parents.set(`${f}|${a.periode}`, [...(parents.get(`${f}|${a.periode}`) ?? []), a.periode_parent]);
    moisDe.set(`${f}|${a.periode_parent}`, (moisDe.get(`${f}|${a.periode_parent}`) ?? new Set()).add(a.periode));
  }
  const parentsDe = (c: Cellule) => [...(parents.get(`*|${c.periode}`) ?? []), ...(parents.get(`${c.fiche}|${c.periode}`) ?? [])];
  const moisDePeriode = (fiche: string, periode: string) => moisDe.get(`*|${periode}`) ?? moisDe.get(`${fiche}|${periode}`);
  const vrai = new Map((await query<Cellule>(connection, "SELECT * FROM mart_indicateurs")).map((c) => [cle(c), c.valeur as number]));

  const index = new Map(cellules.map((c, i) => [cle(c), i]));
  /** Sum, union, or no relation (ratios). */
  const relation = (c: Cellule, colonne: string): { reunion: boolean } | null => {
    const k = catalogue.get(`${c.fiche}|${c.indicateur}`);
    if (k && ["part", "taux", "moyenne", "mediane"].includes(k.agregation ?? "")) return null;
    return { reunion: !(options.toutAdditif || !k || k[colonne] === "oui") };
  };

  // Group cells by everything but the dimension a relation runs over.
  const grouper = (f: (c: Cellule) => string | null) => {
    const groupes = new Map<string, number[]>();
    cellules.forEach((c, i) => {
      const g = f(c);
      if (g === null) return;
      const membres = groupes.get(g);
      if (membres) membres.push(i);
      else groupes.set(g, [i]);
    });
    return groupes;
  };
  const sommes: Somme[] = [];

  // « ensemble » = Σ modalities of each breakdown.
  const parVentilation = grouper((c) => (c.ventilation === "ensemble" ? null : [c.fiche, c.indicateur, c.periode, c.territoire, c.niveau_territoire, c.ventilation].join("|")));
  for (const membres of parVentilation.values()) {
    const c = cellules[membres[0]!]!;
    const marge = index.get(cle({ ...c, ventilation: "ensemble", modalite: "ensemble" }));
    const r = marge === undefined ? null : relation(cellules[marge]!, "additif_modalites");
    if (r) sommes.push({ genre: "modalites", ...r, marge: marge!, membres });
  }

  // Parent territory = Σ children of each level inside it (every level inside the département).
  const contenu = new Map<string, Set<string>>();
  for (const h of inclusions) {
    const k = `${h.niveau_parent}|${h.code_parent}|${h.fiche ?? "*"}`;
    contenu.set(k, (contenu.get(k) ?? new Set()).add(`${h.niveau}|${h.code}`));
  }
  const parTerritoire = grouper((c) => [c.fiche, c.indicateur, c.periode, c.ventilation, c.modalite].join("|"));
  for (const groupe of parTerritoire.values()) {
    for (const p of groupe) {
      const parent = cellules[p]!;
      const r = relation(parent, "additif_territoires");
      if (!r) continue;
      const dedans = (c: Cellule) =>
        parent.niveau_territoire === "departement" ||
        [`${parent.niveau_territoire}|${parent.territoire}|*`, `${parent.niveau_territoire}|${parent.territoire}|${parent.fiche}`].some((k) => contenu.get(k)?.has(`${c.niveau_territoire}|${c.territoire}`));
      const parNiveau = new Map<string, number[]>();
      for (const e of groupe) {
        const c = cellules[e]!;
        if (c.niveau_territoire === parent.niveau_territoire || c.niveau_territoire === "departement" || !dedans(c)) continue;
        const membres = parNiveau.get(c.niveau_territoire);
        if (membres) membres.push(e);
        else parNiveau.set(c.niveau_territoire, [e]);
      }
      for (const membres of parNiveau.values()) sommes.push({ genre: "territoires", ...r, marge: p, membres });
    }
  }

  // Year, convention period = Σ its months.
  const parPeriode = new Map<string, { parent: string; membres: number[] }>();
  cellules.forEach((c, i) => {
    if (c.type_periode !== "mois") return;
    for (const parent of parentsDe(c)) {
      const g = [c.fiche, c.indicateur, parent, c.territoire, c.niveau_territoire, c.ventilation, c.modalite].join("|");
      const groupe = parPeriode.get(g);
      if (groupe) groupe.membres.push(i);
      else parPeriode.set(g, { parent, membres: [i] });
    }
  });
  for (const { parent, membres } of parPeriode.values()) {
    const c = cellules[membres[0]!]!;
    const marge = index.get(cle({ ...c, periode: parent }));
    const r = marge === undefined ? null : relation(cellules[marge]!, "lie_mois");
    if (r) sommes.push({ genre: "mois", ...r, marge: marge!, membres });
  }

  // Two overlapping periods of one cell: P − Q = Σ months of P only − Σ months of Q only (or P = Q for a count that
  // does not add up over months, when those months are all published 0 or absent).
  const lineaires: Lineaire[] = [];
  const parCellule = grouper((c) => (c.type_periode === "mois" ? null : [c.fiche, c.indicateur, c.territoire, c.niveau_territoire, c.ventilation, c.modalite].join("|")));
  for (const groupe of parCellule.values()) {
    for (const p of groupe) {
      for (const q of groupe) {
        if (p >= q) continue;
        const [cp, cq] = [cellules[p]!, cellules[q]!];
        const [mp, mq] = [moisDePeriode(cp.fiche, cp.periode), moisDePeriode(cq.fiche, cq.periode)];
        if (!mp || !mq || ![...mp].some((m) => mq.has(m))) continue;
        const r = relation(cp, "lie_mois");
        if (!r) continue;
        const seuls = (a: Set<string>, b: Set<string>) => [...a].filter((m) => !b.has(m)).map((m) => index.get(cle({ ...cp, periode: m }))).filter((i): i is number => i !== undefined);
        const [dansP, dansQ] = [seuls(mp, mq), seuls(mq, mp)];
        if (!r.reunion) lineaires.push({ genre: "périodes chevauchantes", termes: [[p, 1], [q, -1], ...dansP.map((i): [number, number] => [i, -1]), ...dansQ.map((i): [number, number] => [i, 1])] });
        else if ([...dansP, ...dansQ].every((i) => !cellules[i]!.secret && cellules[i]!.valeur === 0)) lineaires.push({ genre: "périodes chevauchantes (réunion)", termes: [[p, 1], [q, -1]] });
      }
    }
  }

  // numerator = ratio × denominator.
  const ratios: Ratio[] = [];
  cellules.forEach((c, i) => {
    const k = catalogue.get(`${c.fiche}|${c.indicateur}`);
    if (!k?.numerateur || !k.denominateur) return;
    const numerateur = index.get(cle(c, k.numerateur));
    const denominateur = index.get(cle(c, k.denominateur));
    if (numerateur === undefined || denominateur === undefined) return;
    ratios.push({ ratio: i, numerateur, denominateur, echelle: k.agregation === "part" || k.agregation === "taux" ? 100 : 1 });
  });

  // Solve every relation with one unknown until none is left.
  const connu: (number | null)[] = cellules.map((c) => (c.secret || c.valeur === null ? null : c.valeur));
  const trouvees = new Map<number, { valeur: number; relation: string }>();
  const poser = (i: number, valeur: number, relation: string) => {
    connu[i] = valeur;
    trouvees.set(i, { valeur, relation });
  };
  for (let progres = true; progres; ) {
    progres = false;
    for (const s of sommes) {
      const inconnues = [s.marge, ...s.membres].filter((i) => connu[i] === null);
      if (inconnues.length !== 1) continue;
      const x = inconnues[0]!;
      const autres = s.membres.filter((i) => i !== x).map((i) => connu[i]!);
      const somme = autres.reduce((t, v) => t + v, 0);
      if (!s.reunion) poser(x, x === s.marge ? somme : connu[s.marge]! - somme, s.genre);
      else if (x === s.marge && autres.filter((v) => v > 0).length <= 1) poser(x, Math.max(0, ...autres), `${s.genre} (réunion)`);
      else if (x !== s.marge && somme === 0) poser(x, connu[s.marge]!, `${s.genre} (réunion)`);
      else continue;
      progres = true;
    }
    for (const l of lineaires) {
      const inconnues = l.termes.filter(([i]) => connu[i] === null);
      if (inconnues.length !== 1) continue;
      const [x, a] = inconnues[0]!;
      poser(x, -l.termes.filter(([i]) => i !== x).reduce((t, [i, b]) => t + b * connu[i]!, 0) / a, l.genre);
      progres = true;
    }
    for (const r of ratios) {
      const [q, n, d] = [connu[r.ratio] ?? null, connu[r.numerateur] ?? null, connu[r.denominateur] ?? null];
      if ([q, n, d].filter((v) => v === null).length !== 1) continue;
      if (n === null) poser(r.numerateur, (q! * d!) / r.echelle, "ratio");
      else if (d === null && q !== 0) poser(r.denominateur, (n * r.echelle) / q!, "ratio");
      else if (q === null && d !== 0) poser(r.ratio, (n * r.echelle) / d!, "ratio");
      else continue;
      progres = true;
    }
  }

  const recuperees: Recuperation[] = [];
  for (const [i, t] of trouvees) {
    const c = cellules[i]!;
    const juste = vrai.get(cle(c));
    // Counts are whole numbers: a value within half a unit, rounded, is the count; ratios are published to 0.01.
    if (juste !== undefined && Math.abs(t.valeur - juste) < (Number.isInteger(juste) ? 0.5 : 0.01)) recuperees.push({ cle: cle(c), valeur: juste, relation: t.relation });
  }
  return { masquees: connu.filter((v) => v === null).length + trouvees.size, recuperees, relations: sommes.length + lineaires.length + ratios.length };
}
