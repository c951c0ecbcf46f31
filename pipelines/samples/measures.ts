// Household measures of one operator, each with a plausible life: contract, start, renewals,
// rehousing, training or job, exit — as the operator knows it at the snapshot date.
import type { ldaMesures } from "../contracts/lda_mesures.ts";
import type { OperatorRow } from "./rows.ts";
import { addDays, addMonths, compare, daysBetween } from "./dates.ts";
import { DATE_ARRETE, type Dispositif, ficheOf, type SampleOperator } from "./operators.ts";
import {
  ALREADY_HOUSED,
  CONTRATS,
  drawPerson,
  partenaires,
  type Person,
  RELOGEMENTS,
  RESSOURCES,
  SITUATIONS_ENTREE,
  SITUATIONS_PRO,
  vulnerabilites,
} from "./people.ts";
import type { Random } from "./random.ts";
import type { Commune, SampleReference } from "./reference.ts";

export type MesureRow = OperatorRow<typeof ldaMesures>;

/** How a measure is meant to unfold, whatever the snapshot date shows of it. */
export interface Plan {
  /** Last day of accompaniment if nothing else happens (may lie after the snapshot). */
  finPrevue: string;
  /** 6-month renewals granted (decided at month 12 and 18). */
  renouvellements: number;
  /** VIAL derogation months, decided at month 24. */
  derogation: number;
  typeSortie: NonNullable<MesureRow["type_sortie"]>;
}

export interface Mesure {
  row: MesureRow;
  operator: SampleOperator;
  dispositif: Dispositif;
  territoire: string;
  fiche: string;
  debut: string;
  /** date_fin as known at the snapshot (null: running). */
  fin: string | null;
  /** Last day the measure is counted: date_fin, or the snapshot date for a running measure. */
  dernierJour: string;
  person: Person;
  personId: string;
}

const PREFIXES: Record<Dispositif, string> = { adsl: "ADSL", vial: "VIAL", envaul: "ENV" };

const EARLY_EXITS = [["rupture", 30], ["non_adhesion", 25], ["demenagement", 14], ["reorientation", 12], ["incarceration", 5], ["hospitalisation", 7], ["deces", 2], ["autre", 5]] as const;
const END_EXITS = [["positive", 72], ["reorientation", 9], ["rupture", 6], ["demenagement", 5], ["non_adhesion", 3], ["autre", 5]] as const;

export function drawPlan(random: Random, dispositif: Dispositif, debut: string): Plan {
  const r = random.next();
  if (r < 0.22) {
    const months = random.int(1, 11);
    const fin = addDays(addMonths(debut, months), random.int(-12, 12));
    return { finPrevue: fin, renouvellements: 0, derogation: 0, typeSortie: random.weighted(EARLY_EXITS) };
  }
  if (r < 0.5) {
    const renouvellements = random.chance(0.6) ? 1 : 2;
    const derogation = dispositif === "vial" && renouvellements === 2 && random.chance(0.35) ? 6 : 0;
    const months = 12 + 6 * renouvellements + derogation;
    // Some renewed measures still end early (rupture, move) during the renewal.
    const early = random.chance(0.15) ? random.int(1, 5) : 0;
    return {
      finPrevue: addDays(addMonths(debut, months - early), -1),
      renouvellements,
      derogation,
      typeSortie: early ? random.weighted(EARLY_EXITS) : random.weighted(END_EXITS),
    };
  }
  return { finPrevue: addDays(addMonths(debut, 12), random.chance(0.85) ? -1 : -random.int(2, 40)), renouvellements: 0, derogation: 0, typeSortie: random.weighted(END_EXITS) };
}

const minDate = (a: string, b: string) => (a < b ? a : b);
/** A day in [from, to], or null when the window is empty. */
function dayIn(random: Random, from: string, to: string): string | null {
  const span = daysBetween(from, to);
  return span < 0 ? null : addDays(from, random.int(0, span));
}

export function drawCommune(random: Random, communes: readonly Commune[]): Commune {
  return random.weighted(communes.map((c) => [c, c.population] as const));
}

interface Context {
  random: Random;
  operator: SampleOperator;
  reference: SampleReference;
}

/** Builds the row of one measure as the operator knows it at the snapshot date. */
export function buildMesure(ctx: Context, dispositif: Dispositif, territoire: string, debut: string, plan: Plan, person: Person, personId: string): Mesure {
  const { random, operator } = ctx;
  const fin = plan.finPrevue <= DATE_ARRETE ? plan.finPrevue : null;
  const dernierJour = fin ?? DATE_ARRETE;
  // A renewal or derogation is known once decided (a fortnight before the month it extends) and before the exit.
  const decided = (month: number) => {
    const at = addDays(addMonths(debut, month), -15);
    return at <= DATE_ARRETE && at <= dernierJour;
  };
  const renouvellements = [12, 18].slice(0, plan.renouvellements).filter(decided).length;
  const derogation = plan.derogation && decided(24) ? plan.derogation : 0;

  const signature = addDays(debut, -random.int(0, 12));
  const envoi = random.chance(0.92) ? addDays(signature, random.int(0, 4)) : null;
  const situation = random.weighted(SITUATIONS_ENTREE[dispositif]);
  const communes = ctx.reference.communes.get(territoire) ?? [];
  const commune = communes.length && random.chance(0.95) ? drawCommune(random, communes).code : null;

  const row: MesureRow = {
    code_operateur: operator.code,
    id_personne: personId,
    id_saisine: random.chance(0.8) ? `S-${debut.slice(0, 4)}-${String(random.int(1, 9999)).padStart(4, "0")}` : null,
    dispositif,
    territoire_lda: territoire as MesureRow["territoire_lda"],
    code_commune: commune,
    sexe: person.sexe,
    composition_familiale: person.composition,
    nb_enfants: person.nbEnfants,
    situation_logement_entree: situation,
    parcours_ase: person.parcoursAse,
    vulnerabilites: vulnerabilites(random, dispositif),
    type_ressources_entree: random.chance(0.9) ? random.weighted(RESSOURCES[dispositif]) : null,
    situation_professionnelle_entree: random.chance(0.85) ? random.weighted(SITUATIONS_PRO[dispositif]) : null,
    orientation_via: random.chance(0.85) ? "fiche_saisine" : "commission_parcours_complexes",
    date_signature_contrat: signature,
    date_envoi_contrat_coordinateur: envoi,
    date_debut: debut,
    date_fin: fin,
    nb_renouvellements: renouvellements,
    mois_renouvellement: 6 * renouvellements,
    avis_coordinateur_renouvellement: renouvellements > 0 ? true : null,
    derogation_mois: dispositif === "vial" ? derogation : null,
    accord_derogation_coordinateur_slisl: derogation > 0 ? true : null,
    type_sortie: fin ? plan.typeSortie : null,
    partenaires_mobilises: partenaires(random, dispositif),
    nb_suivis_sante: random.weighted([[0, 45], [1, 30], [2, 17], [3, 8]] as const),
    nb_suivis_sante_mentale:
      dispositif === "vial" ? random.weighted([[0, 20], [1, 40], [2, 30], [3, 10]] as const) : random.weighted([[0, 58], [1, 32], [2, 10]] as const),
  };
  setAge(row, operator, person.age, debut, random);

  if (fin) {
    // « signalée sans délai » — mostly within days, sometimes weeks, sometimes never.
    const lag = random.weighted([[random.int(0, 7), 78], [random.int(15, 45), 14], [-1, 8]] as const);
    const signalement = lag >= 0 ? addDays(fin, lag) : null;
    row.date_signalement_sortie = signalement && signalement <= DATE_ARRETE ? signalement : null;
    row.relais_droit_commun = random.weighted([["accompagnement_droit_commun", 45], ["aucun_besoin", 25], ["autre_dispositif_lda", 10], ["aucun_relais", 20]] as const);
  }

  const months = daysBetween(debut, dernierJour) / 30.4;
  const housed = ALREADY_HOUSED.has(situation);
  if (months >= 1 && random.chance(housed ? 0.1 : 0.6)) {
    const relogement = dayIn(random, addDays(debut, 10), minDate(addMonths(debut, 10), dernierJour));
    if (relogement) {
      const type = random.weighted(RELOGEMENTS[dispositif]);
      row.date_relogement = relogement;
      row.type_logement_relogement = type;
      if (type === "sous_location_bail_glissant") {
        row.date_debut_sous_location = relogement;
        const glissement = addMonths(relogement, random.int(4, 12));
        if (glissement <= dernierJour && random.chance(0.7)) row.date_glissement_bail = glissement;
      }
    }
  }
  const formation = { adsl: 0.08, vial: 0.04, envaul: 0.25 }[dispositif];
  if (months >= 1 && random.chance(formation)) row.date_entree_formation = dayIn(random, addDays(debut, 20), dernierJour);
  const emploi = { adsl: 0.12, vial: 0.05, envaul: 0.22 }[dispositif];
  if (months >= 1 && random.chance(emploi)) {
    const date = dayIn(random, addDays(debut, 20), dernierJour);
    if (date) {
      row.date_acces_emploi = date;
      row.type_contrat_emploi = random.weighted(CONTRATS[dispositif]);
    }
  }
  evaluateObjectives(random, row, dispositif, debut, fin, months);
  return { row, operator, dispositif, territoire, fiche: ficheOf(dispositif, territoire), debut, fin, dernierJour, person, personId };
}

function setAge(row: MesureRow, operator: SampleOperator, age: number, debut: string, random: Random) {
  const annee = Number(debut.slice(0, 4)) - age;
  const asYear = operator.age === "annee_naissance" || (operator.age === "mixte" && random.chance(0.35));
  row.age_entree = asYear ? null : age;
  row.annee_naissance = asYear ? annee : null;
}

export function changeAge(mesure: Mesure, age: number, random: Random) {
  mesure.person = { ...mesure.person, age };
  setAge(mesure.row, mesure.operator, age, mesure.debut, random);
}

const OBJECTIFS = [["atteint", 40], ["partiellement_atteint", 30], ["non_atteint", 20], ["non_evalue", 10]] as const;

function evaluateObjectives(random: Random, row: MesureRow, dispositif: Dispositif, debut: string, fin: string | null, months: number) {
  // Goals are assessed at the exit, or at the 6- and 12-month bilans of a running measure.
  let date: string | null = null;
  if (fin && months >= 3) date = addDays(fin, -random.int(0, 10));
  else if (!fin && months >= 6) date = addDays(addMonths(debut, months >= 12 ? 12 : 6), random.int(0, 15));
  if (!date || date > DATE_ARRETE) return;
  if (date < debut) date = debut;
  row.objectif_budget = random.weighted(OBJECTIFS);
  // ENVAUL: required at exit (rule r15); a few operators forget it.
  if (dispositif === "envaul" && random.chance(0.93)) row.objectif_entretien_logement = random.weighted(OBJECTIFS);
  row.date_evaluation_objectifs = date;
}

/** Measures of one operator on one territory and dispositif, before identifiers are given. */
export function drawMesures(ctx: Context, dispositif: Dispositif, territoire: string, count: number, window: readonly [string, string]): Mesure[] {
  const span = daysBetween(window[0], window[1]);
  const out: Mesure[] = [];
  for (let i = 0; i < count; i++) {
    const debut = addDays(window[0], ctx.random.int(0, span));
    const person = drawPerson(ctx.random, dispositif);
    out.push(buildMesure(ctx, dispositif, territoire, debut, drawPlan(ctx.random, dispositif, debut), person, ""));
  }
  return out;
}

/**
 * Gives identifiers in date order, as an operator's own numbering would: ADSL-2025-0007 per
 * dispositif and year; persons and households numbered in order of first appearance.
 */
export function assignIdentifiers(mesures: Mesure[], operatorIndex: number): void {
  mesures.sort((a, b) => compare(a.debut, b.debut) || compare(a.dispositif, b.dispositif));
  const sequences = new Map<string, number>();
  const persons = new Map<string, string>();
  for (const m of mesures) {
    const key = `${PREFIXES[m.dispositif]}-${m.debut.slice(0, 4)}`;
    const n = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, n);
    m.row.id_mesure = `${key}-${String(n).padStart(4, "0")}`;
    // Persons drawn together keep one identifier (droit au recommencement: a later measure of the same person).
    const known = m.personId && persons.get(m.personId);
    const id = known || `P-${operatorIndex + 1}${String(persons.size + 1).padStart(4, "0")}`;
    if (!known) persons.set(m.personId || `#${persons.size}`, id);
    m.personId = id;
    m.row.id_personne = id;
    m.row.id_menage = id.replace(/^P-/, "M-");
  }
}

/**
 * « Droit au recommencement »: a few people who broke off come back months later for a new
 * measure (same person and household; an ADSL household may come back in VIAL).
 */
export function recommencements(ctx: Context, mesures: readonly Mesure[]): Mesure[] {
  const candidates = mesures.filter((m) => m.fin && m.fin <= "2026-05-31" && (m.row.type_sortie === "rupture" || m.row.type_sortie === "non_adhesion"));
  const chosen = candidates.filter((_, i) => i === 0 || ctx.random.chance(0.08));
  return chosen.flatMap((first, i) => {
    const debut = addDays(first.fin!, ctx.random.int(45, 150));
    if (debut > addDays(DATE_ARRETE, -10)) return [];
    const age = first.person.age + Math.floor(daysBetween(first.debut, debut) / 365.25);
    let dispositif: Dispositif = first.dispositif === "adsl" && ctx.random.chance(0.3) ? "vial" : first.dispositif;
    if (dispositif === "envaul" && age > 24) dispositif = "adsl";
    if (!ctx.operator.activity.some((a) => a.territoire === first.territoire && a.mesures[dispositif])) dispositif = first.dispositif;
    if (dispositif === "envaul" && age > 25) return [];
    const tag = `R:${i}`;
    first.personId = tag;
    const person = { ...first.person, age };
    return [buildMesure(ctx, dispositif, first.territoire, debut, drawPlan(ctx.random, dispositif, debut), person, tag)];
  });
}
