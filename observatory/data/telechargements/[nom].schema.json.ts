// Table Schema (JSON) of a published file: the pipeline's own (build/extraits/dictionnaire/<nom>.schema.json), copied.
import { parseArgs } from "node:util";
import { fichierExtrait } from "../../../pipelines/site/telechargements.ts";

const { values } = parseArgs({ options: { nom: { type: "string" } } });
process.stdout.write(fichierExtrait(`dictionnaire/${values.nom}.schema.json`));
