// The operators of the internal edition, with their counts of conventions, alerts, files and quarantined rows, for
// the internal home. Refused outside the internal profile (OBS_PROFIL=interne): this file never reaches dist/.
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { operateursInternes } from "../../../pipelines/site/interne.ts";

exigerProfilInterne("data/interne/operateurs.json");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await operateursInternes(connection)));
closeDatabase(connection);
