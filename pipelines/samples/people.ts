// Who the accompanied people are, by dispositif: ADSL households, VIAL people in errance,
// ENVAUL young people. Proportions are plausible orders of magnitude, not statistics.
import { CATEGORIES_PARTENAIRE, VULNERABILITES } from "../contracts/dimensions.ts";
import type { Dispositif } from "./operators.ts";
import { type Random, someWeighted } from "./random.ts";

type Weights<T extends string> = readonly (readonly [T, number])[];
type Partenaire = (typeof CATEGORIES_PARTENAIRE)[number];
type Vulnerabilite = (typeof VULNERABILITES)[number];

export interface Person {
  sexe: "F" | "M" | "non_renseigne";
  age: number;
  composition: "personne_seule" | "famille_monoparentale" | "couple_sans_enfant" | "couple_avec_enfants" | "autre" | "non_renseigne";
  nbEnfants: number | null;
  parcoursAse: "oui" | "non" | "inconnu" | null;
}

const SEXES: Record<Dispositif, Weights<Person["sexe"]>> = {
  adsl: [["F", 58], ["M", 41], ["non_renseigne", 1]],
  vial: [["M", 72], ["F", 27], ["non_renseigne", 1]],
  envaul: [["M", 55], ["F", 44], ["non_renseigne", 1]],
};

/** Age bands [min, max] with weights; ENVAUL young people are 18-24 (25 is drawn apart). */
const AGES: Record<Dispositif, readonly (readonly [readonly [number, number], number])[]> = {
  adsl: [[[18, 24], 12], [[25, 34], 28], [[35, 49], 33], [[50, 64], 20], [[65, 75], 7]],
  vial: [[[18, 24], 8], [[25, 34], 25], [[35, 49], 37], [[50, 64], 25], [[65, 75], 5]],
  envaul: [[[18, 18], 8], [[19, 19], 14], [[20, 20], 16], [[21, 21], 16], [[22, 22], 14], [[23, 23], 12], [[24, 24], 10]],
};

const COMPOSITIONS: Record<Dispositif, Weights<Person["composition"]>> = {
  adsl: [["personne_seule", 40], ["famille_monoparentale", 32], ["couple_avec_enfants", 12], ["couple_sans_enfant", 8], ["autre", 5], ["non_renseigne", 3]],
  vial: [["personne_seule", 78], ["couple_sans_enfant", 10], ["famille_monoparentale", 5], ["autre", 5], ["non_renseigne", 2]],
  envaul: [["personne_seule", 80], ["couple_sans_enfant", 8], ["famille_monoparentale", 8], ["autre", 4]],
};

export function drawPerson(random: Random, dispositif: Dispositif): Person {
  const [min, max] = random.weighted(AGES[dispositif]);
  let age = random.int(min, max);
  // « moins de 25 ans » vs « 18 à 25 ans »: a few 25-year-olds reach ENVAUL (warning of rule 2.6 r13).
  if (dispositif === "envaul" && random.chance(0.06)) age = 25;
  const composition = random.weighted(COMPOSITIONS[dispositif]);
  const withChildren = composition === "famille_monoparentale" || composition === "couple_avec_enfants";
  const nbEnfants = withChildren ? random.weighted([[1, 40], [2, 32], [3, 18], [4, 7], [5, 3]] as const) : random.chance(0.7) ? 0 : null;
  const parcoursAse =
    dispositif === "envaul"
      ? random.weighted([["oui", 45], ["non", 45], ["inconnu", 10]] as const)
      : random.chance(0.5)
        ? random.weighted([["oui", 8], ["non", 80], ["inconnu", 12]] as const)
        : null;
  return { sexe: random.weighted(SEXES[dispositif]), age, composition, nbEnfants, parcoursAse };
}

export const SITUATIONS_ENTREE = {
  adsl: [
    ["locataire_parc_social", 20], ["locataire_parc_prive", 12], ["sous_locataire", 4], ["heberge_tiers", 20], ["structure_hebergement", 14],
    ["hotel", 3], ["logement_adapte", 6], ["rue", 4], ["squat", 2], ["errance", 2], ["habitat_precaire", 3], ["institution", 3], ["autre", 3], ["non_renseigne", 1],
  ],
  vial: [
    ["rue", 22], ["errance", 18], ["squat", 12], ["habitat_precaire", 8], ["structure_hebergement", 14], ["heberge_tiers", 10],
    ["hotel", 4], ["institution", 6], ["locataire_parc_social", 3], ["locataire_parc_prive", 2], ["autre", 1],
  ],
  envaul: [
    ["heberge_tiers", 28], ["structure_hebergement", 18], ["institution", 16], ["squat", 8], ["rue", 8], ["errance", 6],
    ["habitat_precaire", 4], ["hotel", 4], ["logement_adapte", 6], ["autre", 2],
  ],
} as const;

export const ALREADY_HOUSED = new Set(["locataire_parc_social", "locataire_parc_prive", "sous_locataire", "proprietaire_occupant"]);

export const RELOGEMENTS = {
  adsl: [["parc_social", 45], ["parc_prive", 20], ["sous_location_bail_glissant", 18], ["logement_adapte", 8], ["colocation", 2], ["logement_sas", 4], ["autre", 3]],
  vial: [["parc_social", 30], ["logement_adapte", 25], ["sous_location_bail_glissant", 25], ["parc_prive", 10], ["logement_sas", 8], ["autre", 2]],
  envaul: [["parc_prive", 25], ["parc_social", 25], ["colocation", 20], ["sous_location_bail_glissant", 20], ["logement_adapte", 10]],
} as const;

export const RESSOURCES = {
  adsl: [
    ["rsa", 30], ["aah", 10], ["salaire", 12], ["indemnites_chomage", 8], ["prime_activite", 6], ["prestations_familiales", 10],
    ["pension_invalidite", 4], ["retraite_minimum_vieillesse", 4], ["sans_ressources", 6], ["autre", 4], ["non_renseigne", 3],
  ],
  vial: [["rsa", 38], ["aah", 22], ["sans_ressources", 18], ["pension_invalidite", 6], ["indemnites_chomage", 4], ["retraite_minimum_vieillesse", 4], ["autre", 4], ["non_renseigne", 4]],
  envaul: [["sans_ressources", 30], ["cej_allocation", 20], ["faj", 10], ["allocation_jeune_majeur", 8], ["salaire", 6], ["bourse_etudes", 3], ["indemnites_chomage", 3], ["autre", 5], ["non_renseigne", 3]],
} as const;

export const SITUATIONS_PRO = {
  adsl: [["demandeur_emploi", 35], ["sans_activite", 22], ["emploi", 15], ["invalidite_inaptitude", 10], ["retraite", 6], ["formation_etudes", 2], ["non_renseigne", 10]],
  vial: [["sans_activite", 45], ["invalidite_inaptitude", 20], ["demandeur_emploi", 20], ["retraite", 4], ["emploi", 3], ["non_renseigne", 8]],
  envaul: [["demandeur_emploi", 40], ["sans_activite", 22], ["formation_etudes", 18], ["emploi", 8], ["non_renseigne", 12]],
} as const;

export const CONTRATS = {
  adsl: [["cdd", 30], ["interim", 22], ["cdi", 14], ["cddi", 12], ["contrat_aide", 10], ["alternance", 3], ["premieres_heures_chantier", 3], ["independant", 3], ["autre", 3]],
  vial: [["cddi", 30], ["premieres_heures_chantier", 25], ["cdd", 18], ["interim", 12], ["contrat_aide", 10], ["autre", 5]],
  envaul: [["cdd", 25], ["interim", 22], ["alternance", 20], ["cdi", 8], ["cddi", 10], ["contrat_aide", 10], ["autre", 5]],
} as const;

const PARTENAIRES: Record<Dispositif, Weights<Partenaire>> = {
  adsl: [
    ["bailleur_social", 9], ["ccas", 6], ["caf_cpam", 7], ["departement_mds", 7], ["sante", 4], ["insertion_professionnelle", 4], ["bailleur_prive", 4],
    ["protection_juridique_tutelle", 2], ["acces_droits_juridique", 2], ["aide_alimentaire_caritatif", 3], ["sante_mentale", 3], ["siao_hebergement", 2],
    ["habitat_technique", 1], ["culture_sport_loisirs", 1], ["justice_spip", 1], ["formation", 1], ["autre", 1],
  ],
  vial: [
    ["sante_mentale", 9], ["addictologie", 8], ["sante", 6], ["siao_hebergement", 6], ["bailleur_social", 5], ["ccas", 4], ["handicap_medico_social", 4],
    ["protection_juridique_tutelle", 3], ["caf_cpam", 4], ["justice_spip", 2], ["aide_alimentaire_caritatif", 3], ["departement_mds", 3], ["insertion_professionnelle", 1], ["autre", 1],
  ],
  envaul: [
    ["insertion_professionnelle", 9], ["departement_mds", 7], ["bailleur_prive", 5], ["bailleur_social", 5], ["formation", 5], ["caf_cpam", 5], ["sante", 3],
    ["sante_mentale", 3], ["aide_alimentaire_caritatif", 3], ["culture_sport_loisirs", 2], ["siao_hebergement", 2], ["justice_spip", 1], ["autre", 1],
  ],
};

const VULNERABILITES_PAR_DISPOSITIF: Record<Dispositif, Weights<Vulnerabilite>> = {
  adsl: [["gestion_budgetaire", 9], ["expulsion", 6], ["parentalite", 5], ["violences_intrafamiliales", 4], ["isolement", 4], ["sante", 3], ["sante_mentale_handicap_psychique", 2], ["addictions", 2], ["autre", 1]],
  vial: [["addictions", 9], ["sante_mentale_handicap_psychique", 9], ["marginalite_errance", 8], ["isolement", 5], ["sante", 4], ["sortie_institution", 3], ["sans_ressources", 3], ["gestion_budgetaire", 2]],
  envaul: [["rupture_familiale", 8], ["sans_ressources", 8], ["insertion_socio_professionnelle", 7], ["sortie_institution", 5], ["addictions", 2], ["sante_mentale_handicap_psychique", 2], ["isolement", 3], ["gestion_budgetaire", 4]],
};

export const partenaires = (random: Random, d: Dispositif) => someWeighted(random, PARTENAIRES[d], 1, 5);
export const vulnerabilites = (random: Random, d: Dispositif) => someWeighted(random, VULNERABILITES_PAR_DISPOSITIF[d], 0, 3);
