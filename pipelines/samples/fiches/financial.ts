// Money after the conventions: the operators' financial reports (budget lines of each ended avance-et-solde
// convention) and the Département's payments — advance at signature, balance or recovered overpayment after the end.
import { comptesRendusFinanciers, type versements } from "../../contracts/shared.ts";
import type { ReportRow } from "../../contracts/report.ts";
import type { Anomalie } from "../anomalies.ts";
import type { ConventionRow } from "../conventions.ts";
import { addDays } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { Random } from "../random.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { numberByYear, round2, type SampleTable } from "./common.ts";

type Ligne = OperatorRow<typeof comptesRendusFinanciers>;
type Poste = NonNullable<Ligne["poste"]>;
export type VersementRow = Partial<ReportRow<typeof versements>>;

const LDA = ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"];
/** Budget lines by fiche family: [poste, item, share of the convention amount]. */
const BUDGETS: Record<string, readonly (readonly [Poste, string, number])[]> = {
  lda: [
    ["frais_personnel", "Salaires et charges des référents", 0.7],
    ["charges_directes", "Déplacements des référents", 0.08],
    ["charges_directes", "Loyers et fluides des bureaux", 0.05],
    ["charges_indirectes", "Frais de structure", 0.08],
    ["autre", "Actions collectives", 0.04],
  ],
  f2_8_gep: [
    ["frais_personnel", "Animation par des professionnels de santé mentale", 0.78],
    ["charges_directes", "Location de salles", 0.08],
    ["charges_indirectes", "Frais de structure", 0.08],
  ],
  f2_10_equipes_mobiles: [
    ["frais_personnel", "Salaires des travailleurs sociaux de l'équipe mobile", 0.84],
    ["charges_directes", "Déplacements à domicile", 0.1],
    ["charges_indirectes", "Frais de structure", 0.05],
  ],
  f2_3_astre: [
    ["frais_personnel", "Salaires du travailleur social ASTRE", 0.76],
    ["prestation_tiers_technique", "Diagnostics techniques sous-traités", 0.12],
    ["charges_directes", "Déplacements à domicile", 0.07],
    ["charges_indirectes", "Frais de structure", 0.04],
  ],
};

export function comptesRendus(random: Random, conventions: readonly ConventionRow[], flavourOf: (operator: string) => Flavour): { tables: SampleTable[]; anomalies: Anomalie[] } {
  const byOperator = new Map<string, Ligne[]>();
  const anomalies: Anomalie[] = [];
  for (const c of conventions) {
    if (c.mode_versement !== "avance_et_solde" || c.date_fin! > DATE_ARRETE) continue;
    const budget = BUDGETS[LDA.includes(c.fiche!) ? "lda" : c.fiche!];
    if (!budget) continue;
    const consumption = 0.82 + 0.2 * random.next();
    const lines: Ligne[] = budget.map(([poste, libelle, share]) => ({
      code_operateur: c.code_operateur!,
      id_convention: c.id_convention!,
      poste,
      libelle_item: libelle,
      montant_prevu: round2(c.montant_conventionne! * share),
      montant_realise: round2(c.montant_conventionne! * share * consumption * (0.9 + 0.2 * random.next())),
    }));
    if (c.fiche === "f2_6_envaul")
      lines.push({
        code_operateur: c.code_operateur!,
        id_convention: c.id_convention!,
        poste: "subsides_envaul",
        libelle_item: "Subsides aux jeunes",
        montant_prevu: null,
        montant_realise: round2(c.montant_conventionne! * 0.12 * consumption),
      });
    if (c.fiche === "f2_8_gep") {
      // r05: the Lens-Hénin group spent more than its 300 € coffee envelope.
      const cafe = c.id_convention!.includes("-LH-") ? 345 : 180 + Math.round(random.next() * 110);
      lines.push({
        code_operateur: c.code_operateur!,
        id_convention: c.id_convention!,
        poste: "accueil_cafe",
        libelle_item: "Accueils café des temps d'information",
        montant_prevu: 300,
        montant_realise: cafe,
      });
      if (cafe > 300)
        anomalies.push({
          regle: "2.8 r05",
          attendu: "ecart",
          operateur: c.code_operateur!,
          table: "comptes_rendus_financiers",
          id: c.id_convention!,
          description: `accueils café pour ${cafe} € (300 € au plus par groupe)`,
        });
    }
    if (c.code_operateur === "ASSO-AUDO-01" && c.fiche === "f2_4_adsl" && c.date_debut!.startsWith("2024")) {
      // r09: direct and indirect charges above 25 % of what the Département paid.
      for (const l of lines) if (l.poste === "charges_directes" || l.poste === "charges_indirectes") l.montant_realise = round2(l.montant_realise! * 2);
      anomalies.push({
        regle: "r09",
        attendu: "ecart",
        operateur: c.code_operateur,
        table: "comptes_rendus_financiers",
        id: c.id_convention!,
        description: "charges directes et indirectes au-delà de 25 % du montant versé",
      });
    }
    byOperator.set(c.code_operateur!, [...(byOperator.get(c.code_operateur!) ?? []), ...lines]);
  }
  return { tables: [...byOperator].map(([operator, rows]) => ({ report: comptesRendusFinanciers, operator, flavour: flavourOf(operator), rows })), anomalies };
}

export function versementsOf(random: Random, conventions: readonly ConventionRow[]): { rows: VersementRow[]; anomalies: Anomalie[] } {
  const rows: VersementRow[] = [];
  const anomalies: Anomalie[] = [];
  for (const c of conventions) {
    const signature = addDays(c.date_debut!, random.int(15, 50));
    if (signature > DATE_ARRETE) continue;
    const montant = c.montant_conventionne!;
    if (c.mode_versement === "versement_unique_signature") {
      rows.push({ id_convention: c.id_convention!, date: signature, type: "versement_unique", montant });
      continue;
    }
    let taux = c.taux_avance!;
    if (c.code_operateur === "ASSO-MONTR-01" && c.fiche === "f2_4_adsl" && c.date_debut!.startsWith("2025")) {
      // r10: an advance paid at 70 % instead of the 60 % of the call for projects.
      taux = 0.7;
      anomalies.push({
        regle: "r10",
        attendu: "ecart",
        operateur: c.code_operateur,
        table: "versements",
        id: c.id_convention!,
        description: "avance versée à 70 % du montant conventionné (60 % prévus)",
      });
    }
    const avance = round2(montant * taux);
    rows.push({ id_convention: c.id_convention!, date: signature, type: "avance", montant: avance });
    // The balance comes once the bilans are in, a few months after the end.
    const solde = addDays(c.date_fin!, random.int(75, 140));
    if (solde > DATE_ARRETE) continue;
    const du = round2(montant * Math.min(1, 0.78 + 0.3 * random.next()));
    rows.push({ id_convention: c.id_convention!, date: solde, type: du >= avance ? "solde" : "reversement_trop_percu", montant: round2(Math.abs(du - avance)) });
  }
  numberByYear(
    rows,
    (r) => r.date!,
    (r, id) => (r.id_versement = id),
    "VER-",
    4,
  );
  return { rows, anomalies };
}
