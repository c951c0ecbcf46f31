// The registry of report contracts: the single list every derived artefact iterates over.
import { envaulSubsides, ldaActionsCollectives, ldaMoisMesures, ldaParticipationsCollectives } from "./lda_activite.ts";
import { ldaMesures } from "./lda_mesures.ts";
import { bilans, conventions } from "./shared.ts";

export const REPORTS = [ldaMesures, ldaMoisMesures, ldaActionsCollectives, ldaParticipationsCollectives, envaulSubsides, bilans, conventions] as const;

export type AnyReport = (typeof REPORTS)[number];

export function reportByTable(table: string): AnyReport | undefined {
  return REPORTS.find((r) => r.table === table);
}
