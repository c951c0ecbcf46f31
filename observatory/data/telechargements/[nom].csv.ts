// <nom>.csv of the downloads page: the pipeline's extract itself, copied (parameterised loader: --nom=<file name without .csv>).
import { parseArgs } from "node:util";
import { fichierExtrait } from "../../../pipelines/site/telechargements.ts";

const { values } = parseArgs({ options: { nom: { type: "string" } } });
process.stdout.write(fichierExtrait(`${values.nom}.csv`));
