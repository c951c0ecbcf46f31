// Table Schema (JSON) of a published table: indicateurs.schema.json, catalogue-indicateurs.schema.json.
import { parseArgs } from "node:util";
import { schema } from "../../../pipelines/site/telechargements.ts";

const { values } = parseArgs({ options: { nom: { type: "string" } } });
process.stdout.write(await schema(values.nom ?? ""));
