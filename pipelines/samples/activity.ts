// The tables that follow from the measures: monthly counts, collective actions and who attended,
// ENVAUL subsidies and the bilans at 6 and 12 months.
import type { bilans } from "../contracts/shared.ts";
import type { envaulSubsides, ldaActionsCollectives, ldaMoisMesures, ldaParticipationsCollectives } from "../contracts/lda_activite.ts";
import type { OperatorRow } from "./rows.ts";
import { addDays, addMonths, compare, daysBetween, moisMesureStarts } from "./dates.ts";
import type { Mesure } from "./measures.ts";
import { DATE_ARRETE, type Dispositif, isExtension, type SampleOperator } from "./operators.ts";
import type { Random } from "./random.ts";

export type MoisRow = OperatorRow<typeof ldaMoisMesures>;
export type ActionRow = OperatorRow<typeof ldaActionsCollectives>;
export type ParticipationRow = OperatorRow<typeof ldaParticipationsCollectives>;
export type SubsideRow = OperatorRow<typeof envaulSubsides>;
export type BilanRow = OperatorRow<typeof bilans>;

export const moisOf = (m: Mesure) => moisMesureStarts(m.debut, m.dernierJour).map((d) => d.slice(0, 7));

export function moisMesures(mesures: readonly Mesure[]): { mesure: Mesure; row: MoisRow }[] {
  return mesures.flatMap((m) => moisOf(m).map((mois) => ({ mesure: m, row: { code_operateur: m.operator.code, id_mesure: m.row.id_mesure!, mois, statut: "active" as const } })));
}

const THEMES = [
  ["budget", 16], ["entretien_logement", 12], ["energie", 8], ["estime_de_soi", 10], ["citoyennete", 6], ["culture", 9],
  ["sport", 8], ["loisirs", 10], ["sante", 8], ["emploi_formation", 8], ["autre", 5],
] as const;

export interface Actions {
  actions: ActionRow[];
  participations: ParticipationRow[];
}

/** Collective actions of an operator on each of its territories, about two a month, with the people present. */
export function collectiveActions(random: Random, operator: SampleOperator, mesures: readonly Mesure[]): Actions {
  const actions: ActionRow[] = [];
  const participations: ParticipationRow[] = [];
  const attended = new Map<Mesure, number>();
  const sequences = new Map<string, number>();
  for (const { territoire, mesures: volumes } of operator.activity) {
    const dispositifs = Object.keys(volumes) as Dispositif[];
    const local = mesures.filter((m) => m.territoire === territoire);
    const drafts: { date: string; dispositif: Dispositif | "mixte" }[] = [];
    for (let month = "2024-09-01"; month <= DATE_ARRETE; month = addMonths(month, 1)) {
      // About one action a month per twenty people accompanied, fewer in some months (holidays, staff away).
      const active = local.filter((m) => m.debut <= addMonths(month, 1) && m.dernierJour >= month).length;
      const perMonth = Math.max(0.5, active / 20);
      let n = Math.floor(perMonth) + (random.chance(perMonth % 1) ? 1 : 0);
      if (random.chance(0.15)) n = Math.max(0, n - 1);
      for (let i = 0; i < n; i++) {
        const date = addDays(month, random.int(0, 27));
        if (date > DATE_ARRETE) continue;
        const dispositif = dispositifs.length > 1 && random.chance(0.45) ? "mixte" : random.pick(dispositifs);
        drafts.push({ date, dispositif });
      }
    }
    drafts.sort((a, b) => compare(a.date, b.date));
    for (const { date, dispositif } of drafts) {
      const present = local.filter((m) => m.debut <= date && date <= m.dernierJour && (dispositif === "mixte" || m.dispositif === dispositif));
      // About a third of the people accompanied come, and at least two when there are two.
      const nb = Math.min(present.length, random.int(3, 10), Math.max(2, Math.ceil(present.length / 3)));
      if (nb === 0) continue;
      const people = random.some(present, nb, nb);
      const year = date.slice(0, 4);
      const seq = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, seq);
      const id = `AC-${year}-${String(seq).padStart(3, "0")}`;
      actions.push({
        code_operateur: operator.code,
        id_action: id,
        date,
        dispositif,
        territoire_lda: territoire as ActionRow["territoire_lda"],
        theme: random.chance(0.92) ? random.weighted(THEMES) : null,
        nb_participants: nb,
        partenaire_exterieur: random.chance(0.8) ? random.chance(0.4) : null,
      });
      for (const m of people) {
        attended.set(m, (attended.get(m) ?? 0) + 1);
        if (operator.participations) participations.push({ code_operateur: operator.code, id_action: id, id_personne: m.personId });
      }
    }
  }
  // The measure's own count of actions attended agrees with the attendance (it is the fallback of i05).
  for (const m of mesures) m.row.nb_actions_collectives = attended.get(m) ?? (random.chance(0.5) ? 0 : null);
  return { actions, participations };
}

const SUBSIDES = [
  // [category, probability in a month, min €, max €, times]
  ["loyer", 0.55, 150, 420, 1],
  ["energie", 0.45, 25, 95, 1],
  ["alimentation", 0.7, 15, 90, 2],
  ["hygiene", 0.35, 8, 35, 1],
  ["telephone", 0.35, 10, 30, 1],
  ["assurance_habitation", 0.15, 8, 25, 1],
  ["impaye_loyer", 0.05, 120, 650, 1],
] as const;

/** Subsidy expenses of each ENVAUL measure, month by month; a few heavy spenders exceed 5 000 € per 12 months (rule r14). */
export function subsides(random: Random, mesures: readonly Mesure[]): { mesure: Mesure; row: SubsideRow }[] {
  const out: { mesure: Mesure; row: SubsideRow }[] = [];
  const sequences = new Map<string, number>();
  const envaul = mesures.filter((m) => m.dispositif === "envaul");
  const drafts: { mesure: Mesure; row: SubsideRow }[] = [];
  for (const m of envaul) {
    const heavy = random.chance(0.1) ? 1.7 : 1;
    for (const start of moisMesureStarts(m.debut, m.dernierJour)) {
      for (const [categorie, p, min, max, times] of SUBSIDES) {
        for (let t = 0; t < times; t++) {
          if (!random.chance(Math.min(0.95, p * heavy))) continue;
          const date = addDays(start, random.int(0, 27));
          if (date > m.dernierJour) continue;
          const cents = random.int(min * 100, max * 100 * (heavy > 1 ? 1.3 : 1));
          // Rents and insurance are round amounts; shopping receipts are not.
          const montant = categorie === "loyer" || categorie === "impaye_loyer" ? Math.round(cents / 100) : cents / 100;
          drafts.push({ mesure: m, row: { code_operateur: m.operator.code, id_mesure: m.row.id_mesure!, date, categorie, montant, justificatif: random.chance(0.96) } });
        }
      }
    }
  }
  drafts.sort((a, b) => compare(a.row.date!, b.row.date!));
  for (const d of drafts) {
    const year = d.row.date!.slice(0, 4);
    const seq = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, seq);
    out.push({ mesure: d.mesure, row: { code_operateur: d.row.code_operateur, id_subside: `SUB-${year}-${String(seq).padStart(5, "0")}`, ...d.row } });
  }
  return out;
}

export interface BilanDraft {
  mesure: Mesure;
  row: BilanRow;
}

/** Delay of a bilan after its due date: mostly on time, some late, a few very late. */
function delay(random: Random): number {
  return random.weighted([[random.int(-10, 15), 75], [random.int(16, 45), 18], [random.int(46, 90), 7]] as const);
}

/** Bilans of the measures: 6 and 12 months (a few missing or late), 3 months informally, renewals and exits. */
export function bilansOf(random: Random, mesures: readonly Mesure[], missing: (m: Mesure, type: string) => void): BilanDraft[] {
  const drafts: BilanDraft[] = [];
  const add = (m: Mesure, type: NonNullable<BilanRow["type_bilan"]>, date: string, extra: Partial<BilanRow> = {}) => {
    if (date > DATE_ARRETE) return;
    drafts.push({
      mesure: m,
      row: {
        code_operateur: m.operator.code,
        fiche: m.fiche as BilanRow["fiche"],
        objet: "mesure",
        id_objet: m.row.id_mesure!,
        type_bilan: type,
        date_remise: date,
        destinataires: random.chance(0.7) ? ["coordinateur_lda", "slisl"] : ["coordinateur_lda"],
        ...extra,
      },
    });
  };
  for (const m of mesures) {
    if (!isExtension(m.territoire) && daysBetween(m.debut, m.dernierJour) > 95 && random.chance(0.3)) add(m, "bilan_3m_informel", addDays(addMonths(m.debut, 3), random.int(0, 20)));
    for (const [months, type] of [[6, "bilan_6m"], [12, "bilan_12m"]] as const) {
      // Due once the measure has run its 6 or 12 months: a 12-month measure gets its bilan_12m at its end.
      const due = addDays(addMonths(m.debut, months), -1);
      if (due > m.dernierJour) continue;
      if (random.chance(0.07)) {
        missing(m, type);
        continue;
      }
      const frequence = random.weighted([[true, 90], [false, 6], [null, 4]] as const);
      add(m, type, addDays(due, delay(random)), { frequence_intervention_precisee: frequence, signe_menage: random.chance(0.6) ? random.chance(0.85) : null });
    }
    if ((m.row.nb_renouvellements ?? 0) > 0) add(m, "bilan_renouvellement", addDays(addMonths(m.debut, 12), -random.int(5, 20)), { conclusion_poursuite: true, frequence_intervention_precisee: true });
    const endsAtTwelve = m.fin !== null && m.fin === addDays(addMonths(m.debut, 12), -1);
    if (m.fin && !endsAtTwelve && random.chance(0.6)) add(m, "bilan_fin_mesure", addDays(m.fin, random.int(0, 30)), { frequence_intervention_precisee: random.chance(0.9) });
  }
  drafts.sort((a, b) => compare(a.row.date_remise!, b.row.date_remise!));
  const sequences = new Map<string, number>();
  for (const d of drafts) {
    const year = d.row.date_remise!.slice(0, 4);
    const seq = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, seq);
    d.row = { code_operateur: d.row.code_operateur, id_bilan: `B-${year}-${String(seq).padStart(4, "0")}`, ...d.row };
  }
  return drafts;
}
