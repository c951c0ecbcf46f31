// The fictional operators of the demo data: who serves which Logement d'abord territory, and in
// which file flavour each sends its reports (to exercise every reader).
import type { Flavour } from "./write.ts";

export interface SampleOperator {
  code: string;
  territoire: string;
  dispositifs: readonly ("adsl" | "vial" | "envaul")[];
  flavour: Flavour;
  /** Sends the optional per-person participation table for collective actions. */
  participations: boolean;
  /** Measures started per month, all dispositifs together. */
  rythme: number;
}

export const SAMPLE_OPERATORS: readonly SampleOperator[] = [
  { code: "ASSO-LENS-01", territoire: "lens_henin", dispositifs: ["adsl", "vial", "envaul"], flavour: "csv-excel-fr", participations: true, rythme: 5 },
  { code: "ASSO-LENS-02", territoire: "lens_henin", dispositifs: ["adsl"], flavour: "xlsx-titre", participations: false, rythme: 2 },
  { code: "ASSO-ARTOIS-01", territoire: "artois", dispositifs: ["adsl", "vial", "envaul"], flavour: "csv-utf8", participations: true, rythme: 5 },
  { code: "ASSO-AUDO-01", territoire: "audomarois", dispositifs: ["adsl", "vial", "envaul"], flavour: "xlsx-libelles", participations: false, rythme: 3 },
  { code: "ASSO-BOUL-01", territoire: "boulonnais", dispositifs: ["adsl", "vial", "envaul"], flavour: "csv-excel-fr", participations: true, rythme: 3 },
  { code: "ASSO-MONT-01", territoire: "montreuillois", dispositifs: ["adsl", "envaul"], flavour: "csv-utf8", participations: false, rythme: 3 },
  { code: "ASSO-ARRAS-01", territoire: "arrageois_ternois", dispositifs: ["adsl", "vial"], flavour: "csv-excel-fr", participations: false, rythme: 3 },
  { code: "ASSO-CALAIS-01", territoire: "calaisis", dispositifs: ["adsl", "vial"], flavour: "xlsx-titre", participations: true, rythme: 3 },
];

/** Convention periods (spec §A.4): AMI 1 runs on the calendar year; AMI 2 and the 2024 extension from 1 November. */
export function conventionPeriods(ami: string): { exercice: number; debut: string; fin: string }[] {
  return [2024, 2025, 2026].map((exercice) =>
    ami === "ami1"
      ? { exercice, debut: `${exercice}-01-01`, fin: `${exercice}-12-31` }
      : { exercice, debut: `${exercice}-11-01`, fin: `${exercice + 1}-10-31` },
  );
}
