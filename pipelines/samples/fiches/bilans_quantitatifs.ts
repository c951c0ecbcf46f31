// Declared bilans (bilans_quantitatifs): the information operators also fill the Département's grid with their
// yearly totals, as their activity report states them — the same figures the records give, but one call count
// typed from an older export, which the comparison with the computed figure must catch.
import type { bilansQuantitatifs } from "../../contracts/bilans_quantitatifs.ts";
import type { Anomalie } from "../anomalies.ts";
import type { OperatorRow } from "../rows.ts";
import type { SampleTable } from "./common.ts";

type Declared = OperatorRow<typeof bilansQuantitatifs>;

const rowsOf = (tables: readonly SampleTable[], table: string, operator: string) =>
  tables.filter((t) => t.report.table === table && t.operator === operator).flatMap((t) => t.rows as Record<string, unknown>[]);

/** [fiche, operator, table, indicator, label, which rows count]. */
const GRID: readonly (readonly [string, string, string, string, string, (r: Record<string, unknown>) => boolean])[] = [
  [
    "f2_1_information",
    "ADIL-62",
    "info_consultations",
    "i01",
    "Nombre de personnes reçues",
    (r) => ["rdv_bureau", "accueil_sans_rdv", "permanence"].includes(String(r.mode_consultation)),
  ],
  ["f2_1_information", "ADIL-62", "info_consultations", "i02", "Nombre d'appels téléphoniques", (r) => r.mode_consultation === "telephone"],
  ["f2_1_information", "ADIL-62", "info_permanences", "i03", "Nombre de permanences", () => true],
  ["f2_2_numero_vert", "ASSO-NV-62", "nv_consultations", "i01", "Nombre de consultations", () => true],
  ["f2_2_numero_vert", "ASSO-NV-62", "nv_permanences", "i03", "Nombre de permanences", () => true],
];

export function declaredGrids(tables: readonly SampleTable[]): { rows: Map<string, Declared[]>; anomalies: Anomalie[] } {
  const rows = new Map<string, Declared[]>();
  const anomalies: Anomalie[] = [];
  for (const [fiche, operator, table, indicateur, libelle, counts] of GRID) {
    const dateOf = (r: Record<string, unknown>) => String(r.date_consultation ?? r.date);
    let valeur = rowsOf(tables, table, operator).filter((r) => dateOf(r).startsWith("2026") && counts(r)).length;
    if (fiche === "f2_1_information" && indicateur === "i02") {
      valeur += 12;
      anomalies.push({
        regle: "déclaré ≠ calculé",
        attendu: "ecart",
        operateur: operator,
        table: "bilans_quantitatifs",
        id: `${fiche}/${indicateur}/2026`,
        description: "nombre d'appels déclaré supérieur de 12 à celui des consultations transmises",
      });
    }
    const row: Declared = {
      code_operateur: operator,
      fiche: fiche as Declared["fiche"],
      indicateur: indicateur as Declared["indicateur"],
      libelle_indicateur: libelle,
      annee: 2026,
      mois: null,
      territoire: "62",
      ventilation: "ensemble",
      modalite: "ensemble",
      valeur,
      commentaire: null,
    };
    rows.set(operator, [...(rows.get(operator) ?? []), row]);
  }
  return { rows, anomalies };
}
