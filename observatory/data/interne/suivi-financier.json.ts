// Financing by fiche, operator and convention, for the internal « Suivi financier » page. Refused outside the
// internal profile (OBS_PROFIL=interne): this file never reaches dist/.
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { suiviFinancier } from "../../../pipelines/site/interne.ts";

exigerProfilInterne("data/interne/suivi-financier.json");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await suiviFinancier(connection)));
closeDatabase(connection);
