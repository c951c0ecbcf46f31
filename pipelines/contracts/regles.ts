// The rule catalogue (sources/reference/regles.csv): one row per rule of each fiche's « règles vérifiables », where the
// spec writes it. Checked at every load, like the indicator catalogue: the alerts pages show its labels, and the
// SQL (int_regles, mart_alertes) trusts its codes, severities and the model each row names.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { FICHES } from "./dimensions.ts";

export const COLONNES_REGLES = ["fiche", "regle", "libelle", "signification", "severite", "autres_severites", "aussi_pour", "modele", "verifiable", "raison"] as const;
export const SEVERITES = ["erreur", "avertissement", "info"] as const;
/** Tables and filters have room for this many characters. */
export const LONGUEUR_LIBELLE_REGLE = 80;
/** The declared-bilan checks apply to every fiche. */
export const TOUTES_FICHES = "toutes";
/** A Logement d'abord monthly count for a measure absent from every measures file has no fiche (mart_lda_alertes r07). */
export const FICHE_INCONNUE = "inconnue";

/** Every problem of a rules file, with its line (header = line 1), column and the fix; empty when it is sound. */
export function reglesErrors(path: string): string[] {
  const texte = readFileSync(path, "utf8");
  const [entete] = parse(texte, { to_line: 1 }) as string[][];
  if (entete?.join(",") !== COLONNES_REGLES.join(",")) return [`en-tête « ${entete?.join(",")} » — attendu : ${COLONNES_REGLES.join(",")}`];
  const fiches = new Set<string>([...FICHES, TOUTES_FICHES]);
  const vues = new Set<string>();
  const erreurs: string[] = [];
  (parse(texte, { columns: true }) as Record<string, string>[]).forEach((r, i) => {
    const ou = `ligne ${i + 2} (${r.fiche} ${r.regle})`;
    if (!fiches.has(r.fiche!)) erreurs.push(`${ou}, colonne fiche : « ${r.fiche} » inconnue — une fiche de ref.fiches ou « ${TOUTES_FICHES} »`);
    if (!/^(r\d{2}|declare_[a-z_]+)$/.test(r.regle!)) erreurs.push(`${ou}, colonne regle : « ${r.regle} » — un code r01, r02… de la fiche`);
    if (vues.has(`${r.fiche}/${r.regle}`)) erreurs.push(`${ou} : règle en double — une ligne par règle`);
    vues.add(`${r.fiche}/${r.regle}`);
    const libelle = (r.libelle ?? "").trim();
    if (!libelle || [...libelle].length > LONGUEUR_LIBELLE_REGLE) erreurs.push(`${ou}, colonne libelle : ${[...libelle].length} caractères — un nom de 1 à ${LONGUEUR_LIBELLE_REGLE} caractères`);
    if (!(r.signification ?? "").trim()) erreurs.push(`${ou}, colonne signification : vide — dire ce que la règle vérifie et quoi faire`);
    for (const s of [r.severite, ...(r.autres_severites ?? "").split(" ").filter(Boolean)]) {
      if (!(SEVERITES as readonly string[]).includes(s ?? "")) erreurs.push(`${ou}, colonne severite/autres_severites : « ${s} » — ${SEVERITES.join(", ")}`);
    }
    for (const f of (r.aussi_pour ?? "").split(" ").filter(Boolean)) {
      if (!(FICHES as readonly string[]).includes(f) && f !== FICHE_INCONNUE) erreurs.push(`${ou}, colonne aussi_pour : fiche « ${f} » inconnue — une fiche de ref.fiches ou « ${FICHE_INCONNUE} »`);
    }
    if (r.verifiable === "oui") {
      if (!r.modele || !existsSync(resolve(r.modele))) erreurs.push(`${ou}, colonne modele : « ${r.modele ?? ""} » introuvable — le fichier sql/mart_…_alertes.sql qui la vérifie`);
    } else if (r.verifiable === "non") {
      if (r.modele) erreurs.push(`${ou}, colonne modele : une règle non vérifiable ne nomme pas de modèle — videz la colonne ou mettez verifiable à oui`);
      if (!(r.raison ?? "").trim()) erreurs.push(`${ou}, colonne raison : vide — dire pourquoi les données ne la vérifient pas`);
    } else erreurs.push(`${ou}, colonne verifiable : « ${r.verifiable} » — oui ou non`);
  });
  return erreurs;
}

export function verifierRegles(path: string): void {
  const erreurs = reglesErrors(path);
  if (erreurs.length) throw new Error(`Catalogue des règles ${path} invalide :\n- ${erreurs.join("\n- ")}`);
}
