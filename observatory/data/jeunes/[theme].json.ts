// One youth thematic sheet's data (observatory/jeunes/thematiques/[theme].md.ts), run with --theme=<slug>.
import { parseArgs } from "node:util";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { donneesJeunes } from "../../../pipelines/site/jeunes.ts";

const { values } = parseArgs({ options: { theme: { type: "string" } } });
if (!values.theme) throw new Error("Paramètre --theme manquant");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await donneesJeunes(connection, values.theme)));
closeDatabase(connection);
