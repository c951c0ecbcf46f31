// Logement d'abord sécurisation financière (ADSL, VIAL): when a sub-lease could not slide to the household, the
// operator asks the SPSLH to cover the residual rent, damage and fees from unused mois-mesures (5 000 € at most).
import type { ldaSecurisation } from "../../contracts/lda_plateforme.ts";
import type { Anomalie } from "../anomalies.ts";
import { addDays } from "../dates.ts";
import type { Mesure } from "../measures.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { Random } from "../random.ts";
import type { OperatorRow } from "../rows.ts";
import { numberByYear } from "./common.ts";

type Demande = OperatorRow<typeof ldaSecurisation>;

export const PLAFOND_SECURISATION = 5000;
/** Operators whose sub-leases sometimes fail to slide: they send the table every month. */
export const SECURISATION = ["ASSO-LENS-01", "ASSO-BOUL-01", "ASSO-ARRAS-01", "ASSO-CALAIS-01"];

export function securisations(random: Random, operator: string, mesures: readonly Mesure[]): { rows: Demande[]; anomalies: Anomalie[] } {
  if (!SECURISATION.includes(operator)) return { rows: [], anomalies: [] };
  // Ended early enough for the request to be filed (and mostly decided) by the snapshot.
  const ended = mesures.filter((m) => m.dispositif !== "envaul" && m.fin && m.fin <= addDays(DATE_ARRETE, -70));
  const slid = ended.filter((m) => m.row.type_logement_relogement === "sous_location_bail_glissant" && !m.row.date_glissement_bail);
  const candidates = slid.length ? slid : ended.filter((m) => m.row.date_relogement).length ? ended.filter((m) => m.row.date_relogement) : ended;
  const rows: Demande[] = [];
  for (const m of candidates.length ? random.some(candidates, 1, 3) : []) {
    const date = addDays(m.fin!, random.int(10, 60));
    if (date > DATE_ARRETE) continue;
    const loyer = random.int(3, 25) * 100;
    const degradations = random.chance(0.5) ? random.int(2, 15) * 100 : null;
    const frais = random.chance(0.4) ? random.int(150, 600) : null;
    const demande = loyer + (degradations ?? 0) + (frais ?? 0);
    const justificatifs = random.chance(0.9);
    const decided = addDays(date, random.int(10, 30));
    const decision = decided > DATE_ARRETE ? "en_attente" : justificatifs && random.chance(0.85) ? "accordee" : "refusee";
    rows.push({
      code_operateur: operator,
      id_mesure: m.row.id_mesure!,
      date_demande: date,
      montant_loyer_residuel: loyer,
      montant_degradations: degradations,
      montant_frais_procedure: frais,
      montant_demande: demande,
      justificatifs,
      decision,
      montant_accorde: decision === "accordee" ? Math.min(demande, PLAFOND_SECURISATION) : null,
      date_decision: decision === "en_attente" ? null : decided,
    });
  }
  numberByYear(
    rows,
    (r) => r.date_demande!,
    (r, id) => (r.id_demande = id),
    "SEC-",
    3,
  );
  const anomalies: Anomalie[] = [];
  // r08: the Lens operator had a large request granted beyond the 5 000 € ceiling.
  const big = operator === "ASSO-LENS-01" ? rows.find((r) => r.decision === "accordee") : undefined;
  if (big) {
    Object.assign(big, {
      montant_loyer_residuel: 3900,
      montant_degradations: 1200,
      montant_frais_procedure: 300,
      montant_demande: 5400,
      montant_accorde: 5400,
      justificatifs: true,
    });
    anomalies.push({
      regle: "r08",
      attendu: "ecart",
      operateur: operator,
      table: "lda_securisation",
      id: big.id_mesure!,
      description: "sécurisation financière accordée pour 5 400 € (5 000 € au plus)",
    });
  }
  return { rows, anomalies };
}
