// Valid rows that break a business rule of the fiches (as opposed to format defects, which the
// quarantine catches): they let the rule checks and the site's alerts show something.
import type { MoisRow } from "./activity.ts";
import { addDays, addMonths } from "./dates.ts";
import { buildMesure, changeAge, type Mesure, type Plan } from "./measures.ts";
import type { Dispositif, SampleOperator } from "./operators.ts";
import { drawPerson } from "./people.ts";
import type { Random } from "./random.ts";
import type { SampleReference } from "./reference.ts";

export interface Anomalie {
  regle: string;
  /** « ecart »: the rule is broken; « conforme »: a rare case the rule allows (VIAL derogation). */
  attendu: "ecart" | "conforme";
  operateur: string;
  table: string;
  /** id_mesure once identifiers are given. */
  id: string;
  description: string;
}

interface Pending {
  regle: string;
  attendu: Anomalie["attendu"];
  mesure: Mesure;
  description: string;
}

interface Forced {
  attendu?: Anomalie["attendu"];
  dispositif: Dispositif;
  debut: string;
  plan: (debut: string) => Plan;
  regle: string;
  description: string;
  after?: (m: Mesure) => void;
}

/** Per operator, measures whose course is set by hand to exercise a rule. */
const FORCED: Record<string, Forced[]> = {
  "ASSO-LENS-01": [
    {
      dispositif: "adsl",
      debut: "2024-09-16",
      plan: (d) => ({ finPrevue: addMonths(d, 30), renouvellements: 2, derogation: 0, typeSortie: "positive" }),
      regle: "r03",
      description: "mesure ADSL toujours en cours après plus de 24 mois (12 mois + 12 mois de renouvellement)",
    },
    {
      dispositif: "vial",
      debut: "2024-10-01",
      plan: (d) => ({ finPrevue: addDays(addMonths(d, 30), -1), renouvellements: 2, derogation: 6, typeSortie: "positive" }),
      regle: "2.5 r03",
      attendu: "conforme",
      description: "mesure VIAL en dérogation de 6 mois (accord du coordinateur et du chef SLISL) : conforme",
    },
  ],
  "ASSO-ARTOIS-01": [
    {
      dispositif: "vial",
      debut: "2024-09-09",
      plan: (d) => ({ finPrevue: addDays(addMonths(d, 29), -1), renouvellements: 2, derogation: 6, typeSortie: "positive" }),
      regle: "2.5 r03",
      attendu: "conforme",
      description: "mesure VIAL en dérogation de 6 mois (accord du coordinateur et du chef SLISL) : conforme",
    },
  ],
  "ASSO-CALAIS-01": [
    {
      dispositif: "adsl",
      debut: "2024-11-04",
      plan: (d) => ({ finPrevue: addDays(addMonths(d, 20), -1), renouvellements: 1, derogation: 0, typeSortie: "positive" }),
      regle: "r03",
      description: "mesure terminée après 20 mois avec un seul renouvellement de 6 mois (18 mois au plus)",
    },
  ],
  "ASSO-MONTR-01": [
    {
      dispositif: "adsl",
      debut: "2025-03-10",
      plan: (d) => ({ finPrevue: addDays(addMonths(d, 18), -1), renouvellements: 1, derogation: 0, typeSortie: "positive" }),
      regle: "r03",
      description: "mesure renouvelée sans avis favorable du coordinateur",
      after: (m) => {
        m.row.avis_coordinateur_renouvellement = false;
      },
    },
  ],
};

export function forceRuleCases(random: Random, operator: SampleOperator, reference: SampleReference, mesures: Mesure[]): Pending[] {
  const pending: Pending[] = [];
  const ctx = { random, operator, reference };
  for (const f of FORCED[operator.code] ?? []) {
    const territoire = operator.activity.find((a) => a.mesures[f.dispositif])!.territoire;
    const index = mesures.findIndex((m) => m.dispositif === f.dispositif && m.territoire === territoire && !pending.some((p) => p.mesure === m));
    const m = buildMesure(ctx, f.dispositif, territoire, f.debut, f.plan(f.debut), drawPerson(random, f.dispositif), "");
    f.after?.(m);
    if (index >= 0) mesures.splice(index, 1, m);
    else mesures.push(m);
    pending.push({ regle: f.regle, attendu: f.attendu ?? "ecart", mesure: m, description: f.description });
  }
  if (operator.code === "ASSO-ARTOIS-01") {
    const young = mesures.find((m) => m.dispositif === "envaul" && !pending.some((p) => p.mesure === m))!;
    changeAge(young, 26, random);
    pending.push({ regle: "2.6 r13", attendu: "ecart", mesure: young, description: "jeune de 26 ans à l'entrée en ENVAUL (au-delà de 25 ans)" });
  }
  return pending;
}

/** The 25-year-olds drawn by chance are reported too: rule 2.6 r13 warns on them. */
export function resolve(pending: readonly Pending[], mesures: readonly Mesure[]): Anomalie[] {
  const out: Anomalie[] = pending.map((p) => ({ regle: p.regle, attendu: p.attendu, operateur: p.mesure.operator.code, table: "lda_mesures", id: p.mesure.row.id_mesure!, description: p.description }));
  for (const m of mesures) {
    if (m.dispositif === "envaul" && m.person.age === 25) {
      out.push({ regle: "2.6 r13", attendu: "ecart", operateur: m.operator.code, table: "lda_mesures", id: m.row.id_mesure!, description: "jeune de 25 ans à l'entrée en ENVAUL (avertissement)" });
    }
  }
  return out;
}

const COUNTING_ERRORS: Record<string, number> = { "ASSO-LENS-01": 2, "ASSO-BOUL-01": 2, "ASSO-ARRAS-01": 1, "ASSO-CALAIS-01": 2, "ASSO-HENIN-01": 1 };

/**
 * Monthly counts that disagree with the measures (rule r07): a month forgotten, a month counted
 * after the exit or before the activation.
 */
export function countingErrors(random: Random, operator: SampleOperator, rows: { mesure: Mesure; row: MoisRow }[]): Anomalie[] {
  const out: Anomalie[] = [];
  const n = COUNTING_ERRORS[operator.code] ?? 0;
  const byMesure = new Map<Mesure, number[]>();
  rows.forEach((r, i) => byMesure.set(r.mesure, [...(byMesure.get(r.mesure) ?? []), i]));
  const candidates = [...byMesure.entries()].filter(([, idx]) => idx.length >= 4);
  const removed = new Set<number>();
  const added: { at: number; mesure: Mesure; row: MoisRow }[] = [];
  for (let k = 0; k < n && candidates.length; k++) {
    const [mesure, idx] = candidates.splice(random.int(0, candidates.length - 1), 1)[0]!;
    const id = mesure.row.id_mesure!;
    const kind = mesure.fin ? random.pick(["oubli", "apres_fin", "avant_debut"] as const) : random.pick(["oubli", "avant_debut"] as const);
    if (kind === "oubli") {
      const i = idx[random.int(1, idx.length - 2)]!;
      removed.add(i);
      out.push({ regle: "r07", attendu: "ecart", operateur: operator.code, table: "lda_mois_mesures", id, description: `mois ${rows[i]!.row.mois} non déclaré dans le comptage mensuel` });
    } else {
      const last = idx[idx.length - 1]!;
      const mois = kind === "apres_fin" ? addMonths(`${rows[last]!.row.mois}-01`, 1).slice(0, 7) : addMonths(`${rows[idx[0]!]!.row.mois}-01`, -1).slice(0, 7);
      added.push({ at: kind === "apres_fin" ? last + 0.5 : idx[0]! - 0.5, mesure, row: { ...rows[last]!.row, mois } });
      const what = kind === "apres_fin" ? "après le dernier mois de la mesure" : "avant la date de début";
      out.push({ regle: "r07", attendu: "ecart", operateur: operator.code, table: "lda_mois_mesures", id, description: `mois ${mois} compté en trop (${what})` });
    }
  }
  const kept = rows.map((r, i) => ({ at: i, ...r })).filter((r) => !removed.has(r.at));
  const merged = [...kept, ...added].sort((a, b) => a.at - b.at);
  rows.splice(0, rows.length, ...merged.map(({ mesure, row }) => ({ mesure, row })));
  return out;
}
