// The ledger of received files and their quarantined rows, for the internal « Fichiers reçus » page: file and
// operator names, row numbers — operator-level detail, refused outside the internal profile (OBS_PROFIL=interne).
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { suiviFichiers } from "../../../pipelines/site/ingestion.ts";

exigerProfilInterne("data/interne/fichiers.json");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await suiviFichiers(connection)));
closeDatabase(connection);
