// The registry of report contracts: the single list every derived artefact iterates over.
import { envaulSubsides, ldaActionsCollectives, ldaMoisMesures, ldaParticipationsCollectives } from "./lda_activite.ts";
import { ldaMesures } from "./lda_mesures.ts";
import { infoActionsInformation, infoConsultations, infoPermanences } from "./f2_1_information.ts";
import { nvActionsSpecifiques, nvConsultations, nvInstances, nvPermanences } from "./f2_2_numero_vert.ts";
import { astreAides, astreContacts, astreMesures, astrePartenariats, astreSaisines } from "./f2_3_astre.ts";
import { gepParticipations, gepRencontres } from "./f2_8_gep.ts";
import { obsCohorte, obsDemandesSiao, obsLivrables, obsRencontres } from "./f2_9_observatoire_jeunes.ts";
import { emContactsBailleurs, emInterventions } from "./f2_10_equipes_mobiles.ts";
import { sensEmargements, sensEvaluations, sensSessions } from "./f2_11_sensibilisation_pe.ts";
import { gdvGrandsPassages, gdvHabitatAdapte, gdvReunions, gdvSaisinesFamilles, gdvSollicitationsCollectivites } from "./f2_13_gens_du_voyage.ts";
import { peActionsInnovantes, peMenages, peOrientations, pePrestations, peSituationEnergie, peVisites } from "./f2_12_prevention_pe.ts";
import { ldaRencontresHebdo, ldaSaisines, ldaSecurisation } from "./lda_plateforme.ts";
import { bilans, comptesRendusFinanciers, conventions, versements } from "./shared.ts";
import { bilansQuantitatifs } from "./bilans_quantitatifs.ts";

export const REPORTS = [
  infoConsultations,
  infoPermanences,
  infoActionsInformation,
  nvConsultations,
  nvPermanences,
  nvInstances,
  nvActionsSpecifiques,
  astreSaisines,
  astreMesures,
  astreAides,
  astreContacts,
  astrePartenariats,
  ldaSaisines,
  ldaMesures,
  ldaMoisMesures,
  ldaActionsCollectives,
  ldaParticipationsCollectives,
  ldaRencontresHebdo,
  ldaSecurisation,
  envaulSubsides,
  gepRencontres,
  gepParticipations,
  obsDemandesSiao,
  obsCohorte,
  obsRencontres,
  obsLivrables,
  emInterventions,
  emContactsBailleurs,
  sensSessions,
  sensEmargements,
  sensEvaluations,
  peMenages,
  peSituationEnergie,
  pePrestations,
  peVisites,
  peOrientations,
  peActionsInnovantes,
  gdvReunions,
  gdvHabitatAdapte,
  gdvGrandsPassages,
  gdvSaisinesFamilles,
  gdvSollicitationsCollectivites,
  bilans,
  bilansQuantitatifs,
  comptesRendusFinanciers,
  conventions,
  versements,
] as const;

export type AnyReport = (typeof REPORTS)[number];

export function reportByTable(table: string): AnyReport | undefined {
  return REPORTS.find((r) => r.table === table);
}
