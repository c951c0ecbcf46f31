// Every youth thematic sheet's data (pipelines/site/jeunes.ts): the synthesis and the full report of observatory/jeunes/.
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { donneesJeunes } from "../../pipelines/site/jeunes.ts";

const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await donneesJeunes(connection)));
closeDatabase(connection);
