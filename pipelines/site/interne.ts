// What the internal edition's pages read (npm run site -- --profile interne → dist-interne/): operator-level detail
// that partners never see — financing by operator and convention (mart_financement) and the rule alerts
// (mart_alertes). Every function refuses to run outside the internal profile (pipelines/site/profil.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";
import { fichesReference } from "./fiches.ts";
import { exigerProfilInterne } from "./profil.ts";

export interface FicheLibelle {
  fiche: string;
  numero: string;
  titre: string;
}

/** The fiches in their order (2.1 … 2.13), with the codes a mart may carry that the reference does not know at the end. */
function ordreFiches(codes: Iterable<string>): FicheLibelle[] {
  const reference = fichesReference().map(({ fiche, numero, titre }) => ({ fiche, numero, titre }));
  const connues = new Set(reference.map((f) => f.fiche));
  const autres = [...new Set(codes)].filter((c) => !connues.has(c)).sort().map((fiche) => ({ fiche, numero: "", titre: fiche }));
  return [...reference, ...autres];
}

export interface LigneFinancement {
  fiche: string;
  code_operateur: string;
  id_convention: string;
  date_debut: string | null;
  date_fin: string | null;
  montant_conventionne: number | null;
  taux_avance: number | null;
  du_service_fait: number | null;
  du_retenu: number | null;
  avance: number | null;
  solde: number | null;
  trop_percu: number | null;
  statut_periode: string | null;
}

/** Financing of every convention period: conventionné, dû au titre du service fait, retenu, avance, solde, trop-perçu. */
export async function suiviFinancier(connection: DuckDBConnection): Promise<{ fiches: FicheLibelle[]; lignes: LigneFinancement[] }> {
  exigerProfilInterne("Suivi financier");
  const lignes = await query<LigneFinancement>(
    connection,
    `SELECT fiche, code_operateur, id_convention, CAST(date_debut AS VARCHAR) AS date_debut, CAST(date_fin AS VARCHAR) AS date_fin,
            montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode
     FROM mart_financement
     ORDER BY fiche, code_operateur, date_debut, id_convention`,
  );
  const fiches = ordreFiches(lignes.map((l) => l.fiche)).filter((f) => lignes.some((l) => l.fiche === f.fiche));
  return { fiches, lignes };
}

export interface Alerte {
  fiche: string;
  code_operateur: string | null;
  id_enregistrement: string | null;
  regle: string;
  severite: string;
  detail: string | null;
}

/** The rule checks' alerts (mart_alertes), most severe first. */
export async function alertes(connection: DuckDBConnection): Promise<{ fiches: FicheLibelle[]; alertes: Alerte[] }> {
  exigerProfilInterne("Alertes");
  const lignes = await query<Alerte>(
    connection,
    `SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail
     FROM mart_alertes
     ORDER BY CASE severite WHEN 'erreur' THEN 0 WHEN 'avertissement' THEN 1 WHEN 'info' THEN 2 ELSE 3 END,
              fiche, regle, code_operateur, id_enregistrement`,
  );
  const fiches = ordreFiches(lignes.map((l) => l.fiche)).filter((f) => lignes.some((l) => l.fiche === f.fiche));
  return { fiches, alertes: lignes };
}
