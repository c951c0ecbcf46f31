// The label columns of the extracts (libelle_indicateur, libelle_periode, libelle_territoire, libelle_ventilation, libelle_modalite),
// from the very sources the site names codes with (pipelines/site/libelles.ts, libellesTerritoires, the catalogue's
// libelle_court), loaded as temporary tables so that DuckDB writes the files. A code no source names stops the run:
// a partner must never find a raw code in a label column.
import type { DuckDBConnection } from "@duckdb/node-api";
import { libelleModalite } from "../../observatory/components/donnees.ts";
import { libellePeriode } from "../../observatory/components/periodes.ts";
import { query } from "../db/duckdb.ts";
import { libellesTerritoires } from "../site/fiches.ts";
import { modalitesDe, VENTILATIONS } from "../site/libelles.ts";

export const TABLE_LIBELLES = {
  periodes: "extrait_libelles_periodes",
  territoires: "extrait_libelles_territoires",
  ventilations: "extrait_libelles_ventilations",
  modalites: "extrait_libelles_modalites",
} as const;

async function remplir(connection: DuckDBConnection, table: string, colonnes: string[], lignes: string[][]): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} (${colonnes.map((c) => `${c} VARCHAR`).join(", ")})`);
  const appender = await connection.createAppender(table, "main", "temp");
  for (const ligne of lignes) {
    for (const v of ligne) appender.appendVarchar(v);
    appender.endRow();
  }
  appender.closeSync();
}

/** A modality has a label of its own when each of its parts (« F|18_25 », « fragile>equilibree ») has one. */
function nommee(modalites: Record<string, Record<string, string>>, ventilation: string, code: string): boolean {
  if (code === "ensemble") return true;
  return code.split(/[|>]/).every((partie) => Object.values(modalites).some((carte) => carte[partie] !== undefined) || /^\d+$/.test(partie));
}

/** Creates the three label tables for the rows of `source` (fiche, indicateur, territoire, ventilation, modalite…). */
export async function preparerLibelles(connection: DuckDBConnection, source: string): Promise<void> {
  const periodes = await query<{ periode: string }>(connection, `SELECT DISTINCT periode FROM ${source} ORDER BY ALL`);
  await remplir(connection, TABLE_LIBELLES.periodes, ["periode", "libelle"], periodes.map((p) => [p.periode, libellePeriode(p.periode)]));
  const territoires = await libellesTerritoires(connection);
  await remplir(connection, TABLE_LIBELLES.territoires, ["niveau", "code", "libelle"], territoires.map((t) => [t.niveau, t.code, t.libelle]));
  await remplir(connection, TABLE_LIBELLES.ventilations, ["ventilation", "libelle"], [["ensemble", "Ensemble"], ...Object.entries(VENTILATIONS)]);
  const paires = await query<{ ventilation: string; modalite: string }>(connection, `SELECT DISTINCT ventilation, modalite FROM ${source} ORDER BY ALL`);
  const modalites = await modalitesDe(connection, paires);
  const sansLibelle = paires.filter((p) => !nommee(modalites, p.ventilation, p.modalite));
  if (sansLibelle.length) {
    throw new Error(
      `Extraits : ${sansLibelle.length} modalité(s) sans libellé dans ${source}, par exemple ` +
        `${sansLibelle.slice(0, 5).map((p) => `${p.ventilation} = ${p.modalite}`).join(", ")}. ` +
        "Ajoutez leur libellé dans pipelines/contracts/libelles-codes.ts (ou les valueLabels du contrat de la colonne).",
    );
  }
  await remplir(connection, TABLE_LIBELLES.modalites, ["ventilation", "modalite", "libelle"], paires.map((p) => [p.ventilation, p.modalite, libelleModalite(modalites, p.ventilation, p.modalite)]));
}
