// French labels for the codes the site shows. A code's label comes from its one source — its contract column's
// `valueLabels`, else pipelines/contracts/libelles-codes.ts — so a code is named the same way in error messages and on
// the pages; the lists here only fix the order of ordinal breakdowns and the few codes a breakdown names its own way.
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  CATEGORIES_PARTENAIRE,
  SEXES_LABELS,
  TERRITOIRES_LDA_LABELS,
  TERRITOIRES_MDS_LABELS,
  TRANCHES_AGE,
  TRANCHES_DETTE,
  TYPES_CONTRAT_LABELS,
  TYPES_LOGEMENT_RELOGEMENT,
  DISPOSITIFS_LDA_LABELS,
} from "../contracts/dimensions.ts";
import { REPORTS } from "../contracts/index.ts";
import { LIBELLES_CODES } from "../contracts/libelles-codes.ts";
import { query } from "../db/duckdb.ts";
import { readCsv } from "../reference/csv.ts";

export const FICHES_LDA = [
  { code: "f2_4_adsl", numero: "2.4", court: "ADSL", titre: "Logement d'abord – ADSL (Autonome Dans Son Logement)" },
  { code: "f2_5_vial", numero: "2.5", court: "VIAL", titre: "Logement d'abord – VIAL (Vers l'Insertion et l'Autonomie en Logement)" },
  { code: "f2_6_envaul", numero: "2.6", court: "ENVAUL", titre: "Logement d'abord – ENVAUL (ENtrée dans la Vie AUtonome par le Logement)" },
  { code: "f2_7_lda_extension", numero: "2.7", court: "Extension 2024", titre: "Logement d'abord – ADSL et VIAL sur l'Arrageois (hors CUA), le Ternois et le Calaisis" },
] as const;

export const VENTILATIONS: Record<string, string> = {
  sexe: "Sexe",
  tranche_age: "Tranche d'âge",
  sexe_tranche_age: "Sexe et tranche d'âge",
  type_logement_relogement: "Type de logement",
  categorie_partenaire: "Catégorie de partenaire",
  type_contrat_emploi: "Type de contrat",
  dispositif: "Dispositif",
  jeunes: "Jeunes",
  age: "Âge",
  operateur: "Opérateur",
  accompagnements_en_cours: "Accompagnement en cours",
  avec: "Partenaire de l'étude",
  avec_jeunes: "Participation de jeunes",
  canal: "Canal de la demande",
  categorie_professionnelle: "Catégorie professionnelle",
  categories_participants: "Catégorie de participants",
  commune: "Commune",
  composition_familiale: "Composition familiale",
  decision_spslh: "Décision du SPSLH",
  dette: "Dette",
  difficulte: "Difficulté",
  difficulte_connexe: "Difficulté connexe",
  domaine: "Domaine",
  echelle: "Échelle",
  encadrant: "Encadrant",
  energie: "Énergie",
  evaluation_plus_value: "Évaluation de l'accompagnement",
  evolution_difficultes: "Évolution des difficultés",
  fiche: "Fiche",
  finance: "Financement",
  format: "Format",
  frein_non_leve: "Frein non levé",
  installation: "Installation",
  instance: "Instance",
  issue: "Issue",
  lieu: "Lieu",
  mensualisation: "Mensualisation",
  modalite_rencontre: "Modalité de rencontre",
  mode: "Mode de contact",
  mode_consultation: "Mode de consultation",
  mois_mesures: "Durée en mois-mesures",
  motif: "Motif",
  motif_arret: "Motif d'arrêt",
  motif_demande: "Motif de la demande",
  motif_non_eligibilite: "Motif de non-éligibilité",
  nature: "Nature",
  objet: "Objet",
  origine_dette: "Origine de la dette",
  parc: "Parc",
  parc_composition_familiale: "Parc et composition familiale",
  parcours_ase: "Parcours à l'Aide sociale à l'enfance",
  perimetre_operation: "Périmètre d'opération",
  plan_apurement: "Plan d'apurement",
  planning: "Planning",
  programme: "Programme",
  projet: "Projet",
  provenance_professionnelle: "Provenance professionnelle",
  public: "Public",
  realisation: "Réalisation",
  recommanderait: "Recommandation",
  releve_compteurs: "Relevé des compteurs",
  repere_par_operateur: "Repérage par l'opérateur",
  reponse: "Réponse",
  resultat: "Résultat",
  satisfaction: "Satisfaction",
  satisfaction_globale: "Satisfaction globale",
  situation: "Situation",
  situation_budgetaire_depart: "Situation budgétaire de départ",
  situation_budgetaire_fin: "Situation budgétaire de fin",
  situation_logement: "Situation de logement",
  situation_professionnelle: "Situation professionnelle",
  sortie_institution: "Sortie d'institution",
  source_signalement: "Source du signalement",
  stade_procedure: "Stade de la procédure",
  statut: "Statut",
  statut_occupation: "Statut d'occupation",
  structure_origine_type: "Structure à l'origine de la demande",
  suite: "Suite donnée",
  suite_donnee: "Suite donnée",
  territoire_residence: "Territoire de résidence",
  thematique: "Thématique",
  theme: "Thème",
  theme_principal: "Thème principal",
  theme_secondaire: "Thème secondaire",
  tranche_dette: "Tranche de dette",
  transition_budgetaire: "Évolution de la situation budgétaire",
  travaux_prevus: "Travaux prévus",
  travaux_realises: "Travaux réalisés",
  type: "Type",
  type_acte: "Type d'acte",
  type_action: "Type d'action",
  type_aide: "Type d'aide",
  type_aide_objet: "Type et objet de l'aide",
  type_appelant: "Type d'appelant",
  type_bailleur: "Type de bailleur",
  type_bilan: "Type de bilan",
  type_collectivite: "Type de collectivité",
  type_consultant: "Type de consultant",
  type_fournisseur: "Type de fournisseur",
  type_hebergement_propose: "Type d'hébergement proposé",
  type_instance: "Type d'instance",
  type_lieu: "Type de lieu",
  type_livrable: "Type de livrable",
  type_partenaire: "Type de partenaire",
  type_partenaire_nature: "Type et nature du partenariat",
  type_prestation: "Type de prestation",
  type_rencontre: "Type de rencontre",
  type_ressources: "Type de ressources",
  type_ressources_principal: "Ressources principales",
  type_site: "Type de site",
  type_structure: "Type de structure",
  usage: "Usage",
  utilite_pratique: "Utilité pratique",
  vague: "Vague de suivi",
  vers: "Orientation vers",
  vers_suite: "Orientation et suite donnée",
};

/** Every contract's own labels (`valueLabels`), by code. */
const LIBELLES_CONTRATS: Record<string, string> = Object.fromEntries(
  REPORTS.flatMap((r) => r.columnList.flatMap((c) => Object.entries((c as { valueLabels?: Record<string, string> }).valueLabels ?? {}))),
);

/** The French label of a code of a code list, or undefined when no source names it. */
export function libelleCode(code: string): string | undefined {
  return LIBELLES_CONTRATS[code] ?? LIBELLES_CODES[code];
}

const libelles = (codes: readonly string[]) => Object.fromEntries(codes.map((c) => [c, libelleCode(c) ?? c]));

/**
 * Labels by ventilation, then modality code, in the order a breakdown is read (age bands, debt bands…). Codes of
 * other breakdowns are labelled by `modalitesDe` from the rows a page publishes.
 */
export const MODALITES: Record<string, Record<string, string>> = {
  sexe: SEXES_LABELS,
  tranche_age: libelles([...TRANCHES_AGE, "plus_65", "non_renseigne"].filter((c, i, t) => t.indexOf(c) === i)),
  tranche_dette: libelles([...TRANCHES_DETTE, "non_renseigne"]),
  type_logement_relogement: libelles(TYPES_LOGEMENT_RELOGEMENT),
  categorie_partenaire: libelles(CATEGORIES_PARTENAIRE),
  type_contrat_emploi: TYPES_CONTRAT_LABELS,
  dispositif: DISPOSITIFS_LDA_LABELS,
  territoire_lda: TERRITOIRES_LDA_LABELS,
  territoire_residence: { ...TERRITOIRES_MDS_LABELS, non_renseigne: libelleCode("non_renseigne")! },
  jeunes: libelles(["moins_25", "jeune_18_25"]),
};

/** Breakdowns whose codes are numbers: their label says what the number counts. */
const NUMERIQUES: Record<string, (n: string) => string> = {
  age: (n) => `${n} ans`,
  mois_mesures: (n) => `${n} mois`,
  vague: (n) => `Vague ${n}`,
};

/**
 * Labels of every modality the rows carry, by ventilation: the lists above, communes by name, fiches by number and
 * title, the 2.1 places of permanence by their commune, numbers by what they count. A composite code (« prive|autre »,
 * « fragile>equilibree ») is labelled part by part in the page (components/donnees.ts), so its parts are listed here.
 */
export async function modalitesDe(connection: DuckDBConnection, lignes: readonly { ventilation: string; modalite: string }[]): Promise<Record<string, Record<string, string>>> {
  const resultat: Record<string, Record<string, string>> = {};
  const codes = new Map<string, Set<string>>();
  for (const l of lignes) {
    if (l.ventilation === "ensemble") continue;
    if (!codes.has(l.ventilation)) codes.set(l.ventilation, new Set());
    for (const partie of l.modalite.split(/[|>]/)) codes.get(l.ventilation)!.add(partie);
  }
  const speciaux: Record<string, () => Promise<Record<string, string>>> = {
    commune: async () => Object.fromEntries(readCsv(resolve("sources/reference/communes.csv")).map((c) => [c.code_commune!, c.nom_commune!])),
    fiche: async () =>
      Object.fromEntries(
        readCsv(resolve("sources/reference/fiches.csv")).map((f) => {
          const court = FICHES_LDA.find((l) => l.code === f.fiche)?.court;
          return [f.fiche!, `Fiche ${f.numero}${court ? ` (${court})` : ""}`];
        }),
      ),
    lieu: () => lieuxDePermanence(connection, [...(codes.get("lieu") ?? [])]),
  };
  for (const [ventilation, presents] of codes) {
    const propres = { ...(MODALITES[ventilation] ?? {}), ...(await speciaux[ventilation]?.()) };
    const carte: Record<string, string> = {};
    // The breakdown's own order first (ordinal lists), then the other codes present.
    for (const [code, libelle] of Object.entries(MODALITES[ventilation] ?? {})) carte[code] = libelle;
    for (const code of presents) {
      const libelle = propres[code] ?? NUMERIQUES[ventilation]?.(code) ?? libelleCode(code);
      if (libelle !== undefined) carte[code] = libelle;
    }
    resultat[ventilation] = carte;
  }
  return resultat;
}

/** 2.1 places of permanence: an operator's place code (« L-05 ») means nothing to a reader; its commune does. */
async function lieuxDePermanence(connection: DuckDBConnection, presents: string[]): Promise<Record<string, string>> {
  const existe = await query(connection, "SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'staging_info_permanences'");
  const communes = new Map(readCsv(resolve("sources/reference/communes.csv")).map((c) => [c.code_commune!, c.nom_commune!]));
  const lieux = existe.length
    ? await query<{ id_lieu: string; type_lieu: string; code_commune_lieu: string }>(
        connection,
        "SELECT id_lieu, any_value(type_lieu) AS type_lieu, any_value(code_commune_lieu) AS code_commune_lieu FROM staging_info_permanences GROUP BY id_lieu ORDER BY id_lieu",
      )
    : [];
  const parCommune = new Map<string, number>();
  const resultat: Record<string, string> = {};
  for (const l of lieux) {
    const commune = communes.get(l.code_commune_lieu) ?? l.code_commune_lieu;
    const n = (parCommune.get(commune) ?? 0) + 1;
    parCommune.set(commune, n);
    const nature = l.type_lieu === "bureau_permanent" ? "Bureau" : "Permanence";
    resultat[l.id_lieu] = `${nature} ${/^[aeiouyàâéèêîôû]/i.test(commune) ? "d'" : "de "}${commune}${n > 1 ? ` (${n}e lieu)` : ""}`;
  }
  // A consultation may name a place no permanence row describes: it is still a place, not a code to show.
  const inconnus = presents.filter((p) => !(p in resultat)).sort();
  inconnus.forEach((p, i) => (resultat[p] = `Lieu sans permanence déclarée${inconnus.length > 1 ? ` (${i + 1})` : ""}`));
  return resultat;
}
