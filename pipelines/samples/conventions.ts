// The Département's conventions with the sample operators, sized on what each operator actually
// does so that some exceed their amount (capped) and others under-consume (balance, trop-perçu).
import type { conventions } from "../contracts/shared.ts";
import type { ReportRow } from "../contracts/report.ts";
import type { SubsideRow } from "./activity.ts";
import { moisOf } from "./activity.ts";
import { compare, daysBetween } from "./dates.ts";
import type { Mesure } from "./measures.ts";
import { DATE_ARRETE, type Dispositif, ficheOf, OPERATORS } from "./operators.ts";
import type { Random } from "./random.ts";
import type { SampleReference } from "./reference.ts";

export type ConventionRow = Partial<ReportRow<typeof conventions>>;

/** Convention years (spec §A.4): AMI 1 by calendar year; AMI 2 and the 2.7 extension from 1 November to 31 October. */
const PERIODES: Record<string, readonly (readonly [exercice: string, debut: string, fin: string])[]> = {
  ami1: [["2024", "2024-01-01", "2024-12-31"], ["2025", "2025-01-01", "2025-12-31"], ["2026", "2026-01-01", "2026-12-31"]],
  ami2: [["2024", "2024-11-01", "2025-10-31"], ["2025", "2025-11-01", "2026-10-31"], ["2026", "2026-11-01", "2027-10-31"]],
  extension_2024: [["2024", "2024-11-01", "2025-10-31"], ["2025", "2025-11-01", "2026-10-31"], ["2026", "2026-11-01", "2027-10-31"]],
};

/** First day a measure may start in the sample: the start of the earliest convention of its territory. */
export function sampleWindowStart(ami: string): string {
  return ami === "ami1" ? "2024-09-01" : PERIODES[ami]![0]![1];
}

const SHORT: Record<string, string> = { f2_4_adsl: "ADSL", f2_5_vial: "VIAL", f2_6_envaul: "ENVAUL", f2_7_lda_extension: "EXT" };

function tariff(reference: SampleReference, fiche: string, dispositif: Dispositif): number {
  return reference.parametre(fiche, `tarif_12_mois_${dispositif}`);
}

export function conventionRows(random: Random, reference: SampleReference, mesures: readonly Mesure[], subsides: readonly { mesure: Mesure; row: SubsideRow }[]): ConventionRow[] {
  const rows: ConventionRow[] = [];
  for (const operator of OPERATORS) {
    const groups = new Map<string, { fiche: string; ami: string; perimetre: string[]; dispositifs: Dispositif[] }>();
    for (const { territoire, mesures: volumes } of operator.activity) {
      for (const d of Object.keys(volumes) as Dispositif[]) {
        const fiche = ficheOf(d, territoire);
        const ami = reference.ami.get(territoire)!;
        const key = `${fiche}|${ami}`;
        const g = groups.get(key) ?? { fiche, ami, perimetre: [], dispositifs: [] };
        if (!g.perimetre.includes(territoire)) g.perimetre.push(territoire);
        if (!g.dispositifs.includes(d)) g.dispositifs.push(d);
        groups.set(key, g);
      }
    }
    for (const g of groups.values()) {
      const own = mesures.filter((m) => m.operator === operator && m.fiche === g.fiche && g.perimetre.includes(m.territoire));
      let previous = 0;
      let previousMeasures = 0;
      for (const [exercice, debut, fin] of PERIODES[g.ami]!) {
        // Service fait observed up to the snapshot, extrapolated to the whole year when it is still running.
        let montant = 0;
        let moisMesures = 0;
        const observedEnd = fin < DATE_ARRETE ? fin : DATE_ARRETE;
        if (debut <= DATE_ARRETE) {
          for (const m of own) {
            const n = moisOf(m).filter((mois) => mois >= debut.slice(0, 7) && mois <= observedEnd.slice(0, 7)).length;
            moisMesures += n;
            montant += (n * tariff(reference, g.fiche, m.dispositif)) / 12;
          }
          for (const s of subsides) if (s.mesure.operator === operator && own.includes(s.mesure) && s.row.date! >= debut && s.row.date! <= observedEnd) montant += s.row.montant!;
          const share = (daysBetween(debut, observedEnd) + 1) / (daysBetween(debut, fin) + 1);
          montant /= share;
          moisMesures /= share;
        } else {
          montant = previous * 1.05;
          moisMesures = previousMeasures * 1.05;
        }
        previous = montant;
        previousMeasures = moisMesures;
        const conventionne = Math.max(5000, Math.round((montant * operator.consommation * (0.97 + 0.06 * random.next())) / 500) * 500);
        rows.push({
          id_convention: `CONV-${exercice}-${SHORT[g.fiche]}-${operator.code}`,
          fiche: g.fiche as ConventionRow["fiche"],
          code_operateur: operator.code,
          perimetre: g.perimetre as ConventionRow["perimetre"],
          dispositif: g.dispositifs,
          date_debut: debut,
          date_fin: fin,
          montant_conventionne: conventionne,
          // One measure = 12 mois-mesures; the État-Département convention sets the volume in measures.
          nb_mesures_conventionnees: Math.max(1, Math.round((moisMesures * operator.consommation) / 12)),
          taux_avance: reference.parametre(g.fiche, "taux_avance"),
          mode_versement: reference.modeVersement(g.fiche) as ConventionRow["mode_versement"],
        });
      }
    }
  }
  return rows.sort((a, b) => compare(a.date_debut!, b.date_debut!) || compare(a.id_convention!, b.id_convention!));
}
