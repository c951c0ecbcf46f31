// Fiche 2.11: energy-poverty awareness sessions for professionals, one operator per lot, in the first five months
// of the 2026-2027 convention — sessions, their sign-in sheets (names are personal data, hashed at ingest) and
// the anonymous evaluations.
import { sensEmargements, sensEvaluations, sensSessions } from "../../contracts/f2_11_sensibilisation_pe.ts";
import { addDays } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { bilansTable, convention, type FicheContext, type FicheOutput, pad, scaled, workdayIn } from "./common.ts";

type Session = OperatorRow<typeof sensSessions>;
type Emargement = OperatorRow<typeof sensEmargements>;
type Categorie = NonNullable<Emargement["categorie_professionnelle"]>;

export const OPERATEURS: readonly { code: string; flavour: Flavour; lot: "lot1" | "lot2"; villes: string[]; sessions: number; plafond: number; nominatif: boolean }[] = [
  {
    code: "ASSO-ENERGIE-01",
    flavour: "csv-excel-fr",
    lot: "lot1",
    villes: ["Calais", "Boulogne-sur-Mer", "Montreuil-sur-Mer", "Saint-Omer", "Berck"],
    sessions: 6,
    plafond: 8000,
    nominatif: true,
  },
  {
    code: "ASSO-ENERGIE-02",
    flavour: "xlsx-libelles",
    lot: "lot2",
    villes: ["Arras", "Béthune", "Lens", "Liévin", "Hénin-Beaumont", "Saint-Pol-sur-Ternoise", "Bruay-la-Buissière"],
    sessions: 8,
    plafond: 12000,
    nominatif: false,
  },
];
const STRUCTURES: readonly (readonly [NonNullable<Emargement["type_structure"]>, string, Categorie, string, number])[] = [
  ["departement_mds", "MDS", "travailleur_social_departement", "Assistante de service social", 20],
  ["ccas", "CCAS", "ccas", "Conseillère en économie sociale et familiale", 16],
  ["association_logement", "Association d'insertion par le logement", "travailleur_social_lda", "Travailleur social", 14],
  ["bailleur_social", "Bailleur social", "bailleur_social", "Chargée de précontentieux", 10],
  ["service_aide_domicile", "Service d'aide à domicile", "aide_domicile_perte_autonomie", "Aide à domicile", 10],
  ["service_tutelle_mjpm", "Service mandataire", "mandataire_judiciaire", "Mandataire judiciaire", 8],
  ["caf", "CAF", "accompagnement_budgetaire", "Conseillère MASP", 6],
  ["etablissement_medico_social", "Établissement médico-social", "handicap", "Éducateur spécialisé", 6],
  ["collectivite", "Communauté d'agglomération", "collectivite_epci", "Chargé de mission habitat", 4],
];
const NOMS = [
  "Martin",
  "Bernard",
  "Dubois",
  "Lefebvre",
  "Leroy",
  "Moreau",
  "Lambert",
  "Dupont",
  "Caron",
  "Delattre",
  "Lemaire",
  "Dumont",
  "Vasseur",
  "Leclercq",
  "Duhamel",
  "Lefranc",
  "Delannoy",
  "Carpentier",
  "Fontaine",
  "Roussel",
];
const PRENOMS = [
  "Claire",
  "Julie",
  "Sophie",
  "Nathalie",
  "Isabelle",
  "Céline",
  "Aurélie",
  "Émilie",
  "Marie",
  "Sandrine",
  "Karine",
  "Laurent",
  "Thomas",
  "Nicolas",
  "David",
  "Mélanie",
  "Audrey",
  "Stéphanie",
];

export function sensibilisation(ctx: FicheContext): FicheOutput {
  const { random, places } = ctx;
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  for (const op of OPERATEURS) {
    const pros = Array.from({ length: 160 }, (_, i) => {
      const [type, libelle, categorie, fonction] = random.weighted(STRUCTURES.map((s) => [s, s[4]] as const));
      const ville = random.pick(op.villes);
      const nom = `${random.pick(NOMS)} ${random.pick(PRENOMS)}`;
      return {
        id: `PRO-${op.lot.slice(-1)}${pad(i + 1, 3)}`,
        nom,
        structure: `${libelle} de ${ville}`,
        type,
        categorie,
        fonction,
        encadrant: random.chance(0.12),
        mail: `${nom
          .toLowerCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(" ", ".")}@exemple.fr`,
      };
    });
    const unused = [...pros];
    const sessions: Session[] = [];
    const emargements: Emargement[] = [];
    const evaluations: OperatorRow<typeof sensEvaluations>[] = [];
    const n = scaled(ctx, op.sessions, 3);
    for (let i = 0; i < n; i++) {
      // June, then the autumn after the summer break.
      const date = i === 0 ? workdayIn(random, "2026-06-08", "2026-06-26") : workdayIn(random, "2026-09-07", addDays(DATE_ARRETE, -3));
      const inscrits = random.int(10, 16);
      const presents =
        op.lot === "lot2" && i === 1
          ? 6
          : inscrits -
            random.weighted([
              [0, 40],
              [1, 30],
              [2, 20],
              [3, 10],
            ] as const);
      const id = `SENS-${op.lot.toUpperCase()}-${pad(i + 1, 3)}`;
      sessions.push({
        code_operateur: op.code,
        id_session: id,
        lot: op.lot,
        programme: i % 3 === 2 ? "niveau_2_approfondissement" : "niveau_1_decouverte",
        date,
        code_commune_lieu: places.code(op.villes[i % op.villes.length]!),
        duree_heures: i % 3 === 2 ? 6 : 3.5,
        nb_inscrits: inscrits,
        nb_participants_presents: presents,
        date_validation_inscriptions_slisl: random.chance(0.9) ? addDays(date, -random.int(7, 21)) : null,
        support_remis: true,
        salle_departement: random.chance(0.4),
      });
      // Mostly newcomers; a few come back for the second programme.
      for (let k = 0; k < inscrits; k++) {
        const p = unused.length && random.chance(0.85) ? unused.splice(random.int(0, unused.length - 1), 1)[0]! : random.pick(pros);
        if (emargements.some((e) => e.id_session === id && (e.id_participant === p.id || e.nom_participant === p.nom))) continue;
        emargements.push({
          code_operateur: op.code,
          id_session: id,
          id_participant: op.nominatif ? p.id : null,
          nom_participant: p.nom,
          coordonnees_participant: random.chance(0.8) ? p.mail : null,
          structure: p.structure,
          type_structure: p.type,
          fonction: p.fonction,
          categorie_professionnelle: p.categorie,
          encadrant: p.encadrant,
          present: true,
        });
      }
      const rows = emargements.filter((e) => e.id_session === id);
      rows.slice(presents).forEach((e) => (e.present = false));
      const present = Math.min(presents, rows.length);
      sessions[sessions.length - 1]!.nb_participants_presents = present;
      for (let k = 0; k < Math.round(present * (0.6 + 0.3 * random.next())); k++) {
        evaluations.push({
          code_operateur: op.code,
          id_evaluation: "",
          id_session: id,
          satisfaction_globale: random.weighted([
            ["tres_satisfait", 45],
            ["satisfait", 42],
            ["peu_satisfait", 8],
            ["pas_satisfait", 2],
            ["non_repondu", 3],
          ] as const),
          utilite_pratique: random.chance(0.9)
            ? random.weighted([
                ["tres_satisfait", 40],
                ["satisfait", 45],
                ["peu_satisfait", 12],
                ["pas_satisfait", 3],
              ] as const)
            : null,
          recommanderait: random.chance(0.9) ? random.chance(0.9) : null,
        });
      }
    }
    sessions.sort((a, b) => (a.date! < b.date! ? -1 : 1));
    evaluations.forEach((e, k) => (e.id_evaluation = `EVAL-${op.lot.toUpperCase()}-${pad(k + 1, 4)}`));
    for (const small of sessions.filter((s) => s.nb_participants_presents! < 8))
      out.anomalies.push({
        regle: "2.11 r01",
        attendu: "ecart",
        operateur: op.code,
        table: "sens_sessions",
        id: small.id_session!,
        description: `session tenue avec ${small.nb_participants_presents} participants présents (financée à partir de 8)`,
      });
    out.conventions.push(
      convention(ctx, {
        id_convention: `CONV-2026-SENS-${op.lot.toUpperCase()}-${op.code}`,
        fiche: "f2_11_sensibilisation_pe",
        code_operateur: op.code,
        perimetre: [op.lot],
        date_debut: "2026-06-01",
        date_fin: "2027-05-31",
        montant_conventionne: op.plafond,
        taux_avance: 0.7,
        tarifs_unitaires: `session=${Math.round(op.plafond / (op.sessions + 2))}`,
      }),
    );
    // The interim bilan is due four to six months into the convention (October-November 2026): lot 1 sent it already.
    if (op.lot === "lot1")
      out.tables.push(
        bilansTable(op.code, op.flavour, [
          {
            fiche: "f2_11_sensibilisation_pe",
            objet: "convention",
            id_objet: `CONV-2026-SENS-LOT1-${op.code}`,
            type_bilan: "bilan_intermediaire_action",
            date_remise: "2026-10-22",
            destinataires: ["slisl", "spslh"],
          },
        ]),
      );
    out.tables.push(
      { report: sensSessions, operator: op.code, flavour: op.flavour, rows: sessions },
      { report: sensEmargements, operator: op.code, flavour: op.flavour, rows: emargements },
      { report: sensEvaluations, operator: op.code, flavour: op.flavour, rows: evaluations },
    );
  }
  return out;
}
