// Fiche 2.3 ASTRE: two operators accompanying very modest owner-occupiers through renovation works, about twenty
// measures a convention year (1 November to 31 October), each with its validated saisine, monthly home visits,
// the aid that closes the financing plan, and the works' progress as known at the snapshot.
import { astreAides, astreContacts, astreMesures, astrePartenariats, astreSaisines } from "../../contracts/f2_3_astre.ts";
import type { Anomalie } from "../anomalies.ts";
import { addDays, addMonths, daysBetween, moisMesureStarts } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { type BilanRow, bilansTable, convention, dayIn, type FicheContext, type FicheOutput, numberByYear, pad, round2, scaled, workday, workdayIn } from "./common.ts";
import type { Place } from "./places.ts";

type Saisine = OperatorRow<typeof astreSaisines>;
type MesureRow = OperatorRow<typeof astreMesures>;
type Contact = OperatorRow<typeof astreContacts>;

export const OPERATEURS: readonly { code: string; flavour: Flavour; mesures: number; territoires: string[]; part: number }[] = [
  { code: "ASSO-ASTRE-01", flavour: "xlsx-libelles", mesures: 19, territoires: ["montreuillois", "ternois", "arrageois", "boulonnais", "audomarois", "calaisis"], part: 12 },
  { code: "ASSO-ASTRE-02", flavour: "csv-utf8", mesures: 13, territoires: ["artois", "lens_lievin", "henin_carvin", "arrageois"], part: 8 },
];
const TRAVAUX = [
  ["renovation_energetique", 40],
  ["confort_thermique", 20],
  ["adaptation_vieillissement", 15],
  ["habitat_indigne", 8],
  ["sortie_insalubrite", 5],
  ["adaptation_handicap", 7],
  ["autre", 5],
] as const;
const ORIGINES = [
  ["fsl_fonds_travaux", 30],
  ["slisl_mds", 18],
  ["mon_accompagnateur_renov", 14],
  ["operateur_opah_pig", 12],
  ["ccas", 10],
  ["anah", 8],
  ["caf", 3],
  ["autre", 5],
] as const;
const TARIF_MOIS = 220;

export function astre(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  for (const op of OPERATEURS) {
    // The priority territories (Montreuillois, Ternois, Sud-Artois) weigh three times their population.
    const pool: Place[] = op.territoires.flatMap((t) => places.byMds(t).flatMap((p) => (["montreuillois", "ternois"].includes(t) || p.epci === "200035442" ? [p, p, p] : [p])));
    const saisines: Saisine[] = [];
    const mesures: MesureRow[] = [];
    const contacts: Contact[] = [];
    // Identifiers are given once every row is drawn (in date order): links wait in these maps until then.
    const saisineOf = new Map<MesureRow, Saisine>();
    const mesureOf = new Map<Contact, MesureRow>();
    const aides: OperatorRow<typeof astreAides>[] = [];
    let menages = 0;
    const saisine = (date: string, place: Place, fields: Partial<Saisine>): Saisine => {
      const diagnostic = random.weighted([
        ["aucun", 45],
        ["simple", 40],
        ["complet", 15],
      ] as const);
      const row: Saisine = {
        code_operateur: op.code,
        id_menage: `AST-MEN-${pad(++menages, 4)}`,
        date_identification: date,
        eligible_identifie: true,
        structure_origine_type: random.weighted(ORIGINES),
        structure_origine_libelle: random.chance(0.5) ? `CCAS de ${place.nom}` : null,
        date_depot_demande: null,
        decision_spslh: null,
        date_decision: null,
        difficultes_demande: random.some(
          [
            "precarite_energetique",
            "ressources_insuffisantes_reste_a_charge",
            "perte_autonomie",
            "isolement",
            "insalubrite_habitat_indigne",
            "acces_droits_administratif",
            "numerique",
            "endettement_budget",
          ] as const,
          1,
          3,
        ),
        code_commune: place.code,
        diagnostic_mandate: diagnostic,
        date_diagnostic: diagnostic === "aucun" ? null : addDays(date, random.int(10, 30)),
        montant_diagnostic: diagnostic === "simple" ? random.pick([180, 200, 220]) : diagnostic === "complet" ? random.pick([380, 420, 440]) : null,
        ...fields,
      };
      saisines.push(row);
      return row;
    };
    const n = scaled(ctx, op.mesures, 4);
    for (let i = 0; i < n; i++) {
      // Measures of the 2024-2025 and 2025-2026 convention years, more of them in the current one.
      const debut = workdayIn(random, i < n * 0.35 ? "2024-11-04" : "2025-11-03", i < n * 0.35 ? "2025-10-15" : "2026-10-09");
      const place = pool[random.int(0, pool.length - 1)]!;
      const identification = addDays(debut, -random.int(45, 100));
      const depot = addDays(identification, random.int(5, 20));
      const s = saisine(identification, place, {
        date_depot_demande: depot,
        decision_spslh: "validee",
        date_decision: addDays(depot, random.int(5, Math.max(6, daysBetween(depot, debut) - 2))),
      });
      const twelve = addDays(addMonths(debut, 12), -1);
      const early = random.chance(0.15) ? addDays(debut, random.int(60, 250)) : null;
      const finPrevue = early && early < twelve ? early : twelve;
      const fin = finPrevue <= DATE_ARRETE ? finPrevue : null;
      const last = fin ?? DATE_ARRETE;
      const months = daysBetween(debut, last) / 30.4;
      const motif = fin
        ? early && finPrevue === early
          ? random.weighted([
              ["abandon_projet", 3],
              ["non_adhesion", 2],
              ["demenagement", 1],
              ["hospitalisation_deces", 1],
              ["rupture_contact", 1],
            ] as const)
          : random.weighted([
              ["fin_normale_travaux_acheves", 8],
              ["objectifs_atteints", 2],
            ] as const)
        : null;
      const travaux = random.some(
        TRAVAUX.map(([t]) => t),
        1,
        2,
      );
      const prevus = random.int(80, 450) * 100;
      let statut: MesureRow["statut_travaux"] =
        months < 3 ? "non_demarres" : months < 8 ? random.pick(["non_demarres", "en_cours"] as const) : random.chance(0.75) ? "acheves" : "en_cours";
      if (motif === "abandon_projet" || motif === "non_adhesion" || motif === "rupture_contact") statut = random.chance(0.7) ? "abandonnes" : "non_demarres";
      if (motif === "fin_normale_travaux_acheves") statut = "acheves";
      const debutTravaux = statut === "en_cours" || statut === "acheves" ? addDays(debut, random.int(60, Math.max(61, Math.min(200, daysBetween(debut, last) - 40)))) : null;
      let finTravaux = statut === "acheves" && debutTravaux ? addDays(debutTravaux, random.int(20, Math.max(21, daysBetween(debutTravaux, last)))) : null;
      if (finTravaux && finTravaux > last) finTravaux = last;
      const age = random.int(58, 89);
      const row: MesureRow = {
        code_operateur: op.code,
        id_menage: s.id_menage,
        id_saisine: "",
        date_debut: debut,
        date_signature_contrat: debut,
        date_envoi_contrat_spslh: random.chance(0.9) ? addDays(debut, random.int(3, 28)) : addDays(debut, random.int(35, 60)),
        date_fin: fin,
        motif_arret: motif,
        date_signalement_sortie: fin && random.chance(0.85) ? addDays(fin, random.int(0, 10)) : null,
        code_commune: place.code,
        perimetre_operation: random.weighted([
          ["diffus", 55],
          ["opah", 20],
          ["pig", 15],
          ["pacte_territorial_france_renov", 10],
        ] as const),
        statut_occupation: "proprietaire_occupant",
        composition_familiale: random.weighted([
          ["personne_seule", 48],
          ["couple_sans_enfant", 35],
          ["famille_monoparentale", 7],
          ["couple_avec_enfants", 7],
          ["autre", 3],
        ] as const),
        nb_personnes: null,
        sexe: random.weighted([
          ["F", 60],
          ["M", 40],
        ] as const),
        age_entree: random.chance(0.7) ? age : null,
        annee_naissance: null,
        type_ressources_principal: random.weighted([
          ["retraite_minimum_vieillesse", 60],
          ["aah", 10],
          ["pension_invalidite", 8],
          ["salaire", 8],
          ["rsa", 8],
          ["autre", 6],
        ] as const),
        ressources_mensuelles: random.chance(0.85) ? random.int(700, 1500) : null,
        types_travaux_prevus: travaux,
        montant_travaux_prevus: prevus,
        types_travaux_realises: statut === "acheves" ? (random.chance(0.8) ? travaux : [...travaux, "autre" as const].filter((v, k, a) => a.indexOf(v) === k)) : [],
        montant_travaux_realises: statut === "acheves" ? Math.round(prevus * (0.85 + random.next() * 0.4)) : null,
        statut_travaux: statut,
        date_debut_travaux: debutTravaux,
        date_fin_travaux: finTravaux,
        satisfaction: fin
          ? random.weighted([
              ["tres_satisfait", 45],
              ["satisfait", 35],
              ["peu_satisfait", 8],
              ["pas_satisfait", 2],
              ["non_repondu", 10],
            ] as const)
          : null,
        photos_avant_transmises: debutTravaux !== null || random.chance(0.3),
        photos_apres_transmises: statut === "acheves",
      };
      if (row.age_entree === null) row.annee_naissance = Number(debut.slice(0, 4)) - age;
      row.nb_personnes = row.composition_familiale === "personne_seule" ? 1 : row.composition_familiale === "couple_sans_enfant" ? 2 : random.int(2, 5);
      mesures.push(row);
      saisineOf.set(row, s);
      const contact = (c: Contact) => {
        contacts.push(c);
        mesureOf.set(c, row);
      };
      // At least one visit a month, at home mostly; phone calls and meetings with craftsmen around them.
      for (const start of moisMesureStarts(debut, last)) {
        const end = addDays(addMonths(start, 1), -1);
        const to = end < last ? end : last;
        for (
          let k = 0;
          k <
          random.weighted([
            [1, 60],
            [2, 35],
            [3, 5],
          ] as const);
          k++
        )
          contact({ code_operateur: op.code, id_mesure: "", date: workdayIn(random, start, to), type_contact: "visite", lieu: random.chance(0.9) ? "domicile" : "exterieur" });
        if (random.chance(0.6))
          contact({
            code_operateur: op.code,
            id_mesure: "",
            date: workdayIn(random, start, to),
            type_contact: random.weighted([
              ["telephone", 5],
              ["rendez_vous_artisan", 2],
              ["rendez_vous_administratif", 2],
              ["concertation_partenaires", 1],
            ] as const),
            lieu: "distance",
          });
      }
    }
    // Situations identified that led to no measure: refused, waiting, or found ineligible with the partners.
    for (let i = 0; i < Math.round(n * 0.7); i++) {
      const date = workdayIn(random, "2024-10-01", addDays(DATE_ARRETE, -10));
      const eligible = random.chance(0.75);
      const depot = eligible && random.chance(0.8) ? addDays(date, random.int(5, 20)) : null;
      const decision = depot
        ? depot > "2026-10-10"
          ? "en_attente"
          : random.weighted([
              ["refusee", 5],
              ["en_attente", 2],
            ] as const)
        : null;
      saisine(date, pool[random.int(0, pool.length - 1)]!, {
        eligible_identifie: eligible,
        date_depot_demande: depot && depot <= DATE_ARRETE ? depot : null,
        decision_spslh: depot && depot <= DATE_ARRETE ? decision : null,
        date_decision: decision === "refusee" ? addDays(depot!, random.int(5, 15)) : null,
      });
    }
    for (const s of saisines)
      if (s.date_diagnostic && s.date_diagnostic > DATE_ARRETE) Object.assign(s, { diagnostic_mandate: "aucun", date_diagnostic: null, montant_diagnostic: null });
    numberByYear(
      saisines,
      (s) => s.date_identification!,
      (s, id) => (s.id_saisine = id),
      `AS-${op.code.slice(-2)}-`,
      4,
    );
    numberByYear(
      mesures,
      (m) => m.date_debut!,
      (m, id) => (m.id_mesure = id),
      "ASTRE-",
      4,
    );
    for (const m of mesures) m.id_saisine = saisineOf.get(m)!.id_saisine!;
    for (const c of contacts) c.id_mesure = mesureOf.get(c)!.id_mesure!;

    for (const m of mesures) {
      if (m.statut_travaux === "non_demarres" && m.date_debut! > "2026-08-01") continue;
      const total = m.montant_travaux_realises ?? m.montant_travaux_prevus!;
      const plan = [
        ["ma_prime_renov", 0.5],
        ["fsl_fonds_travaux", 0.15],
        ["caisse_retraite", 0.12],
        ["collectivite_locale", 0.08],
        ["certificats_economie_energie", 0.05],
        ["apport_menage", 0.1],
      ] as const;
      for (const [type, share] of plan) {
        if (type !== "ma_prime_renov" && !random.chance(0.55)) continue;
        const date = addDays(m.date_debut!, random.int(10, 120));
        if (date > DATE_ARRETE) continue;
        const statut =
          m.statut_travaux === "acheves"
            ? random.weighted([
                ["versee", 7],
                ["accordee", 3],
              ] as const)
            : random.weighted([
                ["sollicitee", 4],
                ["accordee", 5],
                ["refusee", 1],
              ] as const);
        aides.push({ code_operateur: op.code, id_mesure: m.id_mesure!, type_aide: type, objet: "plan_financement", montant: round2(total * share), statut, date });
      }
      if (random.chance(0.25))
        aides.push({
          code_operateur: op.code,
          id_mesure: m.id_mesure!,
          type_aide: "fondation_association",
          objet: "avance_audit_energetique",
          montant: random.pick([500, 650, 800]),
          statut: "versee",
          date: addDays(m.date_debut!, random.int(5, 40)),
        });
    }
    numberByYear(
      aides,
      (a) => a.date!,
      (a, id) => (a.id_aide = id),
      "AIDE-",
      4,
    );
    numberByYear(
      contacts,
      (c) => c.date!,
      (c, id) => (c.id_contact = id),
      `AC-${op.code.slice(-2)}-`,
      5,
    );

    const partenariats: OperatorRow<typeof astrePartenariats>[] = [];
    for (let i = 0; i < scaled(ctx, 16, 3); i++) {
      const type = random.weighted([
        ["mon_accompagnateur_renov", 5],
        ["operateur_opah_pig", 4],
        ["slisl_mds", 4],
        ["anah", 2],
        ["structure_fsl", 3],
        ["artisan_entreprise", 4],
        ["ccas", 3],
        ["financeur", 2],
        ["habitat_technique", 2],
      ] as const);
      partenariats.push({
        code_operateur: op.code,
        date: workdayIn(random, "2024-11-04", DATE_ARRETE),
        type_partenaire: type,
        nature:
          type === "mon_accompagnateur_renov" || type === "habitat_technique"
            ? "binome_social_technique"
            : random.weighted([
                ["concertation", 4],
                ["orientation", 3],
                ["rencontre_presentation_dispositif", 3],
                ["convention", 1],
              ] as const),
        territoire_mds: random.pick(op.territoires) as OperatorRow<typeof astrePartenariats>["territoire_mds"],
      });
    }
    numberByYear(
      partenariats,
      (p) => p.date!,
      (p, id) => (p.id_partenariat = id),
      "AP-",
      4,
    );

    for (const [exercice, debut, fin] of [
      ["2025", "2025-11-01", "2026-10-31"],
      ["2026", "2026-11-01", "2027-10-31"],
    ] as const) {
      out.conventions.push(
        convention(ctx, {
          id_convention: `CONV-${exercice}-ASTRE-${op.code}`,
          fiche: "f2_3_astre",
          code_operateur: op.code,
          perimetre: ["departement"],
          date_debut: debut,
          date_fin: fin,
          // 20 measures at 2 640 € (52 800 €) shared between the two operators, within the 53 000 € envelope.
          montant_conventionne: op.part * 12 * TARIF_MOIS,
          nb_mesures_conventionnees: op.part,
          taux_avance: 0.8,
        }),
      );
    }

    const anomaly = (regle: string, table: string, id: string, description: string) => out.anomalies.push({ regle, attendu: "ecart", operateur: op.code, table, id, description });
    if (op.code === "ASSO-ASTRE-01") {
      // r04: a running measure whose visits stopped for a month (referent on leave, not replaced).
      const m = mesures.find((x) => !x.date_fin && x.date_debut! < "2026-06-01") ?? mesures.find((x) => (x.date_fin ?? DATE_ARRETE) > addMonths(x.date_debut!, 4));
      // The measure's third month (§0.5.6 mois-mesure), not a calendar month.
      const [from, to] = m ? [addMonths(m.date_debut!, 2), addDays(addMonths(m.date_debut!, 3), -1)] : ["", ""];
      const kept = contacts.filter((c) => !(c.id_mesure === m?.id_mesure && c.type_contact === "visite" && c.date! >= from && c.date! <= to));
      if (m && kept.length < contacts.length) {
        contacts.splice(0, contacts.length, ...kept);
        anomaly("2.3 r04", "astre_contacts", m.id_mesure!, `aucune visite au ménage du ${from} au ${to}`);
      }
      // r08: a full diagnostic billed above the 440 € ceiling.
      const d = saisines.find((s) => s.diagnostic_mandate === "complet") ?? saisines[0]!;
      Object.assign(d, { diagnostic_mandate: "complet", date_diagnostic: d.date_diagnostic ?? addDays(d.date_identification!, 5), montant_diagnostic: 480 });
      anomaly("2.3 r08", "astre_saisines", d.id_saisine!, "diagnostic complet facturé 480 € (440 € au plus)");
    } else {
      // r12: a measure for a tenant, where ASTRE is for owner-occupiers.
      const m = mesures[mesures.length - 1]!;
      m.statut_occupation = "locataire_parc_prive";
      anomaly("2.3 r12", "astre_mesures", m.id_mesure!, "mesure ASTRE pour un locataire du parc privé (propriétaires occupants seulement)");
    }
    // Interim bilans at 3, 6 and 9 months « si nécessaire » (most measures get them), the individual evaluation at the end.
    const documents: Omit<BilanRow, "code_operateur" | "id_bilan">[] = [];
    const withoutFinal = op.code === "ASSO-ASTRE-02" ? mesures.find((m) => m.date_fin && m.statut_occupation === "proprietaire_occupant") : undefined;
    for (const m of mesures) {
      const last = m.date_fin ?? DATE_ARRETE;
      const interim = random.chance(0.85);
      for (const [months, type] of [
        [3, "bilan_3m"],
        [6, "bilan_6m"],
        [9, "bilan_9m"],
      ] as const) {
        const due = addMonths(m.date_debut!, months);
        if (due > last || (!interim && months > 3) || (months === 9 && random.chance(0.4))) continue;
        if (!interim) anomaly("2.3 r05", "bilans", m.id_mesure!, "aucun bilan intermédiaire alors que la mesure a dépassé 3 mois");
        else
          documents.push({
            fiche: "f2_3_astre",
            objet: "mesure",
            id_objet: m.id_mesure!,
            type_bilan: type,
            date_remise: addDays(due, random.int(0, 20)),
            destinataires: ["spslh", "slisl", "structure_origine"],
            conclusion_poursuite: true,
          });
      }
      if (m.date_fin && m !== withoutFinal)
        documents.push({
          fiche: "f2_3_astre",
          objet: "mesure",
          id_objet: m.id_mesure!,
          type_bilan: "bilan_fin_mesure",
          date_remise: addDays(m.date_fin, random.int(0, Math.min(25, daysBetween(m.date_fin, DATE_ARRETE)))),
          destinataires: ["spslh", "slisl", "structure_origine"],
          conclusion_poursuite: false,
        });
    }
    if (withoutFinal) anomaly("2.3 r06", "bilans", withoutFinal.id_mesure!, "mesure terminée sans bilan de fin de mesure");
    out.tables.push(
      bilansTable(op.code, op.flavour, documents),
      { report: astreSaisines, operator: op.code, flavour: op.flavour, rows: saisines },
      { report: astreMesures, operator: op.code, flavour: op.flavour, rows: mesures },
      { report: astreAides, operator: op.code, flavour: op.flavour, rows: aides },
      { report: astreContacts, operator: op.code, flavour: op.flavour, rows: contacts },
      { report: astrePartenariats, operator: op.code, flavour: op.flavour, rows: partenariats },
    );
  }
  // r10: more measures started in the 2025-2026 convention year than the twenty the call for projects funds.
  const started = out.tables
    .filter((t) => t.report === astreMesures)
    .flatMap((t) => t.rows as MesureRow[])
    .filter((m) => m.date_debut! >= "2025-11-01");
  if (started.length > 20)
    out.anomalies.push({
      regle: "2.3 r10",
      attendu: "ecart",
      operateur: "ASSO-ASTRE-01",
      table: "astre_mesures",
      id: started[0]!.id_mesure!,
      description: `${started.length} mesures démarrées sur la convention 2025-2026 pour 20 financées`,
    });
  return out;
}
