// The rule checks' alerts (mart_alertes), for the internal « Alertes » page. Refused outside the internal profile
// (OBS_PROFIL=interne): this file never reaches dist/.
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { alertes } from "../../../pipelines/site/interne.ts";

exigerProfilInterne("data/interne/alertes.json");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await alertes(connection)));
closeDatabase(connection);
