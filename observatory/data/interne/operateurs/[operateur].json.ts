// One operator's conventions and amounts, alerts, files and quarantined rows, expected submissions and files' history, for its internal page
// (observatory/interne/operateurs/[operateur].md.ts). Framework runs it once per operator with --operateur=<code>;
// refused outside the internal profile (OBS_PROFIL=interne).
import { parseArgs } from "node:util";
import { exigerProfilInterne } from "../../../../pipelines/site/profil.ts";
import { closeDatabase, openSiteDatabase } from "../../../../pipelines/site/database.ts";
import { historiqueOperateur, suiviEnvois } from "../../../../pipelines/site/envois.ts";
import { ficheOperateur } from "../../../../pipelines/site/interne.ts";

const { values } = parseArgs({ options: { operateur: { type: "string" } } });
exigerProfilInterne(`data/interne/operateurs/${values.operateur ?? ""}.json`);
if (!values.operateur) throw new Error("Paramètre --operateur manquant");
const connection = await openSiteDatabase();
const fiche = await ficheOperateur(connection, values.operateur);
// Its expected submissions, its files' history over the runs and its quality trend (issue 17 points 2 and 4).
const { envois } = await suiviEnvois(connection, values.operateur);
process.stdout.write(JSON.stringify({ ...fiche, envois, historique: await historiqueOperateur(connection, values.operateur) }));
closeDatabase(connection);
