// The data dictionary, derived from the report contracts (the same words as the operators' templates).
import { REPORTS } from "../../pipelines/contracts/index.ts";
import { exemplePublic, tableSchemaPublic } from "../../pipelines/extracts.ts";
import { blockingText, KIND_LABELS, requirementText, valuesText } from "../../pipelines/templates/notice.ts";

const dictionnaire = REPORTS.map((report) => ({
  table: report.table,
  titre: report.titre,
  description: report.description,
  producteur: report.producer === "operateur" ? "opérateur" : "Département",
  cle: report.key.join(", "),
  colonnes: report.columnList
    .filter((c) => !c.personal)
    .map((c) => ({
      colonne: c.name,
      description: c.description ? `${c.label}. ${c.description}` : c.label,
      obligation: requirementText(c),
      valeur_illisible: blockingText(c),
      type: KIND_LABELS[c.kind],
      valeurs: valuesText(c),
      // No identifier value, even as an example: the demonstration data may hold it (pipelines/extracts.ts).
      exemple: exemplePublic(c.name, c.example),
    })),
  tableSchema: tableSchemaPublic(report),
}));
process.stdout.write(JSON.stringify(dictionnaire));
