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
