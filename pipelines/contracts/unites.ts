// The units of the indicator catalogue (sources/reference/unites.csv → ref.unites): per unit, the secret's rule and
// what may be derived from a figure in it — a rate per 10 000 inhabitants (par_habitant: people, households or their
// requests, whose raw counts mostly say where people live) and a share of the département's figure (partageable:
// counts that add up, not %, means, medians or durations). The secret, the public scan and the rates' macro
// (sql/macros/taux_publies.sql) all read it, so a unit of the catalogue without its row stops the load.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

export const COLONNES_UNITES = ["unite", "regle_secret", "par_habitant", "partageable", "description"] as const;
export const REGLES_SECRET = ["comptage_personnes", "taux_ou_moyenne", "hors_secret"] as const;

/** Every problem of the units file against the catalogue's units, with its line (header = line 1), column and fix. */
export function unitesErrors(path: string, unitesCatalogue: Iterable<string>): string[] {
  const texte = readFileSync(path, "utf8");
  const [entete] = parse(texte, { to_line: 1 }) as string[][];
  if (entete?.join(",") !== COLONNES_UNITES.join(",")) return [`en-tête « ${entete?.join(",")} » — attendu : ${COLONNES_UNITES.join(",")}`];
  const erreurs: string[] = [];
  const vues = new Set<string>();
  (parse(texte, { columns: true }) as Record<string, string>[]).forEach((r, i) => {
    const ou = `ligne ${i + 2} (${r.unite})`;
    if (vues.has(r.unite!)) erreurs.push(`${ou} : unité en double — une ligne par unité`);
    vues.add(r.unite!);
    if (!(REGLES_SECRET as readonly string[]).includes(r.regle_secret!)) erreurs.push(`${ou}, colonne regle_secret : « ${r.regle_secret} » — ${REGLES_SECRET.join(", ")}`);
    for (const colonne of ["par_habitant", "partageable"] as const) {
      if (r[colonne] !== "oui" && r[colonne] !== "non") erreurs.push(`${ou}, colonne ${colonne} : « ${r[colonne]} » — oui ou non`);
    }
    // A rate per inhabitant of a figure that is no count (a mean, a %) would mean nothing, nor would its share.
    if (r.par_habitant === "oui" && r.partageable !== "oui") erreurs.push(`${ou}, colonnes par_habitant et partageable : une unité rapportée à la population compte des personnes, donc s'additionne — partageable à oui`);
  });
  for (const unite of new Set(unitesCatalogue)) {
    if (!vues.has(unite)) erreurs.push(`unité « ${unite} » du catalogue des indicateurs absente — ajoutez sa ligne (regle_secret, par_habitant, partageable, description)`);
  }
  return erreurs;
}

export function verifierUnites(path: string, unitesCatalogue: Iterable<string>): void {
  const erreurs = unitesErrors(path, unitesCatalogue);
  if (erreurs.length) throw new Error(`Référentiel des unités ${path} invalide :\n- ${erreurs.join("\n- ")}`);
}
