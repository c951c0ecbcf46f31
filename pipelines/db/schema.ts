// Kysely's view of the database, derived at the type level from the contracts.
import type { z } from "zod";
import type { AnyReport } from "../contracts/index.ts";

type RawRow<R extends AnyReport> = z.output<R["schema"]> & { _fichier: string; _ligne: number };
type RawTables = { [R in AnyReport as `raw.${R["table"]}`]: RawRow<R> };

export interface FichierRow {
  fichier: string;
  nom: string;
  table_rapport: string | null;
  code_operateur: string | null;
  periode: string | null;
  format: string;
  lignes_lues: number;
  lignes_chargees: number;
  lignes_rejetees: number;
  statut: "charge" | "remplace" | "rejete";
  remplace_par: string | null;
  motif: string | null;
  charge_le: Date;
}

export interface QuarantaineRow {
  fichier: string;
  nom_fichier: string;
  table_rapport: string | null;
  ligne: number | null;
  colonne: string | null;
  valeur_brute: string | null;
  motif: string;
}

/** The long table every page and extract reads (sql/mart_indicateurs.sql). */
export interface IndicateurRow {
  fiche: string;
  indicateur: string;
  periode: string;
  territoire: string;
  niveau_territoire: string;
  ventilation: string;
  modalite: string;
  valeur: number | null;
  unite: string;
}

export type Database = RawTables & {
  "raw.fichiers": FichierRow;
  "raw.quarantaine": QuarantaineRow;
  /** Values of non-blocking columns read as empty: same shape as the quarantine, but their rows are loaded. */
  "raw.valeurs_ignorees": QuarantaineRow;
  mart_indicateurs: IndicateurRow;
};
