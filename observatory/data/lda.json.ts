// Everything the Logement d'abord sheet shows: yearly and monthly figures, the indicator catalogue, labels.
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { catalogue, chiffresClesLda, lignesAnnuelles, lignesMensuelles, territoires } from "../../pipelines/site/lda.ts";
import { FICHES_LDA, modalitesDe, VENTILATIONS } from "../../pipelines/site/libelles.ts";

/** Column-wise, so the repeated keys of thousands of rows are not shipped to the browser. */
function enColonnes<T extends object>(rows: T[]): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0] ?? {})) columns[key] = rows.map((r) => r[key as keyof T]);
  return columns;
}

const connection = await openSiteDatabase();
const annuel = await lignesAnnuelles(connection);
process.stdout.write(
  JSON.stringify({
    fiches: FICHES_LDA,
    annees: [...new Set(annuel.map((l) => l.periode))].sort(),
    catalogue: await catalogue(connection),
    chiffresCles: chiffresClesLda(),
    territoires: await territoires(connection),
    ventilations: VENTILATIONS,
    modalites: await modalitesDe(connection, annuel),
    annuel: enColonnes(annuel),
    mensuel: enColonnes(await lignesMensuelles(connection)),
  }),
);
closeDatabase(connection);
