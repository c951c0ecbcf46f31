// Expected submissions against what arrived (mart_envois_suivi), for the internal « Suivi des envois » page:
// operator-level detail, refused outside the internal profile (OBS_PROFIL=interne).
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../pipelines/site/database.ts";
import { suiviEnvois } from "../../../pipelines/site/envois.ts";

exigerProfilInterne("data/interne/envois.json");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await suiviEnvois(connection)));
closeDatabase(connection);
