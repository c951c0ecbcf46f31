// The home page's key figures (last year, four Logement d'abord fiches, whole département).
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { chiffresCles } from "../../pipelines/site/lda.ts";

const connection = await openSiteDatabase();
process.stdout.write(JSON.stringify(await chiffresCles(connection)));
closeDatabase(connection);
