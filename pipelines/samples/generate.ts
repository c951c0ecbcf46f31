// Deterministic demo operator files for the Logement d'abord fiches (2.4-2.7): realistic volumes
// and dates, a few rule breaches the alerts must catch, and a few defects the quarantine must catch.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AnyReport } from "../contracts/index.ts";
import { envaulSubsides, ldaActionsCollectives, ldaMoisMesures, ldaParticipationsCollectives } from "../contracts/lda_activite.ts";
import { ldaMesures } from "../contracts/lda_mesures.ts";
import { bilans, conventions } from "../contracts/shared.ts";
import { readCsv } from "../reference/csv.ts";
import { addDays, addMonths, daysBetween, moisMesureStarts } from "./dates.ts";
import { defectInjector, type InjectedDefect } from "./defects.ts";
import { conventionPeriods, SAMPLE_OPERATORS, type SampleOperator } from "./operators.ts";
import { Random } from "./random.ts";
import { type SampleRecord, writeSampleFile } from "./write.ts";

/** The snapshot date of the demo files: data known at the end of October 2026. */
export const SAMPLE_PERIOD = "2026-10";
const ARRETE = "2026-10-31";
const FIRST_START = "2024-11-01";

interface Measure {
  values: Record<string, unknown>;
  start: string;
  end: string | null;
  moisFin: string;
}

const communesByTerritory = new Map<string, [string, number][]>();
for (const c of readCsv("sources/reference/communes.csv")) {
  if (!c.territoire_lda) continue;
  communesByTerritory.set(c.territoire_lda, [...(communesByTerritory.get(c.territoire_lda) ?? []), [c.code_commune!, Number(c.population)]]);
}
const amiOf = new Map(readCsv("sources/reference/territoires_lda.csv").map((t) => [t.code!, t.ami!]));

const FICHE = { adsl: "f2_4_adsl", vial: "f2_5_vial", envaul: "f2_6_envaul" } as const;
const TARIF = { adsl: 5000, vial: 7000, envaul: 5000 } as const;

function makeMeasure(rng: Random, op: SampleOperator, dispositif: "adsl" | "vial" | "envaul", n: number, start: string, person: string): Measure {
  const young = dispositif === "envaul";
  const age = young ? rng.weighted([[18, 3], [19, 4], [20, 4], [21, 4], [22, 3], [23, 3], [24, 2], [25, 0.4]] as const) : rng.int(18, 72);
  const renewal = rng.weighted([[0, 6], [6, 3], [12, 1]] as const);
  const derogation = dispositif === "vial" && renewal === 12 && rng.chance(0.4) ? 6 : 0;
  let length = 12 + renewal + derogation;
  const earlyExit = rng.chance(0.18);
  if (earlyExit) length = rng.int(2, 10);
  const plannedEnd = addDays(addMonths(start, length), -1);
  const ended = plannedEnd <= ARRETE;
  const end = ended ? plannedEnd : null;
  const sortie = ended ? (earlyExit ? rng.weighted([["rupture", 3], ["non_adhesion", 2], ["reorientation", 2], ["demenagement", 1], ["hospitalisation", 1]] as const) : rng.weighted([["positive", 8], ["reorientation", 1]] as const)) : null;
  const horizon = end ?? ARRETE;
  const within = (p: number, fromMonth = 1) => {
    const span = daysBetween(start, horizon);
    if (!rng.chance(p) || span < fromMonth * 30) return null;
    return addDays(start, rng.int(fromMonth * 28, span));
  };
  const relogement = within(dispositif === "vial" ? 0.45 : 0.6);
  const sousLocation = relogement && rng.chance(0.35) ? relogement : null;
  const emploi = within(young ? 0.3 : 0.18, 3);
  const evaluated = ended || daysBetween(start, ARRETE) > 180;
  const evaluation = evaluated ? (end ?? addMonths(start, 6)) : null;
  const objective = () => (evaluated ? rng.weighted([["atteint", 4], ["partiellement_atteint", 3], ["non_atteint", 2]] as const) : null);
  const renewed = renewal > 0 && length > 12;
  const signature = addDays(start, -rng.int(0, 6));
  return {
    start,
    end,
    moisFin: horizon,
    values: {
      code_operateur: op.code,
      id_mesure: `${dispositif.toUpperCase()}-${op.code.slice(5)}-${String(n).padStart(4, "0")}`,
      id_personne: person,
      id_menage: person.replace("P-", "M-"),
      dispositif,
      territoire_lda: op.territoire,
      code_commune: rng.weighted(communesByTerritory.get(op.territoire)!),
      sexe: rng.weighted([["F", young ? 5 : 4], ["M", young ? 5 : 6], ["non_renseigne", 0.2]] as const),
      age_entree: rng.chance(0.85) ? age : null,
      annee_naissance: Number(start.slice(0, 4)) - age,
      composition_familiale: young
        ? rng.weighted([["personne_seule", 8], ["famille_monoparentale", 1], ["autre", 1]] as const)
        : rng.weighted([["personne_seule", 5], ["famille_monoparentale", 3], ["couple_avec_enfants", 1], ["couple_sans_enfant", 1]] as const),
      nb_enfants: null,
      situation_logement_entree: rng.weighted([["heberge_tiers", 4], ["structure_hebergement", 3], ["locataire_parc_social", 2], ["locataire_parc_prive", 2], ["rue", 1], ["squat", 0.5], ["habitat_precaire", 0.5]] as const),
      parcours_ase: young ? rng.weighted([["oui", 4], ["non", 5], ["inconnu", 1]] as const) : null,
      vulnerabilites: rng.some(["addictions", "isolement", "gestion_budgetaire", "sante_mentale_handicap_psychique", "expulsion", "violences_intrafamiliales", "rupture_familiale"], 1, 3),
      type_ressources_entree: young ? rng.pick(["sans_ressources", "cej_allocation", "faj"]) : rng.pick(["rsa", "aah", "salaire", "indemnites_chomage"]),
      situation_professionnelle_entree: rng.pick(["demandeur_emploi", "sans_activite", "emploi", "formation_etudes"]),
      orientation_via: rng.weighted([["fiche_saisine", 9], ["commission_parcours_complexes", 1]] as const),
      date_signature_contrat: signature,
      date_envoi_contrat_coordinateur: rng.chance(0.95) ? addDays(signature, rng.int(0, 2)) : null,
      date_debut: start,
      date_fin: end,
      nb_renouvellements: renewed ? renewal / 6 : 0,
      mois_renouvellement: renewed ? Math.min(renewal, length - 12) : 0,
      avis_coordinateur_renouvellement: renewed ? rng.chance(0.95) : null,
      derogation_mois: derogation && length > 24 ? derogation : 0,
      accord_derogation_coordinateur_slisl: derogation && length > 24 ? true : null,
      type_sortie: sortie,
      date_signalement_sortie: end && rng.chance(0.9) ? addDays(end, rng.int(0, 10)) : null,
      relais_droit_commun: end ? rng.pick(["accompagnement_droit_commun", "aucun_besoin", "aucun_relais"]) : null,
      date_relogement: relogement,
      type_logement_relogement: relogement ? (sousLocation ? "sous_location_bail_glissant" : rng.weighted([["parc_social", 5], ["parc_prive", 2], ["colocation", young ? 2 : 0.2], ["logement_adapte", 1]] as const)) : null,
      date_debut_sous_location: sousLocation,
      date_glissement_bail: sousLocation && rng.chance(0.3) && addMonths(sousLocation, 9) <= horizon ? addMonths(sousLocation, 9) : null,
      partenaires_mobilises: rng.some(["sante", "sante_mentale", "addictologie", "bailleur_social", "ccas", "departement_mds", "caf_cpam", "insertion_professionnelle", "protection_juridique_tutelle"], 1, 4),
      nb_actions_collectives: rng.int(0, 5),
      date_entree_formation: within(young ? 0.25 : 0.08, 2),
      date_acces_emploi: emploi,
      type_contrat_emploi: emploi ? rng.weighted([["cdd", 4], ["interim", 3], ["cdi", 2], ["cddi", 2], ["contrat_aide", 1], ["alternance", young ? 2 : 0]] as const) : null,
      nb_suivis_sante: rng.int(0, 2),
      nb_suivis_sante_mentale: dispositif === "vial" ? rng.int(0, 3) : rng.int(0, 1),
      objectif_budget: objective(),
      objectif_entretien_logement: young ? objective() : null,
      date_evaluation_objectifs: evaluation,
    },
  };
}

function measuresOf(rng: Random, op: SampleOperator, scale: number): Measure[] {
  const out: Measure[] = [];
  let n = 0;
  const persons: string[] = [];
  for (let month = 0; addMonths(FIRST_START, month) <= ARRETE; month++) {
    const count = Math.round((op.rythme * scale * (0.6 + rng.next() * 0.8)));
    for (let i = 0; i < count; i++) {
      const start = addDays(addMonths(FIRST_START, month), rng.int(0, 27));
      if (start > ARRETE) continue;
      const dispositif = rng.weighted(op.dispositifs.map((d) => [d, d === "adsl" ? 5 : d === "vial" ? 2 : 2] as const));
      // « droit au recommencement »: now and then a person comes back for a new measure.
      const returning = persons.length > 20 && rng.chance(0.03);
      const person = returning ? rng.pick(persons) : `P-${op.code.slice(5)}-${String(persons.length + 1).padStart(5, "0")}`;
      if (!returning) persons.push(person);
      out.push(makeMeasure(rng, op, dispositif, ++n, start, person));
    }
  }
  // Rule breaches the alerts must report (not defects: these rows are valid).
  const long = out.find((m) => m.values.dispositif === "adsl" && m.end && daysBetween(m.start, m.end) > 360);
  if (long) {
    long.values.date_fin = addMonths(long.start, 27);
    long.end = long.values.date_fin as string;
  }
  const late = out[3];
  if (late) late.values.date_signature_contrat = addDays(late.start, 5);
  return out.sort((a, b) => (a.start < b.start ? -1 : 1));
}

function moisMesures(rng: Random, measures: Measure[]): SampleRecord[] {
  const out: SampleRecord[] = [];
  for (const m of measures) {
    const months = moisMesureStarts(m.start, m.end ?? ARRETE).map((s) => s.slice(0, 7));
    // A few counts that disagree with the measure dates (rule r07 must flag them).
    if (rng.chance(0.03)) months.pop();
    for (const mois of new Set(months)) out.push({ values: { code_operateur: m.values.code_operateur, id_mesure: m.values.id_mesure, mois, statut: "active" } });
  }
  return out;
}

function actions(rng: Random, op: SampleOperator, measures: Measure[]) {
  const records: SampleRecord[] = [];
  const participations: SampleRecord[] = [];
  let n = 0;
  for (let month = 0; addMonths(FIRST_START, month) <= ARRETE; month++) {
    for (let i = rng.int(0, 2); i > 0; i--) {
      const date = addDays(addMonths(FIRST_START, month), rng.int(0, 27));
      if (date > ARRETE) continue;
      const active = measures.filter((m) => m.start <= date && (m.end ?? ARRETE) >= date);
      if (active.length < 3) continue;
      const present = rng.some(active, 3, Math.min(10, active.length));
      const id = `AC-${op.code.slice(5)}-${String(++n).padStart(3, "0")}`;
      const dispositifs = new Set(present.map((m) => m.values.dispositif));
      records.push({
        values: {
          code_operateur: op.code,
          id_action: id,
          date,
          dispositif: dispositifs.size > 1 ? "mixte" : [...dispositifs][0],
          territoire_lda: op.territoire,
          theme: rng.pick(["estime_de_soi", "budget", "entretien_logement", "energie", "sante", "sport", "culture", "emploi_formation"]),
          nb_participants: present.length,
          partenaire_exterieur: rng.chance(0.5),
        },
      });
      // A person back for a second measure may hold two at once: list each person present once.
      for (const person of new Set(present.map((m) => m.values.id_personne))) {
        participations.push({ values: { code_operateur: op.code, id_action: id, id_personne: person } });
      }
    }
  }
  return { records, participations };
}

function subsides(rng: Random, op: SampleOperator, measures: Measure[]): SampleRecord[] {
  const out: SampleRecord[] = [];
  let n = 0;
  for (const m of measures.filter((x) => x.values.dispositif === "envaul")) {
    const generous = rng.chance(0.08); // some exceed 5 000 € per 12 months (rule r14)
    for (const start of moisMesureStarts(m.start, m.end ?? ARRETE)) {
      for (let i = rng.int(1, generous ? 4 : 2); i > 0; i--) {
        const categorie = rng.weighted([["loyer", 4], ["alimentation", 3], ["energie", 2], ["hygiene", 1], ["telephone", 1], ["assurance_habitation", 1], ["impaye_loyer", 0.5]] as const);
        const base = categorie === "loyer" || categorie === "impaye_loyer" ? 250 : 60;
        out.push({
          values: {
            code_operateur: op.code,
            id_subside: `SUB-${op.code.slice(5)}-${String(++n).padStart(5, "0")}`,
            id_mesure: m.values.id_mesure,
            date: addDays(start, rng.int(0, 25)) > ARRETE ? ARRETE : addDays(start, rng.int(0, 25)),
            categorie,
            montant: Math.round(base * (generous ? 2.5 : 1) * (0.5 + rng.next()) * 100) / 100,
            justificatif: rng.chance(0.97),
          },
        });
      }
    }
  }
  return out;
}

function bilansOf(rng: Random, op: SampleOperator, measures: Measure[]): SampleRecord[] {
  const out: SampleRecord[] = [];
  let n = 0;
  for (const m of measures) {
    for (const [type, months] of [["bilan_6m", 6], ["bilan_12m", 12]] as const) {
      const due = addMonths(m.start, months);
      if (due > (m.end ?? ARRETE) || !rng.chance(0.9)) continue;
      const remise = addDays(due, rng.int(-5, rng.chance(0.1) ? 60 : 20));
      if (remise > ARRETE) continue;
      out.push({
        values: {
          code_operateur: op.code,
          id_bilan: `B-${op.code.slice(5)}-${String(++n).padStart(5, "0")}`,
          fiche: FICHE[m.values.dispositif as keyof typeof FICHE],
          objet: "mesure",
          id_objet: m.values.id_mesure,
          type_bilan: type,
          mois_reference: null,
          date_remise: remise,
          destinataires: ["coordinateur_lda"],
          frequence_intervention_precisee: rng.chance(0.92),
          conclusion_poursuite: null,
          signe_menage: null,
        },
      });
    }
  }
  return out;
}

function conventionsOf(rng: Random, measuresByOperator: Map<SampleOperator, Measure[]>): SampleRecord[] {
  const out: SampleRecord[] = [];
  for (const [op, measures] of measuresByOperator) {
    const ami = amiOf.get(op.territoire)!;
    const extension = ami === "extension_2024";
    const groups = extension ? [["f2_7_lda_extension", op.dispositifs]] as const : op.dispositifs.map((d) => [FICHE[d], [d]] as const);
    for (const [fiche, dispositifs] of groups) {
      for (const period of conventionPeriods(ami)) {
        // Size the convention on the activity it will see, give or take: some operators end capped, others owe a trop-perçu.
        let due = 0;
        for (const m of measures.filter((x) => (dispositifs as readonly string[]).includes(x.values.dispositif as string))) {
          const months = moisMesureStarts(m.start, m.end ?? ARRETE).filter((s) => s >= period.debut && s <= period.fin).length;
          due += (months * TARIF[m.values.dispositif as keyof typeof TARIF]) / 12;
        }
        const expected = period.fin > ARRETE ? due * 1.6 + 20000 : due;
        const montant = Math.max(10000, Math.round((expected * (0.85 + rng.next() * 0.35)) / 1000) * 1000);
        out.push({
          values: {
            id_convention: `CONV-${period.exercice}-${fiche.slice(0, 4).replace("_", "")}-${op.code.slice(5)}`,
            fiche,
            code_operateur: op.code,
            perimetre: [op.territoire],
            dispositif: [...dispositifs],
            date_debut: period.debut,
            date_fin: period.fin,
            montant_conventionne: montant,
            nb_mesures_conventionnees: Math.max(5, Math.round(montant / 5000)),
            taux_avance: 0.6,
            mode_versement: "avance_et_solde",
            tarifs_unitaires: null,
          },
        });
      }
    }
  }
  return out;
}

export interface SampleSummary {
  files: { name: string; table: string; rows: number }[];
  defects: InjectedDefect[];
}

export async function generateSamples(outDir: string, options: { seed?: number; scale?: number } = {}): Promise<SampleSummary> {
  const rng = new Random(options.seed ?? 62);
  const scale = options.scale ?? 1;
  mkdirSync(outDir, { recursive: true });
  const summary: SampleSummary = { files: [], defects: [] };
  const injectDefects = defectInjector(rng);
  const write = async (report: AnyReport, operator: SampleOperator | "CD62", records: SampleRecord[]) => {
    const code = operator === "CD62" ? "CD62" : operator.code;
    const flavour = operator === "CD62" ? "csv-excel-fr" : operator.flavour;
    const name = `${report.table}__${code}__${operator === "CD62" ? "2026" : SAMPLE_PERIOD}.${flavour.startsWith("xlsx") ? "xlsx" : "csv"}`;
    // Defects go into copies: the generator's own records (reused for derived tables) stay clean.
    records = records.map((r) => ({ values: { ...r.values } }));
    const defects = injectDefects(report, records);
    const lines = await writeSampleFile(join(outDir, name), report, records, flavour, `${report.titre} — ${code} — arrêté au 31/10/2026`);
    for (const d of defects) summary.defects.push({ ...d, fichier: name, ligne: lines[d.index]! });
    summary.files.push({ name, table: report.table, rows: records.length });
  };

  const measuresByOperator = new Map<SampleOperator, Measure[]>();
  for (const op of SAMPLE_OPERATORS) {
    const measures = measuresOf(rng, op, scale);
    measuresByOperator.set(op, measures);
    await write(ldaMesures, op, measures.map((m) => ({ values: m.values })));
    await write(ldaMoisMesures, op, moisMesures(rng, measures));
    const { records, participations } = actions(rng, op, measures);
    await write(ldaActionsCollectives, op, records);
    if (op.participations) await write(ldaParticipationsCollectives, op, participations);
    if (op.dispositifs.includes("envaul")) await write(envaulSubsides, op, subsides(rng, op, measures));
    await write(bilans, op, bilansOf(rng, op, measures));
  }
  await write(conventions, "CD62", conventionsOf(rng, measuresByOperator));
  // One file the operator forgot to fill correctly: the required column « mois » is missing.
  const broken = "lda_mois_mesures__ASSO-LENS-02__2026-09.csv";
  writeFileSync(join(outDir, broken), "code_operateur;id_mesure;statut\r\nASSO-LENS-02;ADSL-LENS-02-0001;active\r\n");
  summary.files.push({ name: broken, table: "lda_mois_mesures", rows: 1 });
  summary.defects.push({ fichier: broken, ligne: 2, colonne: "mois", nature: "colonne obligatoire absente", index: 0 });
  writeFileSync(join(outDir, "defauts-injectes.json"), `${JSON.stringify(summary.defects, null, 2)}\n`);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string" }, seed: { type: "string" }, scale: { type: "string" } } });
  const out = resolve(values.out ?? "build/samples/inbox");
  const summary = await generateSamples(out, { seed: values.seed ? Number(values.seed) : undefined, scale: values.scale ? Number(values.scale) : undefined });
  const byTable = new Map<string, number>();
  for (const f of summary.files) byTable.set(f.table, (byTable.get(f.table) ?? 0) + f.rows);
  console.log(`${summary.files.length} fichiers fictifs écrits dans ${out} :`);
  for (const [table, rows] of byTable) console.log(`  ${table.padEnd(32)} ${rows.toLocaleString("fr-FR").padStart(8)} lignes`);
  console.log(`${summary.defects.length} défauts injectés (liste : defauts-injectes.json)`);
}
