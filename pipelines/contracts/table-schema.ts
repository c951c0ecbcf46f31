// Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) of each report table,
// derived from its contract: the machine-readable half of the data dictionary.
import type { ColumnMeta } from "./columns.ts";
import type { AnyReport } from "./index.ts";

const TYPES: Record<ColumnMeta["kind"], { type: string; format?: string }> = {
  str: { type: "string" },
  int: { type: "integer" },
  dec: { type: "number" },
  date: { type: "date" },
  month: { type: "yearmonth" },
  week: { type: "string" },
  bool: { type: "boolean" },
  enum: { type: "string" },
  list: { type: "string" },
  commune: { type: "string" },
  epci: { type: "string" },
};

export function tableSchema(report: AnyReport) {
  return {
    name: report.table,
    title: report.titre,
    description: report.description,
    primaryKey: [...report.key],
    fields: report.columnList
      .filter((c) => !c.personal)
      .map((c) => ({
        name: c.name,
        title: c.label,
        description:
          [
            c.description,
            c.condition && `Obligatoire si : ${c.condition}.`,
            c.kind === "list" && "Plusieurs codes séparés par « | ».",
            c.bloquante ? "Colonne bloquante : une valeur illisible refuse la ligne." : "Colonne non bloquante : une valeur illisible est ignorée avec un avertissement et la ligne est chargée.",
          ]
            .filter(Boolean)
            .join(" ") || undefined,
        // Not a Table Schema property: the project's own, read by whoever checks a file against this schema.
        bloquante: c.bloquante,
        ...TYPES[c.kind],
        example: c.example,
        constraints: {
          ...(c.req === "R" ? { required: true } : {}),
          ...(c.kind === "enum" ? { enum: [...c.values!] } : {}),
          ...(c.kind === "week" ? { pattern: "^\\d{4}-W\\d{2}$" } : {}),
          ...(c.kind === "commune" ? { pattern: "^62\\d{3}$" } : {}),
          ...(c.kind === "epci" ? { pattern: "^\\d{9}$" } : {}),
          ...(c.min !== undefined ? { minimum: c.min } : {}),
          ...(c.max !== undefined ? { maximum: c.max } : {}),
        },
      })),
  };
}
