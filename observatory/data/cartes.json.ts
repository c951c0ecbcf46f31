// Every indicator published by MDS or Logement d'abord territory, EPCI or commune (latest year), with the territories'
// names and populations: the maps page (observatory/cartes.md).
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { donneesCartes } from "../../pipelines/site/cartes.ts";

const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await donneesCartes(connection)));
closeDatabase(connection);
