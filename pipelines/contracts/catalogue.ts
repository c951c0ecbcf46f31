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
  const lignes = parse(readFileSync(path, "utf8"), { columns: true }) as Record<string, string>[];
  const erreurs: string[] = [];
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
