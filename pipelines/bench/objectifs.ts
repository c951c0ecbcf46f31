// The goals of the performance work (issue 16), one row each: every bench module returns its figures as rows of
// this shape, and `npm run bench` prints them side by side with their goal. A goal is stated once, here.

export type Objectif = {
  /** What is measured, in French, as printed. */
  mesure: string;
  /** The goal, in French, as printed (« ≤ 1,5× », « < 5 s »…). */
  objectif: string;
  /** The figure measured, formatted in French. */
  chiffre: string;
  /** Whether the figure meets the goal; null where the goal is not a threshold (context lines). */
  atteint: boolean | null;
};

export const OBJECTIFS = {
  ingestionSurLecture: { mesure: "ingestion CSV validée ÷ lecture brute read_csv (1 000 000 lignes)", max: 1.5, unite: "×" },
  modelesSecretExtraits1x: { mesure: "modèles + secret + extraits, 1× (une année départementale)", max: 5, unite: "s" },
  croissance10x: { mesure: "modèles + secret, 10× ÷ (10 × 1×)", max: 1, unite: "×" },
  croissance100x: { mesure: "modèles + secret, 100× ÷ (10 × 10×)", max: 1, unite: "×" },
  memoire100x: { mesure: "pic de mémoire du pipeline à 100×", max: 4096, unite: "Mo" },
  build: { mesure: "npm run build à froid (pipeline + site public)", max: 60, unite: "s" },
  siteFroid: { mesure: "construction du site seule, à froid", max: 45, unite: "s" },
  siteChaud: { mesure: "npm run build à chaud, rien de nouveau", max: 15, unite: "s" },
  xlsxCellulesVides: { mesure: "XLSX, 9 M cellules vides mises en forme : temps", max: 30, unite: "s" },
  xlsxCellulesVidesMemoire: { mesure: "XLSX, 9 M cellules vides mises en forme : pic de mémoire", max: 1024, unite: "Mo" },
} as const satisfies Record<string, { mesure: string; max: number; unite: string }>;

const fr = (x: number, digits: number) => x.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One row for a threshold goal: the figure must not exceed the goal's maximum. */
export function mesurer(cle: keyof typeof OBJECTIFS, valeur: number, digits = 1): Objectif {
  const o = OBJECTIFS[cle];
  const strict = o.unite === "s";
  return {
    mesure: o.mesure,
    objectif: `${strict ? "<" : "≤"} ${fr(o.max, o.max % 1 === 0 ? 0 : 1)} ${o.unite}`,
    chiffre: `${fr(valeur, digits)} ${o.unite}`,
    atteint: strict ? valeur < o.max : valeur <= o.max,
  };
}

/** A context line without a goal (a raw read time, a row count…). */
export function contexte(mesure: string, chiffre: string): Objectif {
  return { mesure, objectif: "—", chiffre, atteint: null };
}

/** Prints the rows as a table: measure, goal, figure, met or not. */
export function imprimerObjectifs(lignes: Objectif[]): void {
  const verdict = (a: boolean | null) => (a === null ? "" : a ? "atteint" : "NON ATTEINT");
  const cells = lignes.map((l) => [l.mesure, l.objectif, l.chiffre, verdict(l.atteint)]);
  const header = ["mesure", "objectif", "mesuré", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  // The figure column is read left to right (context lines hold phrases, goal rows a number and its unit).
  const line = (c: string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("   ").trimEnd();
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}
