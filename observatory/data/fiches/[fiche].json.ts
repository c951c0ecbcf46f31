// One fiche's published figures, catalogue and labels, for its thematic sheet (observatory/fiches/[fiche].md.ts).
// Framework runs this once per fiche with --fiche=<code> (a parameterised data loader).
import { parseArgs } from "node:util";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { donneesFiche } from "../../../pipelines/site/fiches.ts";

const { values } = parseArgs({ options: { fiche: { type: "string" } } });
if (!values.fiche) throw new Error("Paramètre --fiche manquant");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await donneesFiche(connection, values.fiche)));
closeDatabase(connection);
