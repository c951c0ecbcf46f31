// What the internal edition's pages read (npm run site -- --profile interne → dist-interne/): operator-level detail
// that partners never see — financing by operator and convention (mart_financement) and the rule alerts
// (mart_alertes). Every function refuses to run outside the internal profile (pipelines/site/profil.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { AlerteInterne as Alerte, LigneFinancement, RegleInterne as RegleAlerte, TotalFinancement } from "../../observatory/components/interne.ts";
import { query } from "../db/duckdb.ts";
import { fichesReference } from "./fiches.ts";
import { suiviFichiers } from "./ingestion.ts";
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


/**
 * Financing of every convention period (of one operator when given): conventionné, dû au titre du service fait (with the Logement
 * d'abord sécurisation it includes), retenu,
 * avance, solde, trop-perçu; and each fiche's totals (mart_financement_totaux: of all operators, code « tous », and of
 * each one), which the pages show as they are rather than adding rows up.
 */
export async function suiviFinancier(
  connection: DuckDBConnection,
  operateur?: string,
): Promise<{ fiches: FicheLibelle[]; lignes: LigneFinancement[]; totaux: TotalFinancement[] }> {
  exigerProfilInterne("Suivi financier");
  const lignes = await query<LigneFinancement>(
    connection,
    `SELECT fiche, code_operateur, id_convention, CAST(date_debut AS VARCHAR) AS date_debut, CAST(date_fin AS VARCHAR) AS date_fin,
            montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode, du_securisation
     FROM mart_financement
     ${operateur === undefined ? "" : "WHERE code_operateur = ?"}
     ORDER BY fiche, code_operateur, date_debut, id_convention`,
    operateur === undefined ? [] : [operateur],
  );
  const totaux = await query<TotalFinancement>(
    connection,
    `SELECT fiche, code_operateur, CAST(nb_periodes AS INTEGER) AS nb_periodes, CAST(nb_closes AS INTEGER) AS nb_closes,
            CAST(nb_en_cours AS INTEGER) AS nb_en_cours, CAST(nb_a_venir AS INTEGER) AS nb_a_venir, montant_conventionne, du_service_fait, du_retenu,
            avance, avance_periodes_ouvertes, reste_a_verser, trop_percu
     FROM mart_financement_totaux
     ${operateur === undefined ? "" : "WHERE code_operateur = ?"}
     ORDER BY fiche, code_operateur`,
    operateur === undefined ? [] : [operateur],
  );
  const fiches = ordreFiches(lignes.map((l) => l.fiche)).filter((f) => lignes.some((l) => l.fiche === f.fiche));
  return { fiches, lignes, totaux };
}

/** The rule checks' alerts (mart_alertes; of one operator when given), most severe first, and the rules they name. */
export async function alertes(
  connection: DuckDBConnection,
  operateur?: string,
): Promise<{ fiches: FicheLibelle[]; regles: RegleAlerte[]; alertes: Alerte[] }> {
  exigerProfilInterne("Alertes");
  const filtre = operateur === undefined ? "" : "WHERE code_operateur = ?";
  const parametres = operateur === undefined ? [] : [operateur];
  const lignes = await query<Alerte>(
    connection,
    `SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail, id_convention
     FROM mart_alertes
     ${filtre}
     ORDER BY CASE severite WHEN 'erreur' THEN 0 WHEN 'avertissement' THEN 1 WHEN 'info' THEN 2 ELSE 3 END,
              fiche, regle, code_operateur, id_enregistrement`,
    parametres,
  );
  // Labels once per rule rather than on each of the ~1 000 alerts (the page joins them).
  const regles = await query<RegleAlerte>(
    connection,
    `SELECT DISTINCT fiche, regle, libelle_regle AS libelle, signification_regle AS signification FROM mart_alertes ${filtre} ORDER BY fiche, regle`,
    parametres,
  );
  const fiches = ordreFiches(lignes.map((l) => l.fiche)).filter((f) => lignes.some((l) => l.fiche === f.fiche));
  return { fiches, regles, alertes: lignes };
}

export interface OperateurInterne {
  code_operateur: string;
  conventions: number;
  alertes: number;
  erreurs: number;
  fichiers: number;
  lignes_en_quarantaine: number;
}

/**
 * The operators of the internal edition — those mart_financement knows — each with the number of its conventions,
 * alerts, files received and quarantined rows, for the list on the internal home. The reference data give operators
 * no name: they are shown by their code.
 */
export async function operateursInternes(connection: DuckDBConnection): Promise<OperateurInterne[]> {
  exigerProfilInterne("Opérateurs");
  return query<OperateurInterne>(
    connection,
    `WITH operateurs AS (SELECT code_operateur, count(*) AS conventions FROM mart_financement GROUP BY code_operateur),
          alertes AS (SELECT code_operateur, count(*) AS alertes, count(*) FILTER (WHERE severite = 'erreur') AS erreurs FROM mart_alertes GROUP BY code_operateur),
          fichiers AS (SELECT code_operateur, count(*) AS fichiers, sum(lignes_rejetees) AS lignes_en_quarantaine FROM raw.fichiers GROUP BY code_operateur)
     SELECT o.code_operateur, CAST(o.conventions AS INTEGER) AS conventions,
            CAST(coalesce(a.alertes, 0) AS INTEGER) AS alertes, CAST(coalesce(a.erreurs, 0) AS INTEGER) AS erreurs,
            CAST(coalesce(f.fichiers, 0) AS INTEGER) AS fichiers, CAST(coalesce(f.lignes_en_quarantaine, 0) AS INTEGER) AS lignes_en_quarantaine
     FROM operateurs AS o
     LEFT JOIN alertes AS a USING (code_operateur)
     LEFT JOIN fichiers AS f USING (code_operateur)
     ORDER BY o.code_operateur`,
  );
}

/**
 * Everything about one operator on one page: its conventions with what is due and paid (mart_financement rows as
 * they are), its alerts (mart_alertes), its files and their quarantined rows (raw.fichiers, raw.quarantaine).
 */
export async function ficheOperateur(connection: DuckDBConnection, operateur: string) {
  exigerProfilInterne(`Opérateur ${operateur}`);
  const financement = await suiviFinancier(connection, operateur);
  if (financement.lignes.length === 0) {
    throw new Error(`Opérateur « ${operateur} » absent de mart_financement : aucune page d'opérateur à construire (codes connus : voir /interne/).`);
  }
  const { regles, alertes: lignesAlertes } = await alertes(connection, operateur);
  const { fichiers, problemes } = await suiviFichiers(connection, operateur);
  // One section per fiche of its conventions or alerts, in the fiches' order (2.1 … 2.13).
  const codes = new Set([...financement.lignes, ...lignesAlertes].map((l) => l.fiche));
  const fiches = ordreFiches(codes).filter((f) => codes.has(f.fiche));
  return { code_operateur: operateur, fiches, conventions: financement.lignes, totaux: financement.totaux, regles, alertes: lignesAlertes, fichiers, problemes };
}
