// Realistic defects, one of a kind per table, so the demo quarantine shows what operators get wrong.
import type { AnyReport } from "../contracts/index.ts";
import type { Random } from "./random.ts";
import type { SampleRecord } from "./write.ts";

export interface InjectedDefect {
  fichier: string;
  ligne: number;
  colonne: string;
  nature: string;
  /** Index of the record in its file (internal: turned into `ligne` by the writer). */
  index: number;
}

type Defect = { colonne: string; nature: string; apply: (r: SampleRecord, previous: SampleRecord) => void };

const raw = (colonne: string, text: string) => (r: SampleRecord) => {
  r.raw = { ...r.raw, [colonne]: text };
};

const DEFECTS: Record<string, Defect[]> = {
  lda_mesures: [
    { colonne: "date_debut", nature: "date impossible", apply: raw("date_debut", "31/02/2026") },
    { colonne: "territoire_lda", nature: "territoire inconnu", apply: raw("territoire_lda", "Lens Lievin Nord") },
    { colonne: "code_commune", nature: "commune mal orthographiée", apply: raw("code_commune", "Béthunne") },
    { colonne: "id_personne", nature: "identifiant obligatoire manquant", apply: raw("id_personne", "") },
    { colonne: "dispositif", nature: "dispositif inconnu", apply: raw("dispositif", "ADSL/VIAL") },
    { colonne: "age_entree", nature: "âge non numérique", apply: raw("age_entree", "trente") },
    { colonne: "id_mesure", nature: "identifiant en double", apply: (r, previous) => (r.values.id_mesure = previous.values.id_mesure) },
    {
      colonne: "date_fin",
      nature: "type de sortie sans date de fin",
      apply: (r) => {
        r.values.type_sortie = "rupture";
        r.values.date_fin = null;
      },
    },
  ],
  envaul_subsides: [{ colonne: "montant", nature: "montant mal formé", apply: raw("montant", "12,5,0") }],
  lda_actions_collectives: [{ colonne: "date", nature: "date illisible", apply: raw("date", "le 3 mars") }],
  bilans: [{ colonne: "type_bilan", nature: "type de bilan inconnu", apply: raw("type_bilan", "bilan à 8 mois") }],
};

export type DefectInjector = (report: AnyReport, records: SampleRecord[]) => Omit<InjectedDefect, "fichier" | "ligne">[];

/** Two defects per operator file, the kinds rotating through the operators so that every kind appears somewhere. */
export function defectInjector(rng: Random): DefectInjector {
  const used = new Map<string, number>();
  return (report, records) => injectDefects(rng, used, report, records);
}

function injectDefects(rng: Random, used: Map<string, number>, report: AnyReport, records: SampleRecord[]): Omit<InjectedDefect, "fichier" | "ligne">[] {
  const kinds = DEFECTS[report.table];
  if (!kinds || records.length < 10) return [];
  const count = used.get(report.table) ?? 0;
  used.set(report.table, count + 1);
  const out: Omit<InjectedDefect, "fichier" | "ligne">[] = [];
  for (const k of [count * 2, count * 2 + 1]) {
    const defect = kinds[k % kinds.length]!;
    if (out.some((d) => d.colonne === defect.colonne)) continue;
    const index = rng.int(1, records.length - 1);
    if (out.some((d) => d.index === index)) continue;
    defect.apply(records[index]!, records[index - 1]!);
    out.push({ colonne: defect.colonne, nature: defect.nature, index });
  }
  return out;
}
