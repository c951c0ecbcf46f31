// The indicator catalogue (sources/reference/indicateurs.csv) as the contracts, templates and site read it: the declared
// bilans name their indicators by these ids, their grids list these indicators, and the site's cards, charts and key
// figures take their short label and rank from here (the catalogue is the one place that decides what a sheet opens on).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const CATALOGUE = fileURLToPath(new URL("../../sources/reference/indicateurs.csv", import.meta.url));

/** Cards and chart titles have room for this many characters. */
export const LONGUEUR_LIBELLE_COURT = 60;
/** A sheet opens on this many key figures: enough to say what the scheme does, few enough to read at a glance. */
export const CHIFFRES_CLES_MIN = 3;
export const CHIFFRES_CLES_MAX = 5;

export interface CatalogueEntry {
  fiche: string;
  indicateur: string;
  /** The indicator as the spec words it: shown as the explanation, beside the definition. */
  libelle: string;
  /** The reader-facing name on cards and charts, naming what is counted (people, households, consultations…). */
  libelle_court: string;
  definition: string;
  unite: string;
  tables_source: string;
  /** Breakdown names, « ; »-separated in the file. */
  ventilations: string[];
  /** Rank among the fiche's key figures (1 = first card), null for the others. */
  chiffre_cle: number | null;
}

/** Reads and checks a catalogue file; every problem is listed with its line, column and the fix. */
export function lireCatalogue(path = CATALOGUE): CatalogueEntry[] {
  const texte = readFileSync(path, "utf8");
  const lignes = parse(texte, { columns: true }) as Record<string, string>[];
  // Aggregation and additivity (what the secret links) first, then what readers see (labels, key figures).
  const erreurs: string[] = catalogueErrors(texte, path);
  // Line numbers as a spreadsheet shows them: the header is line 1.
  const entries = lignes.map((r, i) => {
    const ligne = i + 2;
    const court = (r.libelle_court ?? "").trim();
    if (!court) erreurs.push(`ligne ${ligne} (${r.fiche} ${r.indicateur}), colonne libelle_court : vide — écrivez un libellé court (au plus ${LONGUEUR_LIBELLE_COURT} caractères) qui nomme ce qui est compté`);
    else if ([...court].length > LONGUEUR_LIBELLE_COURT) erreurs.push(`ligne ${ligne} (${r.fiche} ${r.indicateur}), colonne libelle_court : ${[...court].length} caractères — raccourcissez-le à ${LONGUEUR_LIBELLE_COURT} au plus (le libellé long reste dans libelle)`);
    const rang = (r.chiffre_cle ?? "").trim();
    let chiffre: number | null = null;
    if (rang) {
      chiffre = Number(rang);
      if (!Number.isInteger(chiffre) || chiffre < 1 || chiffre > CHIFFRES_CLES_MAX) {
        erreurs.push(`ligne ${ligne} (${r.fiche} ${r.indicateur}), colonne chiffre_cle : « ${rang} » — indiquez un rang entier de 1 à ${CHIFFRES_CLES_MAX}, ou laissez vide`);
        chiffre = null;
      }
    }
    return {
      fiche: r.fiche!,
      indicateur: r.indicateur!,
      libelle: r.libelle!,
      libelle_court: court,
      definition: r.definition ?? "",
      unite: r.unite!,
      tables_source: r.tables_source ?? "",
      ventilations: (r.ventilations ?? "").split(";").map((v) => v.trim()).filter(Boolean),
      chiffre_cle: chiffre,
    };
  });
  for (const fiche of [...new Set(entries.map((e) => e.fiche))]) {
    const cles = entries.filter((e) => e.fiche === fiche && e.chiffre_cle !== null);
    if (cles.length < CHIFFRES_CLES_MIN || cles.length > CHIFFRES_CLES_MAX) {
      erreurs.push(`fiche ${fiche}, colonne chiffre_cle : ${cles.length} chiffre(s) clé(s) — donnez un rang à ${CHIFFRES_CLES_MIN} à ${CHIFFRES_CLES_MAX} de ses indicateurs`);
    }
    const rangs = cles.map((e) => e.chiffre_cle);
    for (const rang of new Set(rangs.filter((r, i) => rangs.indexOf(r) !== i))) {
      erreurs.push(`fiche ${fiche}, colonne chiffre_cle : le rang ${rang} est donné à ${cles.filter((e) => e.chiffre_cle === rang).map((e) => e.indicateur).join(" et ")} — un rang par indicateur`);
    }
  }
  if (erreurs.length) throw new Error(`Catalogue des indicateurs ${path} invalide :\n- ${erreurs.join("\n- ")}`);
  return entries;
}

let entries: CatalogueEntry[] | null = null;

export function indicatorCatalogue(): CatalogueEntry[] {
  entries ??= lireCatalogue();
  return entries;
}

/** The fiche's key figures, in rank order. */
export function chiffresClesFiche(fiche: string, catalogue = indicatorCatalogue()): string[] {
  return catalogue
    .filter((e) => e.fiche === fiche && e.chiffre_cle !== null)
    .sort((a, b) => a.chiffre_cle! - b.chiffre_cle!)
    .map((e) => e.indicateur);
}

/** Every indicator id of the catalogue, once (ids repeat across fiches: i01 of 2.4 and i01 of 2.12). */
export function indicatorIds(): string[] {
  return [...new Set(indicatorCatalogue().map((e) => e.indicateur))].sort();
}

/** How mart_indicateurs computes an indicator (the facts macros' `agregation`, and part/taux for shares and rates). */
export const AGREGATIONS = ["distinct", "somme", "moyenne", "mediane", "part", "taux"] as const;
/** Ratios: the only indicators that may name a numerator or denominator, and that no margin adds up. */
const RATIOS = new Set(["moyenne", "mediane", "part", "taux"]);
/**
 * What adds up. `lie_mois`: the secret links a year to its months as their sum (an attacker may assume it);
 * `somme_mois`: the year is the sum of its months in every cell (the same-months cumuls, checked on every build by
 * sql/tests/annees_sommes_des_mois.sql). A distinct count over the year can be linked without being a sum.
 */
const ADDITIFS = ["additif_modalites", "additif_territoires", "lie_mois", "somme_mois"] as const;
/** How the publishing macro (sql/macros/publier_indicateurs.sql) fills a grid cell that no record reaches. */
export const CELLULES_ABSENTES = ["zero", "vide"] as const;

/**
 * The structural columns the statistical secret reads (pipelines/publish/secret.ts), checked line by line: a wrong
 * value there would publish a recoverable cell or mask a publishable one, so the build stops on it.
 */
export function catalogueErrors(text: string, file = "sources/reference/indicateurs.csv"): string[] {
  const records = parse(text, { columns: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const codes = new Set(records.map(({ record: r }) => `${r.fiche}|${r.indicateur}`));
  const errors: string[] = [];
  const fail = (line: number, column: string, message: string) => errors.push(`${file}, ligne ${line}, colonne ${column} : ${message}`);
  for (const { record: r, info } of records) {
    const line = info.lines;
    const agregation = r.agregation ?? "";
    if (!(AGREGATIONS as readonly string[]).includes(agregation)) {
      fail(line, "agregation", `« ${agregation} » n'est pas une agrégation connue : écrivez ${AGREGATIONS.join(", ")}.`);
    }
    for (const column of ADDITIFS) {
      const value = r[column] ?? "";
      if (value !== "oui" && value !== "non") fail(line, column, `« ${value} » : écrivez oui ou non.`);
      else if (value === "oui" && RATIOS.has(agregation)) fail(line, column, `un indicateur « ${agregation} » ne s'additionne pas : écrivez non.`);
    }
    if (r.somme_mois === "oui" && r.lie_mois === "non") {
      fail(line, "lie_mois", "une année somme de ses mois (somme_mois = oui) doit être liée à ses mois par le secret : écrivez oui, sinon un mois masqué se retrouve par soustraction.");
    }
    const absente = r.cellule_absente ?? "";
    if (!(CELLULES_ABSENTES as readonly string[]).includes(absente)) {
      fail(line, "cellule_absente", `« ${absente} » : écrivez zero (rien ne s'est passé se publie 0) ou vide (pas de ligne sans enregistrement).`);
    } else if (absente === "zero" && RATIOS.has(agregation)) {
      fail(line, "cellule_absente", `un indicateur « ${agregation} » n'a pas de valeur sans enregistrement : écrivez vide.`);
    }
    for (const column of ["numerateur", "denominateur"] as const) {
      const value = r[column] ?? "";
      if (!value) continue;
      if (!RATIOS.has(agregation)) fail(line, column, `seul un ratio (${[...RATIOS].join(", ")}) a un ${column} : videz la case ou corrigez l'agrégation.`);
      else if (!codes.has(`${r.fiche}|${value}`)) fail(line, column, `« ${value} » n'est pas un indicateur de la fiche ${r.fiche} : écrivez le code d'un indicateur du catalogue de la même fiche.`);
    }
  }
  return errors;
}
