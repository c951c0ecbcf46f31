// What the internal « Suivi des envois » page and the operator pages read about submissions: expected vs received
// (mart_envois_suivi), each file's history over the runs (raw.fichiers_historique) and the quality trend (share of
// rows refused, by month of the files' period). Operator-level detail: refused outside the internal profile.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";
import { exigerProfilInterne } from "./profil.ts";

export interface EnvoiSuivi {
  code_operateur: string;
  fiche: string;
  id_convention: string | null;
  nature: string;
  document: string;
  libelle_document: string;
  objet: string;
  echeance: string;
  recu_le: string | null;
  statut: string;
  jours_retard: number | null;
  envois: number;
  renvois: number;
}

/** Every expected submission (of one operator when given), the most overdue first; and the run's reference date. */
export async function suiviEnvois(connection: DuckDBConnection, operateur?: string): Promise<{ date_reference: string | null; envois: EnvoiSuivi[] }> {
  exigerProfilInterne("Suivi des envois");
  const envois = await query<EnvoiSuivi>(
    connection,
    `SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, CAST(echeance AS VARCHAR) AS echeance,
            CAST(recu_le AS VARCHAR) AS recu_le, statut, jours_retard, envois, renvois
     FROM mart_envois_suivi
     ${operateur === undefined ? "" : "WHERE code_operateur = ?"}
     ORDER BY CASE statut WHEN 'manquant' THEN 0 WHEN 'refuse' THEN 1 WHEN 'en_retard' THEN 2 WHEN 'a_venir' THEN 3 ELSE 4 END,
              jours_retard DESC NULLS LAST, echeance, code_operateur, nature, objet`,
    operateur === undefined ? [] : [operateur],
  );
  const [ref] = await query<{ d: string }>(connection, "SELECT CAST(date_reference AS VARCHAR) AS d FROM ref.date_reference");
  return { date_reference: ref?.d ?? null, envois };
}

export interface EtapeFichier {
  nom: string;
  execution: string;
  statut: string;
  lignes_lues: number;
  lignes_rejetees: number;
}

export interface QualiteMois {
  mois: string;
  fichiers: number;
  lignes_lues: number;
  lignes_rejetees: number;
  part_rejetee: number | null;
}

/**
 * One operator's files over the runs: each file's outcome when it changed (the runs that only repeated it are left
 * out), and the share of rows refused per month of the files' period, every file sent counted once (its latest
 * outcome: a replaced file's refusals count — the operator sent them).
 */
export async function historiqueOperateur(connection: DuckDBConnection, operateur: string): Promise<{ etapes: EtapeFichier[]; qualite: QualiteMois[] }> {
  exigerProfilInterne(`Historique ${operateur}`);
  const etapes = await query<EtapeFichier>(
    connection,
    `SELECT nom, strftime(execution, '%Y-%m-%d %H:%M') AS execution, statut, lignes_lues, lignes_rejetees
     FROM raw.fichiers_historique
     WHERE code_operateur = ?
     QUALIFY statut IS DISTINCT FROM lag(statut) OVER (PARTITION BY fichier ORDER BY execution)
     ORDER BY nom, execution`,
    [operateur],
  );
  const qualite = await query<QualiteMois>(
    connection,
    `WITH derniers AS (
        SELECT * FROM raw.fichiers_historique WHERE code_operateur = ? AND length(periode) IN (7, 10)
        QUALIFY row_number() OVER (PARTITION BY fichier ORDER BY execution DESC) = 1
     )
     SELECT left(periode, 7) AS mois, CAST(count(*) AS INTEGER) AS fichiers, CAST(sum(lignes_lues) AS INTEGER) AS lignes_lues,
            CAST(sum(lignes_rejetees) AS INTEGER) AS lignes_rejetees,
            CASE WHEN sum(lignes_lues) > 0 THEN round(100.0 * sum(lignes_rejetees) / sum(lignes_lues), 1) END AS part_rejetee
     FROM derniers GROUP BY ALL ORDER BY mois`,
    [operateur],
  );
  return { etapes, qualite };
}
