// `npm run retours`: one feedback workbook per operator in build/retours/ (retours-<code opérateur>.xlsx), from the
// current database: what to fix (refused rows), what to check (alerts), what to send (missing submissions). The
// folder is written aside and swapped in whole, so it never mixes two runs' workbooks.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { closeDatabase, DEFAULT_DATABASE, openDatabase } from "../db/duckdb.ts";
import { acquireRunLock, BUILD } from "../outputs.ts";
import { aside, swapIn } from "../swap.ts";
import { classeurRetour } from "./classeur.ts";
import { operateursARetourner, retourOperateur } from "./donnees.ts";

export const RETOURS = join(BUILD, "retours");

/** A file name from an operator code: the code as is when it is made of letters, digits, « - » and « _ ». */
export function nomClasseur(operateur: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(operateur)) throw new Error(`code opérateur « ${operateur} » : caractères hors lettres, chiffres, - et _ ; impossible d'en faire un nom de fichier sûr`);
  return `retours-${operateur}.xlsx`;
}

export async function ecrireRetours(connection: DuckDBConnection, dossier: string): Promise<{ operateur: string; fichier: string; refusees: number; alertes: number; envois: number }[]> {
  mkdirSync(dossier, { recursive: true });
  const ecrits = [];
  for (const operateur of await operateursARetourner(connection)) {
    const retour = await retourOperateur(connection, operateur);
    const fichier = join(dossier, nomClasseur(operateur));
    await classeurRetour(retour).xlsx.writeFile(fichier);
    ecrits.push({ operateur, fichier, refusees: retour.refusees.length, alertes: retour.alertes.length, envois: retour.envois.length });
  }
  return ecrits;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!existsSync(DEFAULT_DATABASE)) {
    log(`Base introuvable : ${DEFAULT_DATABASE}. Lancer d'abord « npm run pipeline ».`);
    process.exit(1);
  }
  // The run lock: a pipeline installing a new database meanwhile would mix two runs in the workbooks.
  const release = acquireRunLock();
  const connection = await openDatabase(DEFAULT_DATABASE, { readOnly: true });
  const dossier = aside(RETOURS);
  rmSync(dossier, { recursive: true, force: true });
  try {
    const ecrits = await ecrireRetours(connection, dossier);
    swapIn(RETOURS);
    for (const e of ecrits) log(`  ${e.operateur.padEnd(20)} ${String(e.refusees).padStart(6)} lignes refusées ${String(e.alertes).padStart(5)} alertes ${String(e.envois).padStart(4)} envois à transmettre`);
    log(`${ecrits.length} classeurs de retour dans ${RETOURS}`);
  } catch (error) {
    rmSync(dossier, { recursive: true, force: true });
    log(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    closeDatabase(connection);
    release();
  }
}
