// Fiche 2.2: the numéro vert against evictions in 2026 — mostly calls from tenants in arrears, some from social
// workers and landlords; households followed from one call to the next; monthly permanences, CCAPEX sittings.
import { nvActionsSpecifiques, nvConsultations, nvInstances, nvPermanences } from "../../contracts/f2_2_numero_vert.ts";
import type { Anomalie } from "../anomalies.ts";
import { addDays } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import { bilansTable, convention, type FicheContext, type FicheOutput, monthsBetween, numberByYear, pad, scaled, workday, workdayIn } from "./common.ts";
import type { Place } from "./places.ts";

export const OPERATEUR_NV = "ASSO-NV-62";

type Consultation = OperatorRow<typeof nvConsultations>;
type Permanence = OperatorRow<typeof nvPermanences>;

const VILLES_PERMANENCE = ["Arras", "Lens", "Béthune", "Boulogne-sur-Mer", "Calais", "Saint-Omer"];
const STADES = [
  ["impaye_sans_procedure", 24],
  ["commandement_de_payer", 30],
  ["assignation", 16],
  ["audience", 6],
  ["jugement_resiliation_bail", 9],
  ["commandement_de_quitter_les_lieux", 7],
  ["concours_force_publique_demande", 3],
  ["concours_force_publique_accorde", 2],
  ["expulsion_realisee", 1],
  ["non_renseigne", 2],
] as const;
const ORIGINES = [
  ["baisse_ressources", 20],
  ["perte_emploi", 14],
  ["separation_deces", 12],
  ["maladie_handicap", 9],
  ["surendettement", 8],
  ["suspension_aide_logement", 7],
  ["gestion_budgetaire", 15],
  ["charges_elevees", 8],
  ["litige_bailleur_logement_indecent", 4],
  ["autre", 3],
] as const;
const SUITES = [
  ["information_conseil_juridique", 40],
  ["orientation_services_sociaux", 16],
  ["orientation_fsl", 10],
  ["orientation_ccapex", 4],
  ["orientation_commission_surendettement", 5],
  ["orientation_avocat_aide_juridictionnelle", 5],
  ["orientation_equipe_mobile", 4],
  ["mediation_bailleur", 6],
  ["plan_apurement_negocie", 5],
  ["rendez_vous_suivi", 4],
  ["autre", 1],
] as const;

interface Menage {
  id: string;
  place: Place | null;
  territoire: string;
  parc: "prive" | "social" | "non_renseigne";
  age: number;
  sexe: "F" | "M" | "non_renseigne";
  composition: Consultation["composition_familiale"];
  enfants: number | null;
  ressources: number | null;
  dette: number;
  stade: number;
  known: boolean;
  seen: boolean;
}

export function numeroVert(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const from = "2026-01-02";
  const permanences: Permanence[] = [];
  VILLES_PERMANENCE.forEach((nom, i) => {
    for (const month of monthsBetween(from, DATE_ARRETE)) {
      if (month.slice(5, 7) === "08") continue;
      for (const day of [6 + i, 20 + (i % 4)]) {
        const d = workday(addDays(month, day));
        if (d <= DATE_ARRETE) permanences.push({ code_operateur: OPERATEUR_NV, date: d, code_commune_lieu: places.code(nom), duree_heures: 3 });
      }
    }
  });
  numberByYear(
    permanences,
    (p) => p.date!,
    (p, id) => (p.id_permanence = id),
    "PERM-",
    3,
  );

  const menages: Menage[] = [];
  const newMenage = (): Menage => {
    const place = places.draw(random);
    const stade = random.weighted(STADES);
    const composition = random.weighted([
      ["personne_seule", 38],
      ["famille_monoparentale", 30],
      ["couple_avec_enfants", 18],
      ["couple_sans_enfant", 10],
      ["autre", 2],
      ["non_renseigne", 2],
    ] as const);
    const m: Menage = {
      id: `MEN-${pad(menages.length + 1, 5)}`,
      place: random.chance(0.9) ? place : null,
      territoire: place.mds,
      parc: random.weighted([
        ["prive", 55],
        ["social", 40],
        ["non_renseigne", 5],
      ] as const),
      age: random.int(20, 78),
      sexe: random.weighted([
        ["F", 58],
        ["M", 41],
        ["non_renseigne", 1],
      ] as const),
      composition,
      enfants: composition === "famille_monoparentale" || composition === "couple_avec_enfants" ? random.int(1, 4) : random.chance(0.5) ? 0 : null,
      ressources: random.chance(0.7) ? random.int(550, 2600) : null,
      dette: Math.round(Math.exp(random.int(550, 950) / 100)),
      stade: STADES.findIndex(([s]) => s === stade),
      known: random.chance(0.15),
      seen: false,
    };
    menages.push(m);
    return m;
  };
  const counts = new Map<Permanence, number>();
  const consultations: Consultation[] = [];
  for (let i = 0; i < scaled(ctx, 2500, 40); i++) {
    const appelant = random.weighted([
      ["menage_locataire", 62],
      ["travailleur_social", 18],
      ["proprietaire_bailleur", 8],
      ["proche_tiers", 6],
      ["autre_professionnel", 4],
      ["elu_collectivite", 1],
      ["autre", 1],
    ] as const);
    // A social worker's general legal question concerns no household (r05); every other call is about one.
    const general = appelant === "travailleur_social" && random.chance(0.35);
    const m = general ? null : random.chance(0.3) && menages.length > 10 ? random.pick(menages) : newMenage();
    const mode = random.weighted([
      ["appel_numero_vert", 70],
      ["rendez_vous", 10],
      ["permanence", 10],
      ["courriel", 8],
      ["courrier", 2],
    ] as const);
    let date = workdayIn(random, from, DATE_ARRETE);
    let permanence: string | null = null;
    if (mode === "permanence") {
      const p = random.pick(permanences);
      counts.set(p, (counts.get(p) ?? 0) + 1);
      date = p.date!;
      permanence = p.id_permanence!;
    }
    // The procedure moves on between two calls of the same household.
    if (m?.seen && random.chance(0.3)) m.stade = Math.max(m.stade, Math.min(STADES.length - 3, m.stade + 1));
    const stade = m ? STADES[m.stade]![0] : "non_renseigne";
    consultations.push({
      code_operateur: OPERATEUR_NV,
      date_consultation: date,
      mode_consultation: mode,
      id_permanence: permanence,
      id_menage: m?.id ?? null,
      premier_contact: m ? !m.seen && !m.known : null,
      type_appelant: appelant,
      code_commune_logement: m?.place?.code ?? null,
      territoire_mds: m && !m.place ? (m.territoire as Consultation["territoire_mds"]) : general ? (random.pick(places.all).mds as Consultation["territoire_mds"]) : null,
      parc: m?.parc ?? "non_renseigne",
      statut_occupation: m
        ? m.parc === "social"
          ? "locataire_parc_social"
          : appelant === "proprietaire_bailleur"
            ? "proprietaire_bailleur"
            : m.parc === "prive"
              ? "locataire_parc_prive"
              : "non_renseigne"
        : null,
      sexe: m && random.chance(0.9) ? m.sexe : null,
      age_entree: m && random.chance(0.6) ? m.age : null,
      composition_familiale: m && random.chance(0.85) ? m.composition : null,
      nb_enfants: m?.enfants ?? null,
      situation_professionnelle:
        m && random.chance(0.6)
          ? random.weighted([
              ["emploi", 30],
              ["demandeur_emploi", 28],
              ["sans_activite", 15],
              ["retraite", 12],
              ["invalidite_inaptitude", 10],
              ["non_renseigne", 5],
            ] as const)
          : null,
      type_ressources_principal:
        m && random.chance(0.6)
          ? random.weighted([
              ["salaire", 28],
              ["indemnites_chomage", 14],
              ["rsa", 20],
              ["aah", 10],
              ["retraite_minimum_vieillesse", 10],
              ["prestations_familiales", 8],
              ["autre", 10],
            ] as const)
          : null,
      ressources_mensuelles: m?.ressources ?? null,
      stade_procedure: stade,
      montant_dette: m && random.chance(0.8) ? m.dette : null,
      origine_dette: m && random.chance(0.7) ? [random.weighted(ORIGINES)] : [],
      suite_donnee: [random.weighted(SUITES), ...(random.chance(0.3) ? ["orientation_services_sociaux" as const] : [])].filter((v, k, a) => a.indexOf(v) === k),
    });
    if (m) m.seen = true;
  }
  // r05: a tenant's call noted without the household identifier; r02: a call of 31 December 2025 in the 2026 file.
  const anonymous =
    consultations.find((c) => c.type_appelant === "menage_locataire" && c.premier_contact === true && c.code_commune_logement) ??
    consultations.find((c) => c.code_commune_logement)!;
  Object.assign(anonymous, { type_appelant: "menage_locataire", id_menage: null, premier_contact: null });
  const early =
    consultations.find((c) => c !== anonymous && c.mode_consultation === "appel_numero_vert" && c.id_menage) ??
    consultations.find((c) => c !== anonymous && c.mode_consultation !== "permanence")!;
  early.date_consultation = "2025-12-31";
  numberByYear(
    consultations,
    (c) => c.date_consultation!,
    (c, id) => (c.id_consultation = id),
    "NV-",
    6,
  );
  for (const p of permanences) p.nb_consultations = random.chance(0.9) ? (counts.get(p) ?? 0) : null;

  const instances: OperatorRow<typeof nvInstances>[] = [];
  for (const month of monthsBetween(from, DATE_ARRETE)) {
    if (month.slice(5, 7) === "08") continue;
    // One CCAPEX sub-commission a month in turn across the territories, plus local bodies and working groups.
    const t = places.all[random.int(0, places.all.length - 1)]!.mds as OperatorRow<typeof nvInstances>["territoire_mds"];
    instances.push({
      code_operateur: OPERATEUR_NV,
      date: workdayIn(random, month, addDays(month, 27)),
      type_instance: "ccapex",
      territoire_mds: t,
      role: "expertise",
      objet: "Sous-commission CCAPEX",
    });
    for (let k = 0; k < scaled(ctx, 2, 1); k++) {
      const type = random.weighted([
        ["instance_locale", 5],
        ["groupe_de_travail", 3],
        ["autre", 1],
      ] as const);
      instances.push({
        code_operateur: OPERATEUR_NV,
        date: workdayIn(random, month, addDays(month, 27)),
        type_instance: type,
        territoire_mds: random.chance(0.8) ? t : null,
        role: random.weighted([
          ["participant", 6],
          ["expertise", 3],
          ["animation", 1],
        ] as const),
        objet: type === "groupe_de_travail" ? "Groupe de travail prévention des expulsions" : null,
      });
    }
  }
  numberByYear(
    instances,
    (x) => x.date!,
    (x, id) => (x.id_participation = id),
    "INST-",
    3,
  );

  const actions: OperatorRow<typeof nvActionsSpecifiques>[] = [];
  for (let i = 0; i < scaled(ctx, 14, 3); i++) {
    const type = random.weighted([
      ["information_collective", 4],
      ["sensibilisation_travailleurs_sociaux", 5],
      ["communication", 2],
      ["partenariat", 2],
      ["autre", 1],
    ] as const);
    actions.push({
      code_operateur: OPERATEUR_NV,
      date: workdayIn(random, from, DATE_ARRETE),
      type_action: type,
      public:
        type === "sensibilisation_travailleurs_sociaux"
          ? "travailleurs_sociaux"
          : type === "information_collective"
            ? random.pick(["menages", "bailleurs"] as const)
            : random.chance(0.5)
              ? "elus"
              : null,
      territoire_mds: random.pick(places.all).mds as OperatorRow<typeof nvActionsSpecifiques>["territoire_mds"],
      nb_participants: type === "communication" ? null : random.int(8, 35),
    });
  }
  numberByYear(
    actions,
    (x) => x.date!,
    (x, id) => (x.id_action = id),
    "NVA-",
    3,
  );

  const anomalies: Anomalie[] = [
    {
      regle: "2.2 r05",
      attendu: "ecart",
      operateur: OPERATEUR_NV,
      table: "nv_consultations",
      id: anonymous.id_consultation!,
      description: "appel d'un ménage locataire sans identifiant de ménage",
    },
    {
      regle: "2.2 r02",
      attendu: "ecart",
      operateur: OPERATEUR_NV,
      table: "nv_consultations",
      id: early.id_consultation!,
      description: "consultation du 31 décembre 2025 déclarée dans l'activité 2026",
    },
  ];
  const conv = (exercice: string) =>
    convention(ctx, {
      id_convention: `CONV-${exercice}-NV-${OPERATEUR_NV}`,
      fiche: "f2_2_numero_vert",
      code_operateur: OPERATEUR_NV,
      perimetre: ["departement"],
      date_debut: `${exercice}-01-01`,
      date_fin: `${exercice}-12-31`,
      montant_conventionne: 18000,
      taux_avance: 1,
    });
  return {
    tables: [
      { report: nvConsultations, operator: OPERATEUR_NV, flavour: "csv-utf8", rows: consultations },
      { report: nvPermanences, operator: OPERATEUR_NV, flavour: "csv-utf8", rows: permanences },
      { report: nvInstances, operator: OPERATEUR_NV, flavour: "csv-utf8", rows: instances },
      { report: nvActionsSpecifiques, operator: OPERATEUR_NV, flavour: "csv-utf8", rows: actions },
      // The 2025 activity report, presented to the FSL technical committee in the spring.
      bilansTable(OPERATEUR_NV, "csv-utf8", [
        {
          fiche: "f2_2_numero_vert",
          objet: "convention",
          id_objet: `CONV-2025-NV-${OPERATEUR_NV}`,
          type_bilan: "bilan_final_action",
          date_remise: "2026-03-17",
          destinataires: ["comite_technique_fsl"],
        },
      ]),
    ],
    conventions: [conv("2025"), conv("2026")],
    anomalies,
  };
}
