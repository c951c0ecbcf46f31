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
    ...p("commune_mal_orthographiee", "nom de commune mal orthographié au lieu du code INSEE", [
      { operator: "ASSO-ARTOIS-01", table: "lda_mesures", colonne: "code_commune", apply: raw("code_commune", "Béthunne") },
      { operator: "ASSO-CALAIS-01", table: "lda_mesures", colonne: "code_commune", apply: raw("code_commune", "Calai") },
      { operator: "ASSO-BOUL-01", table: "lda_mesures", colonne: "code_commune", apply: raw("code_commune", "Outreaux") },
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
      { operator: "ASSO-LENS-01", table: "bilans", colonne: "frequence_intervention_precisee", apply: raw("frequence_intervention_precisee", "à voir") },
      { operator: "ASSO-AUDO-01", table: "envaul_subsides", colonne: "justificatif", apply: raw("justificatif", "en attente") },
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
    ...p("parcours_ase_manquant", "mesure ENVAUL sans parcours ASE (oui, non ou inconnu)", [
      { operator: "ASSO-MONTR-01", table: "lda_mesures", colonne: "parcours_ase", eligible: (v) => v.dispositif === "envaul", apply: blank("parcours_ase") },
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
    if (!file) throw new Error(`défaut ${placement.nature} : pas de fichier ${placement.table} pour ${placement.operator}`);
    const candidates = file.records.filter(
      (r) => !touched.has(r) && !protectedIds.has(String(r.values.id_mesure ?? "")) && (placement.eligible?.(r.values) ?? true),
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
      defect: { fichier: file.name, table: file.table, colonne: placement.colonne, nature: placement.nature, valeur, description: placement.description },
    });
  }
  return out;
}
