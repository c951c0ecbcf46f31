// indicateurs.parquet, catalogue-indicateurs.parquet (DuckDB COPY … (FORMAT parquet)).
import { parseArgs } from "node:util";
import { extrait } from "../../../pipelines/site/telechargements.ts";

const { values } = parseArgs({ options: { nom: { type: "string" } } });
process.stdout.write(await extrait(values.nom ?? "", "parquet"));
