// The platforms' referral tables (« fiches saisine »): one per Logement d'abord platform, with a referral for every
// measure (a few weeks before it starts, linked through id_saisine) and the referrals that led elsewhere.
import type { ldaSaisines } from "../contracts/lda_plateforme.ts";
import { addDays, compare } from "./dates.ts";
import type { Mesure } from "./measures.ts";
import { DATE_ARRETE } from "./operators.ts";
import { drawPerson } from "./people.ts";
import type { Random } from "./random.ts";
import type { OperatorRow } from "./rows.ts";
import type { SampleReference } from "./reference.ts";

export type SaisineRow = OperatorRow<typeof ldaSaisines>;

/** Platform code per LDA territory: the SIAO antenna that carries the platform sends the table. */
export const platformOf = (territoire: string) => `PF-${territoire.toUpperCase().replace(/_/g, "-")}`;

const ORIGINES = [["ccas", 20], ["departement_mds", 25], ["structure_hebergement", 15], ["siao", 15], ["bailleur_social", 10], ["association", 10], ["tutelle_mandataire", 5]] as const;
const AUTRES_ORIENTATIONS = [["accompagnement_droit_commun", 35], ["iml", 15], ["hebergement", 15], ["non_eligible", 15], ["sans_suite", 10], ["en_cours", 10]] as const;
const SITUATIONS = [["heberge_tiers", 25], ["structure_hebergement", 15], ["locataire_parc_social", 20], ["locataire_parc_prive", 12], ["rue", 8], ["squat", 3], ["errance", 3], ["hotel", 4], ["habitat_precaire", 4], ["institution", 6]] as const;

function row(random: Random, reference: SampleReference, territoire: string, id: number, date: string, fields: Partial<SaisineRow>): SaisineRow {
  const communes = reference.communes.get(territoire)!;
  return {
    code_operateur: platformOf(territoire),
    id_saisine: `SAI-${territoire.slice(0, 4).toUpperCase()}-${String(id).padStart(5, "0")}`,
    id_menage: `MS-${territoire.slice(0, 4).toUpperCase()}-${String(id).padStart(5, "0")}`,
    date_saisine: date,
    territoire_lda: territoire as SaisineRow["territoire_lda"],
    code_commune: random.weighted(communes.map((c) => [c.code, c.population] as const)),
    origine_saisine: random.weighted(ORIGINES),
    composition_familiale: "personne_seule",
    nb_enfants: null,
    situation_logement_demande: random.weighted(SITUATIONS),
    sexe: "F",
    age_entree: null,
    annee_naissance: null,
    parcours_ase: null,
    difficultes: random.some(["gestion_budgetaire", "addictions", "isolement", "sante_mentale_handicap_psychique", "expulsion", "violences_intrafamiliales", "parentalite"], 1, 3),
    passage_commission_parcours_complexes: random.chance(0.1),
    orientation_proposee: "en_cours",
    date_orientation: null,
    ...fields,
  } as SaisineRow;
}

const minDate = (a: string, b: string) => (compare(a, b) <= 0 ? a : b);

/** Referrals of one territory; sets id_saisine on the measures they led to. */
export function saisinesOf(random: Random, reference: SampleReference, territoire: string, mesures: Mesure[]): SaisineRow[] {
  const rows: SaisineRow[] = [];
  let id = 0;
  for (const m of [...mesures].sort((a, b) => compare(a.debut, b.debut))) {
    const date = addDays(m.debut, -random.int(15, 75));
    const saisine = row(random, reference, territoire, ++id, date, {
      composition_familiale: m.person.composition,
      nb_enfants: m.person.nbEnfants,
      sexe: m.person.sexe,
      age_entree: Math.max(16, m.person.age - (date.slice(0, 4) < m.debut.slice(0, 4) ? 1 : 0)),
      parcours_ase: m.person.parcoursAse,
      orientation_proposee: m.dispositif,
      date_orientation: addDays(date, random.int(3, 14)),
    });
    m.row.id_saisine = saisine.id_saisine;
    rows.push(saisine);
  }
  // About four referrals in ten lead elsewhere than an LDA measure.
  const others = Math.round(mesures.length * 0.7);
  const first = mesures.reduce((min, m) => (compare(m.debut, min) < 0 ? m.debut : min), DATE_ARRETE);
  const span = Math.max(1, Math.round((Date.parse(DATE_ARRETE) - Date.parse(first)) / 86_400_000));
  for (let i = 0; i < others; i++) {
    const date = addDays(first, random.int(0, span));
    const person = drawPerson(random, random.pick(["adsl", "vial", "envaul"] as const));
    const orientation = random.weighted(AUTRES_ORIENTATIONS);
    rows.push(
      row(random, reference, territoire, ++id, date, {
        composition_familiale: person.composition,
        nb_enfants: person.nbEnfants,
        sexe: person.sexe,
        annee_naissance: Number(date.slice(0, 4)) - person.age,
        parcours_ase: person.parcoursAse,
        orientation_proposee: orientation,
        date_orientation: orientation === "en_cours" ? null : minDate(addDays(date, random.int(3, 21)), DATE_ARRETE),
      }),
    );
  }
  return rows.sort((a, b) => compare(a.date_saisine!, b.date_saisine!));
}
