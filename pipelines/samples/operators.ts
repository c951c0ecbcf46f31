// The fictional operators of the demo data: eight associations over the seven Logement d'abord
// territories, each sending its files in its own habits (format, encoding, age or birth year).
import type { Flavour } from "./write.ts";

export type Dispositif = "adsl" | "vial" | "envaul";

export interface OperatorActivity {
  territoire: string;
  /** Measures over the whole sample window at scale 1. */
  mesures: Partial<Record<Dispositif, number>>;
}

export interface SampleOperator {
  code: string;
  activity: OperatorActivity[];
  flavour: Flavour;
  /** Sends the optional lda_participations_collectives table. */
  participations: boolean;
  /** How the operator records age: age at entry, birth year, or either depending on the worker. */
  age: "age_entree" | "annee_naissance" | "mixte";
  /** Convention amount ÷ expected service fait: < 1 means the operator exceeds its convention (capped). */
  consommation: number;
}

export const OPERATORS: readonly SampleOperator[] = [
  // « Association lensoise pour l'insertion par le logement »
  {
    code: "ASSO-LENS-01",
    activity: [{ territoire: "lens_henin", mesures: { adsl: 62, vial: 26, envaul: 22 } }],
    flavour: "csv-excel-fr",
    participations: true,
    age: "age_entree",
    consommation: 0.85,
  },
  // « Habitat solidaire d'Hénin-Carvin »
  { code: "ASSO-HENIN-01", activity: [{ territoire: "lens_henin", mesures: { adsl: 40 } }], flavour: "xlsx-titre", participations: false, age: "age_entree", consommation: 1.25 },
  // « Artois logement accompagnement »
  {
    code: "ASSO-ARTOIS-01",
    activity: [{ territoire: "artois", mesures: { adsl: 70, vial: 30, envaul: 25 } }],
    flavour: "csv-utf8",
    participations: true,
    age: "age_entree",
    consommation: 0.92,
  },
  // « Toit et insertion en Audomarois »
  {
    code: "ASSO-AUDO-01",
    activity: [{ territoire: "audomarois", mesures: { adsl: 45, envaul: 18 } }],
    flavour: "xlsx-libelles",
    participations: false,
    age: "annee_naissance",
    consommation: 1.3,
  },
  // « Côte d'Opale Logement d'abord », also running VIAL in the Audomarois
  {
    code: "ASSO-BOUL-01",
    activity: [
      { territoire: "boulonnais", mesures: { adsl: 55, vial: 25, envaul: 20 } },
      { territoire: "audomarois", mesures: { vial: 15 } },
    ],
    flavour: "csv-excel-fr",
    participations: false,
    age: "mixte",
    consommation: 1.05,
  },
  // « Les Sept Vallées solidaires »
  {
    code: "ASSO-MONTR-01",
    activity: [{ territoire: "montreuillois", mesures: { adsl: 45, vial: 15, envaul: 12 } }],
    flavour: "csv-utf8",
    participations: false,
    age: "age_entree",
    consommation: 1.15,
  },
  // « Arrageois-Ternois habitat et accompagnement »
  {
    code: "ASSO-ARRAS-01",
    activity: [{ territoire: "arrageois_ternois", mesures: { adsl: 50, vial: 25 } }],
    flavour: "csv-excel-fr",
    participations: false,
    age: "mixte",
    consommation: 0.8,
  },
  // « Calaisis accueil et logement »
  {
    code: "ASSO-CALAIS-01",
    activity: [{ territoire: "calaisis", mesures: { adsl: 60, vial: 28 } }],
    flavour: "csv-utf8",
    participations: true,
    age: "age_entree",
    consommation: 1.1,
  },
];

export const DEPARTEMENT = "CD62";
/** Data known at the end of October 2026; files are named after that month. */
export const DATE_ARRETE = "2026-10-31";
export const PERIODE = "2026-10";

const EXTENSION_TERRITOIRES = new Set(["arrageois_ternois", "calaisis"]);

export function ficheOf(dispositif: Dispositif, territoire: string): string {
  if (EXTENSION_TERRITOIRES.has(territoire)) return "f2_7_lda_extension";
  return { adsl: "f2_4_adsl", vial: "f2_5_vial", envaul: "f2_6_envaul" }[dispositif];
}

export function isExtension(territoire: string): boolean {
  return EXTENSION_TERRITOIRES.has(territoire);
}
