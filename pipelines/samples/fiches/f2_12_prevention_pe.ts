// Fiche 2.12: energy-poverty support from June 2026 — projet 1 households validated by the SLISL, diagnosed, then
// followed three to six months with two home visits a month, each act billed at most at its tariff cap; and the
// projet 2 innovative collective actions, in rural places first.
import { peActionsInnovantes, peMenages, peOrientations, pePrestations, peSituationEnergie, peVisites } from "../../contracts/f2_12_prevention_pe.ts";
import type { ConventionRow } from "../conventions.ts";
import { addDays, addMonths, daysBetween, moisMesureStarts } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { type BilanRow, bilansTable, convention, type FicheContext, type FicheOutput, numberByYear, pad, scaled, workdayIn } from "./common.ts";

type Menage = OperatorRow<typeof peMenages>;
type Prestation = OperatorRow<typeof pePrestations>;
type Visite = OperatorRow<typeof peVisites>;

const LOTS = { lot1: ["calaisis", "boulonnais", "montreuillois", "audomarois"], lot2: ["artois", "lens_lievin", "henin_carvin"], lot3: ["arrageois", "ternois"] } as const;
export const OPERATEURS: readonly { code: string; flavour: Flavour; lots: Partial<Record<keyof typeof LOTS, number>>; projet2: boolean; montant: number }[] = [
  { code: "ASSO-PE-01", flavour: "csv-utf8", lots: { lot1: 45 }, projet2: true, montant: 118000 },
  { code: "ASSO-PE-02", flavour: "xlsx-titre", lots: { lot2: 42, lot3: 16 }, projet2: false, montant: 132000 },
];
/** Tariff caps of the call for projects (« ne pourra excéder »); operators agreed these or slightly less. */
const TARIFS = {
  diagnostic_social_habitudes_vie: 120,
  diagnostic_technique: 250,
  restitution_diagnostic_bailleur: 150,
  accompagnement_mensuel_habitudes_vie: 150,
  accompagnement_mensuel_bati: 150,
  porte_close: 40,
  bonus_reperage: 25,
} as const;
const PRIVE = new Set(["locataire_parc_prive", "proprietaire_occupant", "accedant"]);
const NOMS = [
  "Dupont",
  "Lefebvre",
  "Caron",
  "Petit",
  "Lemaire",
  "Dumont",
  "Vasseur",
  "Leclercq",
  "Delattre",
  "Fournier",
  "Mercier",
  "Boucher",
  "Lecomte",
  "Hochart",
  "Wattez",
  "Delpierre",
];
const RUES = [
  "rue Jean Jaurès",
  "rue de la République",
  "rue Victor Hugo",
  "rue Pasteur",
  "rue Émile Zola",
  "cité des Fleurs",
  "rue du Moulin",
  "rue de l'Église",
  "avenue Roger Salengro",
  "rue Gambetta",
];

export function preventionPe(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  for (const op of OPERATEURS) {
    const menages: Menage[] = [];
    const prestations: Prestation[] = [];
    const visites: Visite[] = [];
    const energie: OperatorRow<typeof peSituationEnergie>[] = [];
    const orientations: OperatorRow<typeof peOrientations>[] = [];
    const price = (type: keyof typeof TARIFS) => (op.code === "ASSO-PE-02" && type === "diagnostic_technique" ? 230 : TARIFS[type]);
    let seq = 0;
    for (const [lot, count] of Object.entries(op.lots) as [keyof typeof LOTS, number][]) {
      const communes = LOTS[lot].flatMap((t) => places.byMds(t));
      // Every territory of the lot gets households (r12): the first ones go round the territories in turn.
      const n = scaled(ctx, count, LOTS[lot].length);
      for (let i = 0; i < n; i++) {
        const commune = i < LOTS[lot].length ? places.draw(random, places.byMds(LOTS[lot][i]!)) : places.draw(random, communes);
        const validation = workdayIn(random, "2026-06-01", "2026-10-16");
        const debut = addDays(validation, random.int(3, 15));
        const duree = random.int(3, 6);
        const porteClose = random.chance(0.06);
        const early = !porteClose && random.chance(0.08) ? addDays(debut, random.int(30, 70)) : null;
        const planned = addDays(addMonths(debut, duree), -1);
        const finPrevue = porteClose ? addDays(debut, 21) : (early ?? planned);
        const fin = finPrevue <= DATE_ARRETE ? finPrevue : null;
        const statut = random.weighted([
          ["locataire_parc_prive", 40],
          ["locataire_parc_social", 33],
          ["proprietaire_occupant", 17],
          ["accedant", 4],
          ["heberge", 3],
          ["sous_locataire", 3],
        ] as const);
        const age = random.int(19, 84);
        const composition = random.weighted([
          ["personne_seule", 36],
          ["famille_monoparentale", 28],
          ["couple_avec_enfants", 20],
          ["couple_sans_enfant", 14],
          ["autre", 2],
        ] as const);
        const repere = random.chance(0.2);
        const id = `PE-MEN-${op.code.slice(-1)}${pad(++seq, 3)}`;
        const motifArret = fin
          ? porteClose
            ? "porte_close"
            : early
              ? random.weighted([
                  ["abandon_menage", 3],
                  ["non_adhesion", 2],
                  ["demenagement", 1],
                  ["orientation_autre_dispositif", 2],
                ] as const)
              : random.weighted([
                  ["fin_prevue_objectifs_atteints", 6],
                  ["fin_prevue_objectifs_partiels", 4],
                ] as const)
          : null;
        const depart = random.weighted([
          ["endettement", 35],
          ["deficitaire", 25],
          ["fragile", 28],
          ["equilibree", 7],
          ["dossier_surendettement", 5],
        ] as const);
        menages.push({
          code_operateur: op.code,
          id_menage: id,
          nom_menage: random.chance(0.9) ? random.pick(NOMS) : null,
          adresse_logement: random.chance(0.85) ? `${random.int(1, 140)} ${random.pick(RUES)}` : null,
          code_commune: commune.code,
          lot,
          age_entree: random.chance(0.8) ? age : null,
          annee_naissance: null,
          sexe: random.chance(0.9)
            ? random.weighted([
                ["F", 62],
                ["M", 38],
              ] as const)
            : null,
          composition_familiale: composition,
          nb_personnes: composition === "personne_seule" ? 1 : composition === "couple_sans_enfant" ? 2 : random.int(2, 6),
          type_ressources_principal: random.weighted([
            ["rsa", 25],
            ["salaire", 20],
            ["aah", 12],
            ["retraite_minimum_vieillesse", 14],
            ["indemnites_chomage", 8],
            ["prestations_familiales", 12],
            ["prime_activite", 4],
            ["autre", 5],
          ] as const),
          ressources_mensuelles: random.chance(0.85) ? random.int(600, 2100) : null,
          situation_budgetaire_depart: depart,
          statut_occupation: statut,
          public_prioritaire: random.chance(0.6)
            ? random.some(
                ["beneficiaire_aide_fsl", "primo_locataire", "sortant_hebergement", ...(statut === "proprietaire_occupant" ? (["po_aide_renovation_energetique"] as const) : [])],
                1,
                2,
              )
            : [],
          structure_origine_type: repere
            ? "operateur_lui_meme"
            : random.weighted([
                ["slisl_mds", 40],
                ["ccas", 18],
                ["bailleur_social", 12],
                ["caf", 6],
                ["association", 10],
                ["fsl_fonds_travaux", 8],
                ["autre", 6],
              ] as const),
          repere_par_operateur: repere,
          date_validation_slisl: validation,
          duree_fixee_slisl_mois: duree,
          motifs_demande: random.some(
            [
              "impayes_energie",
              "factures_elevees",
              "inconfort_thermique",
              "humidite_moisissures",
              "equipements_vetustes",
              "auto_restriction",
              "impayes_eau",
              "demande_aide_fsl",
              "coupure_reduction_puissance",
            ] as const,
            1,
            3,
          ),
          difficultes_energie_logement: random.some(
            [
              "comprehension_factures",
              "dette_energie",
              "consommation_excessive",
              "contrat_abonnement_inadapte",
              "equipements_energivores",
              "isolation_insuffisante",
              "humidite_ventilation",
              "chauffage_defaillant",
              "dette_eau",
            ] as const,
            1,
            4,
          ),
          difficultes_connexes: random.chance(0.6)
            ? random.some(["budget_endettement", "sante", "isolement", "acces_droits_administratif", "numerique", "emploi", "litige_bailleur"] as const, 1, 2)
            : [],
          date_debut: debut,
          date_fin: fin,
          motif_arret: motifArret,
          evolution_difficultes: fin
            ? porteClose
              ? "inchangees"
              : random.weighted([
                  ["resolues", 25],
                  ["partiellement_resolues", 50],
                  ["inchangees", 20],
                  ["aggravees", 5],
                ] as const)
            : null,
          situation_budgetaire_fin: fin
            ? porteClose
              ? depart
              : random.weighted([
                  ["equilibree", 20],
                  ["fragile", 45],
                  ["deficitaire", 15],
                  ["endettement", 15],
                  ["dossier_surendettement", 5],
                ] as const)
            : null,
          freins_non_leves:
            fin && random.chance(0.5)
              ? random.some(["isolation_insuffisante", "chauffage_defaillant", "budget_endettement", "humidite_ventilation", "numerique"] as const, 1, 2)
              : [],
          evaluation_plus_value: fin
            ? porteClose
              ? "non_repondu"
              : random.weighted([
                  ["tres_satisfait", 40],
                  ["satisfait", 40],
                  ["peu_satisfait", 8],
                  ["pas_satisfait", 2],
                  ["non_repondu", 10],
                ] as const)
            : null,
        });
        const m = menages[menages.length - 1]!;
        if (m.age_entree === null) m.annee_naissance = 2026 - age;
        const last = fin ?? DATE_ARRETE;
        const bill = (type: keyof typeof TARIFS, date: string, mois: string | null = null) => {
          if (date <= DATE_ARRETE)
            prestations.push({
              code_operateur: op.code,
              id_prestation: "",
              id_menage: id,
              type_prestation: type,
              date_prestation: date,
              mois,
              montant_facture: price(type),
              realise_par_tiers: type === "diagnostic_technique" ? op.code === "ASSO-PE-02" : null,
            });
        };
        const visit = (date: string, fructueuse: boolean, objet: NonNullable<Visite["objet"]>) => {
          if (date <= last) visites.push({ code_operateur: op.code, id_visite: "", id_menage: id, date, fructueuse, objet });
        };
        if (repere) bill("bonus_reperage", validation);
        if (porteClose) {
          visit(debut, false, "diagnostic");
          visit(addDays(debut, random.int(7, 14)), false, "diagnostic");
          bill("porte_close", addDays(debut, 21));
          continue;
        }
        visit(debut, true, "diagnostic");
        bill("diagnostic_social_habitudes_vie", debut);
        if (PRIVE.has(statut) && random.chance(0.6)) {
          const tech = addDays(debut, random.int(5, 20));
          if (tech <= last) {
            bill("diagnostic_technique", tech);
            if (statut === "locataire_parc_prive" && random.chance(0.7)) bill("restitution_diagnostic_bailleur", addDays(tech, random.int(10, 25)));
          }
        }
        // Two home visits in each month of support, one of them sometimes missed; the month is billed at its end.
        for (const start of moisMesureStarts(addDays(debut, 14), last)) {
          const end = addDays(addMonths(start, 1), -1);
          const within = end <= last ? end : last;
          if (daysBetween(start, within) < 10) continue;
          const first = workdayIn(random, start, addDays(start, 12));
          const second = workdayIn(random, addDays(first, 5), within);
          const missed = random.chance(0.08);
          visit(first, true, "accompagnement");
          visit(second, !missed, "accompagnement");
          if (missed) visit(workdayIn(random, second, within), true, "accompagnement");
          if (end <= last) bill(random.chance(0.8) ? "accompagnement_mensuel_habitudes_vie" : "accompagnement_mensuel_bati", end, start.slice(0, 7));
        }
        for (const e of random.some(["electricite", "gaz", "eau", "fioul", "bois_granules"] as const, 1, 3).sort()) {
          const dette = random.chance(0.45) ? random.int(80, 1800) : null;
          const row = {
            code_operateur: op.code,
            id_menage: id,
            energie: e,
            type_fournisseur: random.weighted([
              ["fournisseur_historique", 60],
              ["fournisseur_alternatif", 30],
              ["regie_locale", e === "eau" ? 40 : 2],
            ] as const),
            releve_compteurs: random.chance(0.4),
            mensualisation: random.chance(0.5),
            montant_dette: dette,
            plan_apurement: dette ? random.chance(0.3) : null,
            usage: random.weighted([
              ["inadapte", 35],
              ["partiellement_adapte", 45],
              ["adapte", 20],
            ] as const),
          };
          energie.push({ ...row, phase: "depart" });
          if (fin && !early)
            energie.push({
              ...row,
              phase: "fin",
              releve_compteurs: true,
              mensualisation: true,
              montant_dette: dette ? Math.round(dette * random.next() * 0.5) : null,
              plan_apurement: dette ? true : null,
              usage: random.weighted([
                ["adapte", 50],
                ["partiellement_adapte", 45],
                ["inadapte", 5],
              ] as const),
            });
        }
        for (
          let k = 0;
          k <
          random.weighted([
            [0, 35],
            [1, 45],
            [2, 20],
          ] as const);
          k++
        ) {
          const date = addDays(debut, random.int(5, 60));
          if (date <= last)
            orientations.push({
              code_operateur: op.code,
              id_orientation: "",
              id_menage: id,
              date,
              vers: random.weighted([
                ["fsl", 25],
                ["fournisseur_energie", 15],
                ["france_renov_anah", 8],
                ["slisl_mds", 12],
                ["ccas", 10],
                ["caf", 8],
                ["commission_surendettement", 5],
                ["adil", 5],
                ["astre", 3],
                ["signalement_habitat_indigne", 4],
                ["sante", 3],
                ["autre", 2],
              ] as const),
              suite: random.weighted([
                ["en_cours", 35],
                ["aboutie", 45],
                ["sans_suite", 12],
                ["refus_menage", 8],
              ] as const),
            });
        }
      }
    }
    const anomaly = (regle: string, table: string, id: string, description: string) => out.anomalies.push({ regle, attendu: "ecart", operateur: op.code, table, id, description });
    // r03: a month of support billed with a single successful visit (the second was never made up).
    const month = prestations.find((p) => p.type_prestation === "accompagnement_mensuel_habitudes_vie");
    if (month) {
      const inMonth = visites.filter((v) => v.id_menage === month.id_menage && v.date!.slice(0, 7) === month.mois && v.fructueuse);
      if (inMonth.length >= 2) {
        visites.splice(visites.indexOf(inMonth[inMonth.length - 1]!), 1);
        anomaly("2.12 r03", "pe_prestations", month.id_menage!, `accompagnement de ${month.mois} facturé avec une seule visite à domicile fructueuse`);
      }
    }
    if (op.code === "ASSO-PE-02") {
      // r01: a diagnostic made before the SLISL validated the entry.
      const m = menages.find((x) => !x.repere_par_operateur && x.motif_arret !== "porte_close")!;
      const diag = prestations.find((p) => p.id_menage === m.id_menage && p.type_prestation === "diagnostic_social_habitudes_vie")!;
      diag.date_prestation = addDays(m.date_validation_slisl!, -6);
      anomaly("2.12 r01", "pe_prestations", m.id_menage!, "diagnostic facturé avant la validation de l'entrée par le SLISL");
    }
    numberByYear(
      prestations,
      (p) => p.date_prestation!,
      (p, id) => (p.id_prestation = id),
      "PE-PRE-",
      4,
    );
    numberByYear(
      visites,
      (v) => v.date!,
      (v, id) => (v.id_visite = id),
      "PE-VAD-",
      4,
    );
    numberByYear(
      orientations,
      (o) => o.date!,
      (o, id) => (o.id_orientation = id),
      "PE-ORI-",
      4,
    );
    menages.sort((a, b) => (a.date_debut! < b.date_debut! ? -1 : 1));

    const actions: OperatorRow<typeof peActionsInnovantes>[] = [];
    if (op.projet2) {
      // Projet 2 goes to villages first (aller-vers), all over the département.
      const rural = places.all.filter((p) => p.population < 3000);
      for (let i = 0; i < scaled(ctx, 16, 3); i++) {
        const format = random.chance(0.8) ? "collectif" : "individuel";
        actions.push({
          code_operateur: op.code,
          date: workdayIn(random, "2026-06-08", DATE_ARRETE),
          format,
          type_action:
            format === "collectif"
              ? random.weighted([
                  ["atelier_collectif", 6],
                  ["stand_aller_vers", 3],
                  ["permanence_mobile", 2],
                ] as const)
              : "visite_domicile",
          code_commune: (random.chance(0.75) ? places.draw(random, rural) : places.draw(random)).code,
          themes: random.some(["eco_gestes", "lecture_factures", "eau", "chauffage", "numerique", "aides_financieres"] as const, 1, 3),
          nb_participants: i === 1 ? 5 : format === "collectif" ? random.int(6, 18) : random.int(6, 9),
          montant_facture: random.pick([350, 400, 450, 500]),
        });
      }
      numberByYear(
        actions,
        (a) => a.date!,
        (a, id) => (a.id_action = id),
        "PE-ACT-",
        3,
      );
      const small = actions.find((a) => a.nb_participants! < 6)!;
      anomaly("2.12 r10", "pe_actions_innovantes", small.id_action!, "action innovante facturée avec 5 participants (financée à partir de 6)");
    }
    out.conventions.push(
      convention(ctx, {
        id_convention: `CONV-2026-PE-${op.code}`,
        fiche: "f2_12_prevention_pe",
        code_operateur: op.code,
        perimetre: Object.keys(op.lots) as ConventionRow["perimetre"],
        dispositif: op.projet2 ? ["projet_1", "projet_2"] : ["projet_1"],
        date_debut: "2026-06-01",
        date_fin: "2027-05-31",
        // Both operators together stay within the 260 000 € envelope of the two projects.
        montant_conventionne: op.montant,
        taux_avance: 0.7,
        tarifs_unitaires:
          Object.keys(TARIFS)
            .map((t) => `${t}=${price(t as keyof typeof TARIFS)}`)
            .join(";") + (op.projet2 ? ";action_innovante=450" : ""),
      }),
    );
    // A monthly progress note per billed month and an end bilan, both signed by the household (mostly); the follow-up
    // committee in the fifth month of the convention.
    const documents: Omit<BilanRow, "code_operateur" | "id_bilan">[] = [
      {
        fiche: "f2_12_prevention_pe",
        objet: "convention",
        id_objet: `CONV-2026-PE-${op.code}`,
        type_bilan: "comite_suivi",
        date_remise: workdayIn(random, "2026-10-05", "2026-10-23"),
        destinataires: ["slisl", "spslh"],
      },
    ];
    for (const p of prestations.filter((x) => x.mois))
      documents.push({
        fiche: "f2_12_prevention_pe",
        objet: "menage",
        id_objet: p.id_menage!,
        type_bilan: "point_etape_mensuel",
        mois_reference: p.mois,
        date_remise: addDays(p.date_prestation!, random.int(0, 8)),
        destinataires: ["slisl"],
        signe_menage: random.chance(0.93),
      });
    for (const m of menages.filter((x) => x.date_fin && x.motif_arret !== "porte_close"))
      documents.push({
        fiche: "f2_12_prevention_pe",
        objet: "menage",
        id_objet: m.id_menage!,
        type_bilan: "bilan_fin_mesure",
        date_remise: addDays(m.date_fin!, random.int(0, Math.min(20, daysBetween(m.date_fin!, DATE_ARRETE)))),
        destinataires: ["slisl"],
        signe_menage: random.chance(0.9),
      });
    out.tables.push(
      bilansTable(op.code, op.flavour, documents),
      { report: peMenages, operator: op.code, flavour: op.flavour, rows: menages },
      { report: peSituationEnergie, operator: op.code, flavour: op.flavour, rows: energie },
      { report: pePrestations, operator: op.code, flavour: op.flavour, rows: prestations },
      { report: peVisites, operator: op.code, flavour: op.flavour, rows: visites },
      { report: peOrientations, operator: op.code, flavour: op.flavour, rows: orientations },
    );
    if (actions.length) out.tables.push({ report: peActionsInnovantes, operator: op.code, flavour: op.flavour, rows: actions });
  }
  return out;
}
