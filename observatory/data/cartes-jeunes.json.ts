// The youth indicators of fiche 2.9 by territory, EPCI and commune (latest year): the youth maps (observatory/jeunes/cartes.md).
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { donneesCartes } from "../../pipelines/site/cartes.ts";

const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await donneesCartes(connection, { fiches: ["f2_9_observatoire_jeunes"], indicateurs: (id) => /^(x02|x03|y0)/.test(id) })));
closeDatabase(connection);
