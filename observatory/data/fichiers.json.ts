// The ledger of received files and their quarantined rows, for the « Fichiers reçus » page.
import { openSiteDatabase } from "../../pipelines/site/database.ts";
import { suiviFichiers } from "../../pipelines/site/ingestion.ts";

const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await suiviFichiers(connection)));
connection.closeSync();
