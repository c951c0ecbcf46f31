// The territorial levels each fiche publishes, stated once: by the data test of its indicator mart's header,
// `-- test: accepted_values(niveau_territoire: …)` (sql/mart_<fiche>_indicateurs.sql, e.g. mart_f2_8_indicateurs for
// f2_8_gep; a mart shared by several fiches names them with `accepted_values(fiche: …)`, as mart_lda_indicateurs does
// for 2.4–2.7). The publishing macro reads it (ref.niveaux_publies: sql/macros/publier_indicateurs.sql publishes
// those levels only), so do the declared bilans (a figure at another level is an alert, not a figure) and the grids
// (the territories they offer, NIVEAUX_DECLARABLES below).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FICHES } from "../contracts/dimensions.ts";

// Beside this file, not from the working directory: the grids are written from anywhere (npm run templates).
const SQL_DIR = fileURLToPath(new URL("../../sql", import.meta.url));

const valeursAdmises = (sql: string, colonne: string): string[] | null => {
  const m = new RegExp(`^\\s*--\\s*test\\s*:\\s*accepted_values\\(\\s*${colonne}\\s*:([^)]*)\\)`, "m").exec(sql);
  return m ? m[1]!.split(",").map((v) => v.trim()).filter(Boolean) : null;
};

/**
 * The levels a grid offers and a declaration may name, each with the reference table of its codes (the département
 * is « 62 »), in the order a code of two levels is read at: « artois » is an MDS and a Logement d'abord territory.
 * AMI, lots, EPCI and communes are aggregates the marts compute from these territories, never declared.
 */
export const NIVEAUX_DECLARABLES: readonly { niveau: string; table: string | null }[] = [
  { niveau: "departement", table: null },
  { niveau: "territoire_mds", table: "territoires_mds" },
  { niveau: "territoire_lda", table: "territoires_lda" },
];

/** ref.territoires_declarables (territoire, niveau, rang), built from the reference tables already loaded. */
export const TERRITOIRES_DECLARABLES_SQL = NIVEAUX_DECLARABLES.map(({ niveau, table }, rang) =>
  table ? `SELECT code AS territoire, '${niveau}' AS niveau, ${rang} AS rang FROM ref.${table}` : `SELECT '62' AS territoire, '${niveau}' AS niveau, ${rang} AS rang`,
).join("\nUNION ALL ");

let cache: Map<string, readonly string[]> | null = null;

/** fiche → its published territorial levels, in the order its mart states them. */
export function niveauxPublies(dir = SQL_DIR): Map<string, readonly string[]> {
  if (cache && dir === SQL_DIR) return cache;
  const niveaux = new Map<string, readonly string[]>();
  for (const fichier of readdirSync(dir).filter((f) => /^mart_.+_indicateurs\.sql$/.test(f)).sort()) {
    const sql = readFileSync(join(dir, fichier), "utf8");
    const prefixe = fichier.slice("mart_".length, -"_indicateurs.sql".length);
    const fiches = valeursAdmises(sql, "fiche") ?? FICHES.filter((f) => f.startsWith(`${prefixe}_`));
    const liste = valeursAdmises(sql, "niveau_territoire");
    if (!liste) throw new Error(`sql/${fichier} : l'en-tête doit dire les niveaux territoriaux publiés (-- test: accepted_values(niveau_territoire: …))`);
    for (const fiche of fiches) niveaux.set(fiche, liste);
  }
  const sansMart = FICHES.filter((f) => !niveaux.has(f));
  if (sansMart.length) throw new Error(`aucun modèle sql/mart_*_indicateurs.sql ne publie ${sansMart.join(", ")} : nommer la fiche dans son en-tête (-- test: accepted_values(fiche: …))`);
  if (dir === SQL_DIR) cache = niveaux;
  return niveaux;
}
