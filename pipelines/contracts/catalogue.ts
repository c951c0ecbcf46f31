// The indicator catalogue (sources/reference/indicateurs.csv) as the contracts and templates read it: the declared
// bilans name their indicators by these ids, and their grids list these indicators.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const CATALOGUE = fileURLToPath(new URL("../../sources/reference/indicateurs.csv", import.meta.url));

export interface CatalogueEntry {
  fiche: string;
  indicateur: string;
  libelle: string;
  definition: string;
  unite: string;
  tables_source: string;
  /** Breakdown names, « ; »-separated in the file. */
  ventilations: string[];
}

let entries: CatalogueEntry[] | null = null;

export function indicatorCatalogue(): CatalogueEntry[] {
  entries ??= (parse(readFileSync(CATALOGUE, "utf8"), { columns: true }) as Record<string, string>[]).map((r) => ({
    fiche: r.fiche!,
    indicateur: r.indicateur!,
    libelle: r.libelle!,
    definition: r.definition ?? "",
    unite: r.unite!,
    tables_source: r.tables_source ?? "",
    ventilations: (r.ventilations ?? "").split(";").map((v) => v.trim()).filter(Boolean),
  }));
  return entries;
}

/** Every indicator id of the catalogue, once (ids repeat across fiches: i01 of 2.4 and i01 of 2.12). */
export function indicatorIds(): string[] {
  return [...new Set(indicatorCatalogue().map((e) => e.indicateur))].sort();
}

/** How mart_indicateurs computes an indicator (the facts macros' `agregation`, and part/taux for shares and rates). */
export const AGREGATIONS = ["distinct", "somme", "moyenne", "mediane", "part", "taux"] as const;
/** Ratios: the only indicators that may name a numerator or denominator, and that no margin adds up. */
const RATIOS = new Set(["moyenne", "mediane", "part", "taux"]);
const ADDITIFS = ["additif_modalites", "additif_territoires", "additif_mois"] as const;

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
    for (const column of ["numerateur", "denominateur"] as const) {
      const value = r[column] ?? "";
      if (!value) continue;
      if (!RATIOS.has(agregation)) fail(line, column, `seul un ratio (${[...RATIOS].join(", ")}) a un ${column} : videz la case ou corrigez l'agrégation.`);
      else if (!codes.has(`${r.fiche}|${value}`)) fail(line, column, `« ${value} » n'est pas un indicateur de la fiche ${r.fiche} : écrivez le code d'un indicateur du catalogue de la même fiche.`);
    }
  }
  return errors;
}
