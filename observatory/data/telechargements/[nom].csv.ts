// indicateurs.csv, indicateurs-excel.csv, catalogue-indicateurs.csv, catalogue-indicateurs-excel.csv
// (parameterised loader: --nom=<file name without .csv>; « -excel »: BOM, « ; », decimal comma).
import { parseArgs } from "node:util";
import { extrait } from "../../../pipelines/site/telechargements.ts";

const { values } = parseArgs({ options: { nom: { type: "string" } } });
const nom = values.nom ?? "";
const excel = nom.endsWith("-excel");
process.stdout.write(await extrait(excel ? nom.slice(0, -"-excel".length) : nom, excel ? "excel" : "csv"));
