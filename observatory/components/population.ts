// Rates per 10 000 inhabitants: which units they apply to, and how they are computed. Shared by the pages (maps)
// and the build (territory sheets), so both say the same. The population is the reference one
// (sources/reference/*.csv, INSEE legal populations via @etalab/decoupage-administratif).

/**
 * Units counting people, households, or the requests and measures of people: their raw counts mostly reflect how
 * many people live in a territory, so maps and comparisons default to a rate per 10 000 inhabitants. Shares (%),
 * amounts (€), durations, averages and counts of actions, sessions or documents are not divided by the population.
 */
export const UNITES_PAR_HABITANT: readonly string[] = ["personnes", "ménages", "jeunes", "demandes", "consultations", "mesures", "saisines", "contacts", "interventions", "sollicitations"];

export function parHabitant(unite: string | null | undefined): boolean {
  return UNITES_PAR_HABITANT.includes((unite ?? "").trim().toLowerCase());
}

/** Value per 10 000 inhabitants, or null when either part is missing. */
export function pour10000(valeur: number | null | undefined, population: number | null | undefined): number | null {
  if (valeur === null || valeur === undefined || !population) return null;
  return (valeur * 10_000) / population;
}

/** Counts that add up across territories (a share of the département means something): not %, means, medians. */
export function partageable(unite: string | null | undefined): boolean {
  return !/%|taux|part|moyen|médian|median|ratio|^mois$|^jours$|catégories par/i.test(unite ?? "");
}
