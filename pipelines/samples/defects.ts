// Realistic defects, the kinds operators really make, spread over operators, tables and formats.
// Each spoils exactly one row in a way the quarantine must catch, at the column it names.
import { addDays } from "./dates.ts";
import type { Random } from "./random.ts";
import type { AnyReport } from "../contracts/index.ts";
import { type Flavour, formatCell, type SampleRecord } from "./write.ts";

export interface SampleFile {
  name: string;
  table: string;
  operator: string;
  flavour: Flavour;
  records: SampleRecord[];
}

export interface InjectedDefect {
  fichier: string;
  table: string;
  /** Line a person sees in the file (header = line 1, or below the title rows of an XLSX). */
  ligne: number;
  /** Column the quarantine points to. */
  colonne: string;
  /** Kind of defect (stable code). */
  nature: string;
  /** Text written in the cell ("" for an empty cell). */
  valeur: string;
  description: string;
  /** A bad value of a non-blocking column: the row loads, the value is reported in raw.valeurs_ignorees. */
  ignoree?: true;
}

interface Placement {
  nature: string;
  operator: string;
  table: string;
  colonne: string;
  description: string;
  eligible?: (v: Record<string, unknown>) => boolean;
  /** Spoils the record (a raw cell text, or values the writer formats). */
  apply: (r: SampleRecord, random: Random) => void;
  /** The defect is a second copy of the record, inserted further down. */
  duplicate?: boolean;
  /** The table is sent only when there is something to report (small scales may leave it out). */
  optional?: boolean;
  /** The column is non-blocking (contracts' `bloquante`): the value is ignored and the row still loads. */
  ignoree?: true;
}

const raw = (colonne: string, text: string) => (r: SampleRecord) => {
  r.raw = { ...r.raw, [colonne]: text };
};
const blank = (colonne: string) => (r: SampleRecord) => {
  r.values[colonne] = null;
};
const ended = (v: Record<string, unknown>) => v.date_fin != null && v.type_sortie != null;
const running = (v: Record<string, unknown>) => v.date_fin == null && v.type_sortie == null;

function placements(): Placement[] {
  const p = (nature: string, description: string, list: Omit<Placement, "nature" | "description">[]) => list.map((x) => ({ nature, description, ...x }));
  return [
    ...p("date_impossible", "date qui n'existe pas dans le calendrier", [
      { operator: "ASSO-LENS-01", table: "lda_mesures", colonne: "date_debut", apply: raw("date_debut", "31/02/2026") },
      { operator: "ASSO-ARTOIS-01", table: "lda_mesures", colonne: "date_signature_contrat", apply: raw("date_signature_contrat", "2026-02-30") },
      { operator: "ASSO-ARRAS-01", table: "lda_actions_collectives", colonne: "date", apply: raw("date", "31/04/2026") },
    ]),
    ...p("date_fin_avant_debut", "date de fin antérieure à la date de début", [
      ...["ASSO-BOUL-01", "ASSO-CALAIS-01"].map((operator) => ({
        operator,
        table: "lda_mesures",
        colonne: "date_fin",
        eligible: ended,
        apply: (r: SampleRecord, random: Random) => {
          r.values.date_fin = addDays(String(r.values.date_debut), -random.int(5, 60));
        },
      })),
    ]),
    ...p("territoire_inconnu", "territoire Logement d'abord hors de la liste", [
      { operator: "ASSO-LENS-01", table: "lda_mesures", colonne: "territoire_lda", apply: raw("territoire_lda", "Lens Lievin Nord") },
      { operator: "ASSO-HENIN-01", table: "lda_actions_collectives", colonne: "territoire_lda", apply: raw("territoire_lda", "Lens Lievin Nord") },
    ]),
    // The commune of a measure only places it on the maps (its territory is territoire_lda): ignored, not refused.
    ...p("commune_mal_orthographiee", "nom de commune mal orthographié au lieu du code INSEE (valeur ignorée, mesure chargée)", [
      { operator: "ASSO-ARTOIS-01", table: "lda_mesures", colonne: "code_commune", ignoree: true, apply: raw("code_commune", "Béthunne") },
      { operator: "ASSO-CALAIS-01", table: "lda_mesures", colonne: "code_commune", ignoree: true, apply: raw("code_commune", "Calai") },
      { operator: "ASSO-BOUL-01", table: "lda_mesures", colonne: "code_commune", ignoree: true, apply: raw("code_commune", "Outreaux") },
    ]),
    ...p("identifiant_personne_manquant", "identifiant de la personne non renseigné", [
      { operator: "ASSO-AUDO-01", table: "lda_mesures", colonne: "id_personne", apply: blank("id_personne") },
      { operator: "ASSO-MONTR-01", table: "lda_mesures", colonne: "id_personne", apply: blank("id_personne") },
    ]),
    ...p("dispositif_inconnu", "dispositif hors de la liste (adsl, vial, envaul)", [
      { operator: "ASSO-CALAIS-01", table: "lda_mesures", colonne: "dispositif", apply: raw("dispositif", "ADSL+VIAL") },
      { operator: "ASSO-LENS-01", table: "lda_actions_collectives", colonne: "dispositif", apply: raw("dispositif", "ADSL renforcé") },
    ]),
    ...p("identifiant_en_double", "même mesure saisie deux fois dans le fichier", [
      { operator: "ASSO-HENIN-01", table: "lda_mesures", colonne: "id_mesure", duplicate: true, apply: () => {} },
      { operator: "ASSO-ARRAS-01", table: "lda_mesures", colonne: "id_mesure", duplicate: true, apply: () => {} },
    ]),
    ...p("mois_compte_deux_fois", "même mois d'une mesure déclaré deux fois", [
      { operator: "ASSO-MONTR-01", table: "lda_mois_mesures", colonne: "mois", duplicate: true, apply: () => {} },
    ]),
    ...p("age_non_numerique", "âge écrit en lettres ou avec son unité", [
      { operator: "ASSO-LENS-01", table: "lda_mesures", colonne: "age_entree", eligible: (v) => v.age_entree != null, apply: raw("age_entree", "trente") },
      { operator: "ASSO-MONTR-01", table: "lda_mesures", colonne: "age_entree", eligible: (v) => v.age_entree != null, apply: raw("age_entree", "25 ans") },
    ]),
    ...p("type_sortie_sans_date_fin", "type de sortie renseigné sans date de fin", [
      ...["ASSO-ARTOIS-01", "ASSO-AUDO-01"].map((operator) => ({
        operator,
        table: "lda_mesures",
        colonne: "date_fin",
        eligible: running,
        apply: (r: SampleRecord) => {
          r.values.type_sortie = "rupture";
        },
      })),
    ]),
    ...p("montant_illisible", "montant mal tapé", [
      { operator: "ASSO-LENS-01", table: "envaul_subsides", colonne: "montant", apply: raw("montant", "12,5,0") },
      { operator: "ASSO-ARTOIS-01", table: "envaul_subsides", colonne: "montant", apply: raw("montant", "1O5.20") },
    ]),
    ...p("mois_impossible", "mois hors de 01 à 12", [
      { operator: "ASSO-CALAIS-01", table: "lda_mois_mesures", colonne: "mois", apply: raw("mois", "2026-13") },
      { operator: "ASSO-BOUL-01", table: "lda_mois_mesures", colonne: "mois", apply: raw("mois", "13/2025") },
    ]),
    ...p("booleen_illisible", "réponse qui n'est pas Oui/Non", [
      { operator: "ASSO-AUDO-01", table: "envaul_subsides", colonne: "justificatif", apply: raw("justificatif", "en attente") },
    ]),
    ...p("booleen_illisible_facultatif", "réponse qui n'est pas Oui/Non dans une colonne facultative (valeur ignorée, bilan chargé)", [
      { operator: "ASSO-LENS-01", table: "bilans", colonne: "frequence_intervention_precisee", ignoree: true, apply: raw("frequence_intervention_precisee", "à voir") },
    ]),
    ...p("type_contrat_manquant", "accès à l'emploi sans type de contrat", [
      {
        operator: "ASSO-HENIN-01",
        table: "lda_mesures",
        colonne: "type_contrat_emploi",
        // Any measure that ran a few months will do: the job is added if the measure had none.
        eligible: (v) => String(v.date_debut) <= "2026-08-01" && (v.date_fin == null || addDays(String(v.date_debut), 40) <= String(v.date_fin)),
        apply: (r) => {
          r.values.date_acces_emploi ??= addDays(String(r.values.date_debut), 30);
          r.values.type_contrat_emploi = null;
        },
      },
    ]),
    ...p("nombre_negatif", "nombre négatif", [
      { operator: "ASSO-ARTOIS-01", table: "lda_actions_collectives", colonne: "nb_participants", apply: raw("nb_participants", "-3") },
    ]),
    ...p("code_operateur_incoherent", "code opérateur d'une ligne différent de celui du nom de fichier", [
      { operator: "ASSO-CALAIS-01", table: "bilans", colonne: "code_operateur", apply: raw("code_operateur", "ASSO-CALAIS-1") },
    ]),
    ...p("objectif_sans_date_evaluation", "objectif évalué sans date d'évaluation", [
      {
        operator: "ASSO-ARRAS-01",
        table: "lda_mesures",
        colonne: "date_evaluation_objectifs",
        eligible: (v) => v.objectif_budget != null && v.objectif_budget !== "non_evalue",
        apply: blank("date_evaluation_objectifs"),
      },
    ]),
    ...ficheDefects(p),
  ];
}

/** Defects of the other fiches' tables: at least one per fiche family, in each of its operators' formats. */
function ficheDefects(p: (nature: string, description: string, list: Omit<Placement, "nature" | "description">[]) => Placement[]): Placement[] {
  return [
    ...p("date_impossible", "date qui n'existe pas dans le calendrier", [
      { operator: "ADIL-62", table: "info_consultations", colonne: "date_consultation", apply: raw("date_consultation", "31/09/2026") },
      { operator: "ASSO-PE-01", table: "pe_visites", colonne: "date", apply: raw("date", "2026-09-31") },
    ]),
    ...p("duree_illisible", "durée saisie avec son unité", [{ operator: "ADIL-62", table: "info_permanences", colonne: "duree_heures", apply: raw("duree_heures", "3h30") }]),
    ...p("montant_illisible", "montant mal tapé", [
      { operator: "ASSO-NV-62", table: "nv_consultations", colonne: "montant_dette", eligible: (v) => v.montant_dette != null, apply: raw("montant_dette", "1 2OO.50") },
      { operator: "ASSO-LENS-01", table: "comptes_rendus_financiers", colonne: "montant_realise", apply: raw("montant_realise", "12 5OO,00") },
    ]),
    ...p("date_fin_avant_debut", "date de fin antérieure à la date de début", [
      {
        operator: "ASSO-ASTRE-02",
        table: "astre_mesures",
        colonne: "date_fin",
        eligible: (v) => v.date_fin != null,
        apply: (r: SampleRecord, random: Random) => {
          r.values.date_fin = addDays(String(r.values.date_debut), -random.int(5, 60));
        },
      },
    ]),
    ...p("valeur_hors_liste", "libellé tapé à la main au lieu d'une valeur de la liste", [
      { operator: "ASSO-ASTRE-01", table: "astre_contacts", colonne: "type_contact", apply: raw("type_contact", "Visite conseiller") },
      { operator: "ASSO-ENERGIE-02", table: "sens_evaluations", colonne: "satisfaction_globale", apply: raw("satisfaction_globale", "Très bien") },
    ]),
    ...p("territoire_inconnu", "territoire hors de la liste de la fiche", [
      { operator: "ASSO-GEP-02", table: "gep_rencontres", colonne: "territoire_groupe", apply: raw("territoire_groupe", "Montreuillois") },
      // A household that was never reached: no landlord contact hangs on the quarantined intervention.
      { operator: "ASSO-EM-OPALE", table: "em_interventions", colonne: "territoire_lda", eligible: (v) => v.date_diagnostic_flash == null, apply: raw("territoire_lda", "Calaisis") },
    ]),
    ...p("participant_compte_plusieurs_fois", "ligne nominative comptant plusieurs participants", [
      {
        operator: "ASSO-GEP-01",
        table: "gep_participations",
        colonne: "nb",
        apply: (r: SampleRecord) => {
          r.values.nb = 2;
        },
      },
    ]),
    ...p("consentement_refuse", "ligne de cohorte enregistrée sans le consentement du jeune", [
      { operator: "OBS-JEUNES-62", table: "obs_cohorte", colonne: "consentement", eligible: (v) => v.id_jeune !== "JEUNE-0001", apply: raw("consentement", "Non") },
    ]),
    ...p("age_non_numerique", "âge écrit en lettres ou avec son unité", [
      { operator: "OBS-JEUNES-62", table: "obs_demandes_siao", colonne: "age_entree", eligible: (v) => v.age_entree != null, apply: raw("age_entree", "22 ans") },
    ]),
    ...p("issue_manquante", "intervention terminée sans issue", [
      { operator: "SIAO-62", table: "em_interventions", colonne: "issue", eligible: (v) => v.statut === "terminee" && v.date_diagnostic_flash == null, apply: blank("issue") },
    ]),
    ...p("booleen_illisible", "réponse qui n'est pas Oui/Non", [
      { operator: "ASSO-ENERGIE-01", table: "sens_emargements", colonne: "present", apply: raw("present", "excusé") },
      { operator: "ASSO-CALAIS-01", table: "lda_securisation", colonne: "justificatifs", optional: true, apply: raw("justificatifs", "en cours") },
    ]),
    ...p("nombre_hors_bornes", "nombre hors des bornes admises", [
      { operator: "ASSO-PE-01", table: "pe_menages", colonne: "duree_fixee_slisl_mois", apply: raw("duree_fixee_slisl_mois", "8") },
    ]),
    ...p("mois_accompagnement_manquant", "accompagnement mensuel facturé sans son mois", [
      { operator: "ASSO-PE-02", table: "pe_prestations", colonne: "mois", eligible: (v) => v.mois != null, apply: blank("mois") },
    ]),
    ...p("passage_sans_caravanes", "grand passage réalisé sans nombre de caravanes", [
      { operator: "ASSO-GDV-62", table: "gdv_grands_passages", colonne: "nb_caravanes", eligible: (v) => v.realise === true, apply: blank("nb_caravanes") },
    ]),
    ...p("epci_manquant", "sollicitation d'un EPCI sans son numéro SIREN", [
      { operator: "ASSO-GDV-62", table: "gdv_sollicitations_collectivites", colonne: "epci_siren", eligible: (v) => v.type_collectivite === "epci", apply: blank("epci_siren") },
    ]),
    ...p("visites_superieures_aux_rencontres", "plus de visites à domicile que de rencontres dans la semaine", [
      {
        operator: "ASSO-ARTOIS-01",
        table: "lda_rencontres_hebdo",
        colonne: "nb_visites_domicile",
        apply: (r: SampleRecord) => {
          r.values.nb_rencontres = 1;
          r.values.nb_visites_domicile = 2;
        },
      },
    ]),
  ];
}

/**
 * Spoils one row per placement, never twice the same row nor a row that illustrates a business
 * rule (`protectedIds`), and returns the defects with the record they sit on.
 */
export function injectDefects(random: Random, files: readonly (SampleFile & { report: AnyReport })[], protectedIds: ReadonlySet<string>): { record: SampleRecord; file: SampleFile; defect: Omit<InjectedDefect, "ligne"> }[] {
  const touched = new Set<SampleRecord>();
  const out: { record: SampleRecord; file: SampleFile; defect: Omit<InjectedDefect, "ligne"> }[] = [];
  for (const placement of placements()) {
    const file = files.find((f) => f.operator === placement.operator && f.table === placement.table);
    if (!file && placement.optional) continue;
    if (!file) throw new Error(`défaut ${placement.nature} : pas de fichier ${placement.table} pour ${placement.operator}`);
    // The record's own identifier (last key column): rows that illustrate a business rule keep their meaning.
    const ownKey = file.report.key[file.report.key.length - 1]!;
    const candidates = file.records.filter(
      (r) =>
        !touched.has(r) &&
        !protectedIds.has(String(r.values.id_mesure ?? "")) &&
        !protectedIds.has(String(r.values[ownKey] ?? "")) &&
        (placement.eligible?.(r.values) ?? true),
    );
    // Only at very small scales: the defect is then left out (and not listed).
    if (candidates.length === 0) continue;
    const original = random.pick(candidates);
    touched.add(original);
    let record = original;
    if (placement.duplicate) {
      record = { values: { ...original.values } };
      const at = file.records.indexOf(original);
      file.records.splice(random.int(at + 1, Math.min(file.records.length, at + 40)), 0, record);
      touched.add(record);
    }
    placement.apply(record, random);
    const column = file.report.columnList.find((c) => c.name === placement.colonne)!;
    const cell = record.raw?.[placement.colonne] ?? formatCell(column, record.values[placement.colonne], file.flavour);
    const valeur = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
    out.push({
      record,
      file,
      defect: {
        fichier: file.name,
        table: file.table,
        colonne: placement.colonne,
        nature: placement.nature,
        valeur,
        description: placement.description,
        ...(placement.ignoree ? { ignoree: true as const } : {}),
      },
    });
  }
  return out;
}
