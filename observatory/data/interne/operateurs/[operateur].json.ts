// One operator's conventions and amounts, alerts, files and quarantined rows, for its internal page
// (observatory/interne/operateurs/[operateur].md.ts). Framework runs it once per operator with --operateur=<code>;
// refused outside the internal profile (OBS_PROFIL=interne).
import { parseArgs } from "node:util";
import { exigerProfilInterne } from "../../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../../pipelines/site/database.ts";
import { ficheOperateur } from "../../../../pipelines/site/interne.ts";

const { values } = parseArgs({ options: { operateur: { type: "string" } } });
exigerProfilInterne(`data/interne/operateurs/${values.operateur ?? ""}.json`);
if (!values.operateur) throw new Error("Paramètre --operateur manquant");
const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await ficheOperateur(connection, values.operateur)));
closeDatabase(connection);
