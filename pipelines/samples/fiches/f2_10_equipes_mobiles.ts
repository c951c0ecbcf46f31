// Fiche 2.10: the mobile eviction-prevention teams of the five AMI territories in 2025 and 2026 — households
// referred at the commandement de payer, flash and in-depth diagnostics, up to eight weeks of support, and the
// team's calls to the landlords.
import { emContactsBailleurs, emInterventions } from "../../contracts/f2_10_equipes_mobiles.ts";
import { addDays, daysBetween } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { ConventionRow } from "../conventions.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { bilansTable, convention, type FicheContext, type FicheOutput, monthsBetween, numberByYear, pad, scaled, workdayIn, lastDayOfMonth } from "./common.ts";

type Intervention = OperatorRow<typeof emInterventions>;
type ContactBailleur = OperatorRow<typeof emContactsBailleurs>;

/** Referrals a month at scale 1, by territory (roughly in proportion to the private rented stock). */
export const OPERATEURS: readonly { code: string; flavour: Flavour; territoires: Record<string, number> }[] = [
  { code: "SIAO-62", flavour: "csv-excel-fr", territoires: { lens_henin: 7, artois: 5, montreuillois: 1.5 } },
  { code: "ASSO-EM-OPALE", flavour: "xlsx-titre", territoires: { boulonnais: 3, audomarois: 2 } },
];
/** 2025 tariffs (seed 004); the 2026 DDETS tariffs are not published, so conventions keep the 2025 basis. */
const TARIFS = { flash: 150, approfondi: 370, semaine: 55, semaines: 8 };

export function equipesMobiles(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  for (const op of OPERATEURS) {
    const interventions: Intervention[] = [];
    const contacts: ContactBailleur[] = [];
    const interventionOf = new Map<ContactBailleur, Intervention>();
    const bailleurs: { id: string; type: NonNullable<ContactBailleur["type_bailleur"]> }[] = [];
    for (const [territoire, rate] of Object.entries(op.territoires)) {
      const communes = places.byLda(territoire);
      for (const month of monthsBetween("2025-01-01", DATE_ARRETE)) {
        const n = Math.round(rate * ctx.scale * (0.7 + 0.6 * random.next()) * (month.slice(5, 7) === "08" ? 0.5 : 1));
        for (let k = 0; k < n; k++) {
          const signalement = workdayIn(random, month, lastDayOfMonth(month));
          if (signalement > DATE_ARRETE) continue;
          const parc = random.chance(0.93) ? "prive" : "social";
          const stade = random.weighted([
            ["commandement_de_payer", 86],
            ["impaye_sans_procedure", 4],
            ["assignation", 8],
            ["audience", 2],
          ] as const);
          // Mostly within the AMI 1 « renfort » range (1 500 to 4 000 €), some smaller or much larger debts.
          const dette = random.weighted([
            [random.int(1500, 4000), 75],
            [random.int(400, 1499), 12],
            [random.int(4001, 9500), 13],
          ] as const);
          const motif =
            parc === "social"
              ? "parc_social"
              : stade === "assignation" || stade === "audience"
                ? random.chance(0.5)
                  ? "procedure_trop_avancee"
                  : null
                : dette > 6000 && random.chance(0.6)
                  ? "dette_hors_criteres"
                  : random.chance(0.04)
                    ? "deja_accompagne"
                    : null;
          const eligible = motif === null;
          const flash = eligible && random.chance(0.82) ? addDays(signalement, random.int(3, 21)) : null;
          const approfondi = flash && random.chance(0.55) ? addDays(flash, random.int(5, 20)) : null;
          const debutAcc = approfondi && random.chance(0.7) ? addDays(approfondi, random.int(1, 10)) : null;
          const semaines = debutAcc
            ? random.weighted([
                [random.int(2, 5), 45],
                [random.int(6, 8), 55],
              ] as const)
            : null;
          const finAcc = debutAcc && semaines ? addDays(debutAcc, 7 * semaines - random.int(1, 4)) : null;
          const lastAct = finAcc ?? approfondi ?? flash ?? addDays(signalement, random.int(10, 40));
          const fin = addDays(lastAct, random.int(0, 14));
          const terminee = fin <= DATE_ARRETE;
          const age = random.int(22, 75);
          const byYear = random.chance(0.3);
          interventions.push({
            code_operateur: op.code,
            id_menage: "",
            territoire_lda: territoire as Intervention["territoire_lda"],
            code_commune: random.chance(0.95) ? places.draw(random, communes).code : null,
            date_signalement: signalement,
            source_signalement: random.weighted([
              ["commissaire_justice_commandement", 70],
              ["ccapex", 8],
              ["bailleur", 8],
              ["slisl_mds", 6],
              ["sous_prefecture", 3],
              ["caf", 3],
              ["autre", 2],
            ] as const),
            date_commandement_payer: stade === "impaye_sans_procedure" ? null : addDays(signalement, -random.int(2, 25)),
            stade_procedure_signalement: stade,
            parc,
            montant_dette: random.chance(0.9) ? dette : null,
            connu_services_sociaux: random.chance(0.8) ? random.chance(0.3) : null,
            repond_sollicitations: random.chance(0.8) ? random.chance(0.45) : null,
            eligible,
            motif_non_eligibilite: motif,
            composition_familiale: random.chance(0.85)
              ? random.weighted([
                  ["personne_seule", 40],
                  ["famille_monoparentale", 28],
                  ["couple_avec_enfants", 16],
                  ["couple_sans_enfant", 12],
                  ["autre", 4],
                ] as const)
              : null,
            sexe: random.chance(0.9)
              ? random.weighted([
                  ["F", 55],
                  ["M", 45],
                ] as const)
              : null,
            age_entree: byYear ? null : age,
            annee_naissance: byYear ? Number(signalement.slice(0, 4)) - age : null,
            type_ressources_principal: random.chance(0.7)
              ? random.weighted([
                  ["salaire", 35],
                  ["indemnites_chomage", 12],
                  ["rsa", 15],
                  ["aah", 8],
                  ["retraite_minimum_vieillesse", 10],
                  ["prestations_familiales", 10],
                  ["autre", 10],
                ] as const)
              : null,
            nb_tentatives_contact: eligible ? random.int(1, 6) : null,
            tentatives_horaires_atypiques: eligible ? random.chance(0.45) : null,
            date_diagnostic_flash: flash && flash <= DATE_ARRETE ? flash : null,
            date_diagnostic_approfondi: approfondi && approfondi <= DATE_ARRETE ? approfondi : null,
            date_debut_accompagnement: debutAcc && debutAcc <= DATE_ARRETE ? debutAcc : null,
            date_fin_accompagnement: finAcc && finAcc <= DATE_ARRETE ? finAcc : null,
            nb_semaines_accompagnement:
              debutAcc && debutAcc <= DATE_ARRETE ? (finAcc && finAcc <= DATE_ARRETE ? semaines : Math.max(1, Math.ceil(daysBetween(debutAcc, DATE_ARRETE) / 7))) : null,
            dsf_actualisation_demandee: signalement >= "2026-01-01" && approfondi ? random.chance(0.15) : null,
            date_dsf: null,
            statut: terminee ? "terminee" : "en_cours",
            date_fin_intervention: terminee ? fin : null,
            issue: terminee
              ? eligible
                ? flash
                  ? random.weighted([
                      ["maintien_plan_apurement", 30],
                      ["aide_fsl_sollicitee", 18],
                      ["dette_soldee", 8],
                      ["orientation_services_sociaux", 14],
                      ["orientation_accompagnement", 8],
                      ["relogement", 4],
                      ["mediation_echouee", 5],
                      ["refus_menage", 5],
                      ["depart_logement", 5],
                      ["expulsion", 1],
                      ["autre", 2],
                    ] as const)
                  : "porte_close_injoignable"
                : random.weighted([
                    ["orientation_services_sociaux", 7],
                    ["autre", 3],
                  ] as const)
              : null,
          });
          const row = interventions[interventions.length - 1]!;
          if (row.dsf_actualisation_demandee && approfondi) {
            const dsf = addDays(approfondi, random.int(20, 50));
            row.date_dsf = dsf <= DATE_ARRETE ? dsf : null;
          }
          if (flash && flash <= DATE_ARRETE) {
            const bailleur =
              bailleurs.length > 30 && random.chance(0.15)
                ? random.pick(bailleurs)
                : {
                    id: `BAIL-${op.code.slice(0, 4)}-${pad(bailleurs.length + 1, 4)}`,
                    type: random.weighted([
                      ["personne_physique", 62],
                      ["sci", 18],
                      ["agence_administrateur_biens", 17],
                      ["autre", 3],
                    ] as const),
                  };
            if (!bailleurs.includes(bailleur)) bailleurs.push(bailleur);
            for (let c = 0; c < random.int(1, 3); c++) {
              const date = addDays(flash, random.int(0, 40));
              if (date > DATE_ARRETE) continue;
              const contact: ContactBailleur = {
                code_operateur: op.code,
                id_bailleur: bailleur.id,
                type_bailleur: bailleur.type,
                date_contact: date,
                mode: random.weighted([
                  ["telephone", 6],
                  ["courriel", 2],
                  ["courrier", 1],
                  ["rencontre", 1],
                ] as const),
                resultat: random.chance(0.85)
                  ? random.weighted([
                      ["plan_apurement", 30],
                      ["accord_amiable", 20],
                      ["mediation_en_cours", 25],
                      ["refus", 10],
                      ["sans_reponse", 15],
                    ] as const)
                  : null,
              };
              contacts.push(contact);
              interventionOf.set(contact, row);
            }
          }
        }
      }
    }
    numberByYear(
      interventions,
      (i) => i.date_signalement!,
      (i, id) => (i.id_intervention = id),
      "EM-",
      4,
    );
    interventions.forEach((i, k) => (i.id_menage = `EM-MEN-${pad(k + 1, 4)}`));
    // A household referred again after a first intervention keeps its identifier.
    for (const i of interventions.slice(20))
      if (random.chance(0.03)) i.id_menage = random.pick(interventions.filter((x) => x.date_signalement! < addDays(i.date_signalement!, -180)).concat(i)).id_menage;
    numberByYear(
      contacts,
      (c) => c.date_contact!,
      (c, id) => (c.id_contact = id),
      "EMB-",
      4,
    );
    for (const c of contacts) c.id_intervention = interventionOf.get(c)!.id_intervention!;

    if (op.code === "SIAO-62") {
      // r04: an accompaniment carried to ten weeks (8 at most).
      const long =
        interventions.find((i) => i.statut === "terminee" && i.nb_semaines_accompagnement === 8 && i.date_signalement! >= "2026-01-01") ??
        interventions.find((i) => i.date_fin_accompagnement && i.statut === "terminee");
      if (long) {
        long.nb_semaines_accompagnement = 10;
        long.date_fin_accompagnement = addDays(long.date_debut_accompagnement!, 69);
        if (long.date_fin_intervention! < long.date_fin_accompagnement)
          long.date_fin_intervention = long.date_fin_accompagnement > DATE_ARRETE ? DATE_ARRETE : long.date_fin_accompagnement;
        if (long.date_fin_accompagnement > DATE_ARRETE) Object.assign(long, { date_fin_accompagnement: null, statut: "en_cours", date_fin_intervention: null, issue: null });
        out.anomalies.push({
          regle: "2.10 r04",
          attendu: "ecart",
          operateur: op.code,
          table: "em_interventions",
          id: long.id_intervention!,
          description: "accompagnement de 10 semaines (8 au plus)",
        });
      }
    }
    for (const exercice of ["2025", "2026"]) {
      const own = interventions.filter((i) => i.date_signalement!.startsWith(exercice));
      const yearShare = exercice === "2026" ? 12 / 10 : 1;
      const due = own.reduce(
        (s, i) =>
          s +
          (i.date_diagnostic_flash ? TARIFS.flash : 0) +
          (i.date_diagnostic_approfondi ? TARIFS.approfondi : 0) +
          Math.min(TARIFS.semaines, i.nb_semaines_accompagnement ?? 0) * TARIFS.semaine,
        0,
      );
      out.conventions.push(
        convention(ctx, {
          id_convention: `CONV-${exercice}-EM-${op.code}`,
          fiche: "f2_10_equipes_mobiles",
          code_operateur: op.code,
          perimetre: Object.keys(op.territoires) as ConventionRow["perimetre"],
          date_debut: `${exercice}-01-01`,
          date_fin: `${exercice}-12-31`,
          montant_conventionne: Math.max(5000, Math.round((due * yearShare * (0.95 + 0.15 * random.next())) / 500) * 500),
          taux_avance: 0.6,
        }),
      );
    }
    // « Un bilan final » of the 2025 convention, sent in the first quarter of 2026.
    out.tables.push(
      bilansTable(op.code, op.flavour, [
        {
          fiche: "f2_10_equipes_mobiles",
          objet: "convention",
          id_objet: `CONV-2025-EM-${op.code}`,
          type_bilan: "bilan_final_action",
          date_remise: workdayIn(random, "2026-02-02", "2026-03-31"),
          destinataires: ["slisl", "spslh"],
        },
      ]),
    );
    out.tables.push(
      { report: emInterventions, operator: op.code, flavour: op.flavour, rows: interventions },
      { report: emContactsBailleurs, operator: op.code, flavour: op.flavour, rows: contacts },
    );
  }
  return out;
}
