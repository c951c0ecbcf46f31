// Logement d'abord weekly meetings (optional table, rule r04): the two operators that keep a weekly log send one
// row per running measure and ISO week — three meetings a week and one home visit as a rule, fewer some weeks.
import type { ldaRencontresHebdo } from "../../contracts/lda_plateforme.ts";
import { addDays, parse } from "../dates.ts";
import type { Mesure } from "../measures.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { Random } from "../random.ts";
import type { OperatorRow } from "../rows.ts";
import { pad } from "./common.ts";

type Semaine = OperatorRow<typeof ldaRencontresHebdo>;

/** Operators that keep the weekly log, and since when they send it. */
export const RENCONTRES_HEBDO: Readonly<Record<string, string>> = { "ASSO-ARTOIS-01": "2026-01-05", "ASSO-CALAIS-01": "2026-06-29" };

/** ISO 8601 week of a date: the week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  const d = parse(date);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - day) * 86400000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86400000 / 7);
  return `${year}-W${pad(week, 2)}`;
}

export function rencontresHebdo(random: Random, operator: string, mesures: readonly Mesure[]): Semaine[] {
  const from = RENCONTRES_HEBDO[operator];
  if (!from) return [];
  const rows: Semaine[] = [];
  for (let monday = from; addDays(monday, 6) <= DATE_ARRETE; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const holidays = monday.slice(5, 7) === "08" || (monday >= "2026-12-21" && monday <= "2026-12-31");
    for (const m of mesures) {
      // Full weeks of the measure only: the first and last partial weeks are not checked.
      if (m.debut > monday || m.dernierJour < sunday) continue;
      let nb: number = random.weighted([
        [3, 46],
        [4, 20],
        [2, 16],
        [5, 6],
        [1, 7],
        [0, 5],
      ] as const);
      if (holidays && random.chance(0.4)) nb = Math.max(0, nb - 1);
      const domicile = Math.min(
        nb,
        random.weighted([
          [1, 62],
          [2, 24],
          [0, 14],
        ] as const),
      );
      rows.push({
        code_operateur: operator,
        id_mesure: m.row.id_mesure!,
        semaine: isoWeek(monday),
        nb_rencontres: nb,
        nb_visites_domicile: domicile,
        nb_rencontres_horaires_atypiques:
          m.dispositif === "adsl"
            ? null
            : Math.min(
                nb,
                random.weighted([
                  [0, 70],
                  [1, 25],
                  [2, 5],
                ] as const),
              ),
      });
    }
  }
  return rows;
}
