// What one operator is sent back (`npm run retours`): its refused rows with their reasons and the values read (the
// quarantine, where personal columns were already hashed or left empty at ingest), its alerts with the rule's name
// and what to do (mart_alertes), and its submissions to send (mart_envois_suivi). Every query filters on the one
// operator code: nothing of another operator can reach its workbook.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";
import type { QuarantaineRow } from "../db/schema.ts";
import { REPORTS } from "../contracts/index.ts";
import { aRelancer } from "../../observatory/components/envois.ts";
import type { EnvoiSuivi } from "../site/envois.ts";

/** A refused row as the quarantine keeps it (the value read is already hashed or empty for a personal column). */
export type LigneRefusee = Omit<QuarantaineRow, "fichier">;

export interface AlerteOperateur {
  fiche: string;
  regle: string;
  libelle_regle: string;
  signification_regle: string;
  severite: string;
  id_convention: string | null;
  id_enregistrement: string;
  detail: string | null;
}

export interface RetourOperateur {
  code_operateur: string;
  date_reference: string | null;
  refusees: LigneRefusee[];
  alertes: AlerteOperateur[];
  envois: EnvoiSuivi[];
}

/** The Département's own tables (conventions, payments): their files are not an operator's to correct. */
const TABLES_DEPARTEMENT = REPORTS.filter((r) => r.producer !== "operateur").map((r) => r.table);

/** The operators to write to: those with a file of theirs in the ledger, an alert or an expected submission. */
export async function operateursARetourner(connection: DuckDBConnection): Promise<string[]> {
  const lignes = await query<{ code_operateur: string }>(
    connection,
    `SELECT code_operateur FROM raw.fichiers
     WHERE code_operateur IS NOT NULL AND (table_rapport IS NULL OR table_rapport NOT IN (${TABLES_DEPARTEMENT.map((t) => `'${t}'`).join(", ")}))
     UNION SELECT code_operateur FROM mart_alertes WHERE code_operateur IS NOT NULL
     UNION SELECT code_operateur FROM mart_envois_suivi
     ORDER BY 1`,
  );
  return lignes.map((l) => l.code_operateur);
}

/** Every operator code the database knows: the conventions' and the ledger's. */
async function codesOperateurs(connection: DuckDBConnection): Promise<string[]> {
  const lignes = await query<{ code: string }>(
    connection,
    "SELECT code_operateur AS code FROM staging_conventions UNION SELECT code_operateur FROM raw.fichiers WHERE code_operateur IS NOT NULL UNION SELECT code_operateur FROM mart_alertes",
  );
  return lignes.map((l) => l.code);
}

/** An operator code as a token of a text: not inside a longer code (« ASSO-1 » is not in « ASSO-10 »). */
export function motifCode(code: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`, "g");
}

export const AUTRE_OPERATEUR = "(autre opérateur)";

/**
 * Another operator's code inside one's own texts — a 2.9 r01 alert names the other holder of a convention, with
 * its convention id — is replaced by « (autre opérateur) »: the workbook goes to this operator alone.
 */
function sansAutres<T extends object>(ligne: T, operateur: string, autres: RegExp[]): T {
  // The operator's own code is set aside first, so that a shorter code inside it (« ARTOIS-01 » in « ASSO-ARTOIS-01 ») stays.
  const propre = motifCode(operateur);
  const copie = { ...ligne } as Record<string, unknown>;
  for (const [cle, v] of Object.entries(copie)) {
    if (typeof v !== "string") continue;
    const mis = v.replace(propre, "\u0000");
    copie[cle] = autres.reduce((t, m) => t.replace(m, AUTRE_OPERATEUR), mis).replaceAll("\u0000", operateur);
  }
  return copie as T;
}

export async function retourOperateur(connection: DuckDBConnection, operateur: string): Promise<RetourOperateur> {
  const autres = (await codesOperateurs(connection)).filter((c) => c !== operateur).map(motifCode);
  const refusees = await query<LigneRefusee>(
    connection,
    `SELECT q.nom_fichier, q.table_rapport, q.ligne, q.colonne, q.valeur_brute, q.motif
     FROM raw.quarantaine AS q JOIN raw.fichiers AS f USING (fichier)
     WHERE f.code_operateur = ?
     ORDER BY q.nom_fichier, q.ligne, q.colonne`,
    [operateur],
  );
  const alertes = await query<AlerteOperateur>(
    connection,
    `SELECT fiche, regle, libelle_regle, signification_regle, severite, id_convention, id_enregistrement, detail
     FROM mart_alertes WHERE code_operateur = ?
     ORDER BY CASE severite WHEN 'erreur' THEN 0 WHEN 'avertissement' THEN 1 ELSE 2 END, fiche, regle, id_enregistrement`,
    [operateur],
  );
  const envois = await query<EnvoiSuivi>(
    connection,
    `SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, CAST(echeance AS VARCHAR) AS echeance,
            CAST(recu_le AS VARCHAR) AS recu_le, statut, jours_retard, envois, renvois
     FROM mart_envois_suivi WHERE code_operateur = ?
     ORDER BY jours_retard DESC NULLS LAST, echeance, nature, objet`,
    [operateur],
  );
  const [ref] = await query<{ d: string | null }>(connection, "SELECT CAST(max(date_reference) AS VARCHAR) AS d FROM ref.date_reference");
  return {
    code_operateur: operateur,
    date_reference: ref?.d ?? null,
    refusees: refusees.map((r) => sansAutres(r, operateur, autres)),
    alertes: alertes.map((a) => sansAutres(a, operateur, autres)),
    envois: envois.filter(aRelancer).map((e) => sansAutres(e, operateur, autres)),
  };
}
