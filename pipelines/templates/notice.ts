// French explanation of each column, derived from the contract: the same words serve the XLSX
// notice, the data dictionary and the site.
import type { ColumnMeta } from "../contracts/columns.ts";

export const KIND_LABELS: Record<ColumnMeta["kind"], string> = {
  str: "texte",
  int: "nombre entier",
  dec: "nombre décimal (virgule acceptée)",
  date: "date JJ/MM/AAAA ou AAAA-MM-JJ",
  month: "mois AAAA-MM",
  week: "semaine ISO AAAA-Wss",
  bool: "Oui / Non",
  enum: "un code de la liste",
  list: "codes de la liste séparés par |",
  commune: "code INSEE de la commune (ou son nom)",
  epci: "numéro SIREN de l'EPCI (ou son nom)",
};

export const REQUIREMENT_LABELS = { R: "obligatoire", O: "facultative", C: "conditionnelle" } as const;

export function requirementText(c: ColumnMeta): string {
  return c.req === "C" && c.condition ? `conditionnelle : ${c.condition}` : REQUIREMENT_LABELS[c.req];
}

/** What an unreadable value of the column does: the blocking rule of the contracts (columns.ts `blocking`). */
export function blockingText(c: ColumnMeta & { bloquante: boolean }): string {
  if (c.bloquante) return "bloquante : une valeur illisible refuse la ligne";
  const empty = c.req === "R" ? "lue « non renseigné »" : "laissée vide";
  return `non bloquante : une valeur illisible est ignorée (${empty}) avec un avertissement, la ligne est chargée`;
}

export function valuesText(c: ColumnMeta): string {
  if (!c.values) return "";
  return c.values.map((v) => (c.valueLabels?.[v] ? `${v} (${c.valueLabels[v]})` : v)).join(", ");
}
