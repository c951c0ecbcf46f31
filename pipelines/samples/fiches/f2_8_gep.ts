// Fiche 2.8: the four mental-health practice groups over their 2025-2026 convention year — group meetings monthly
// or every two months (never in July-August), a quarterly information time with its coffee, and who came.
import { gepParticipations, gepRencontres } from "../../contracts/f2_8_gep.ts";
import type { Anomalie } from "../anomalies.ts";
import type { ConventionRow } from "../conventions.ts";
import { addDays, addMonths } from "../dates.ts";
import { DATE_ARRETE } from "../operators.ts";
import type { OperatorRow } from "../rows.ts";
import type { Flavour } from "../write.ts";
import { bilansTable, convention, type FicheContext, type FicheOutput, monthsBetween, pad, workday } from "./common.ts";

type Rencontre = OperatorRow<typeof gepRencontres>;
type Participation = OperatorRow<typeof gepParticipations>;
type Provenance = NonNullable<Participation["provenance_professionnelle"]>;

interface Groupe {
  code: "lens_henin" | "artois" | "audomarois" | "boulonnais";
  short: string;
  /** Meetings every month, or every other month. */
  rythme: 1 | 2;
  /** Start of the 2025 and 2026 conventions (spec §A.4). */
  debuts: [string, string];
}

export const OPERATEURS: readonly { code: string; flavour: Flavour; nominatif: boolean; groupes: Groupe[] }[] = [
  {
    code: "ASSO-GEP-01",
    flavour: "csv-utf8",
    nominatif: true,
    groupes: [
      { code: "lens_henin", short: "LH", rythme: 1, debuts: ["2025-11-01", "2026-11-01"] },
      { code: "artois", short: "ART", rythme: 2, debuts: ["2025-11-01", "2026-12-01"] },
    ],
  },
  {
    code: "ASSO-GEP-02",
    flavour: "xlsx-titre",
    nominatif: false,
    groupes: [
      { code: "audomarois", short: "AUD", rythme: 1, debuts: ["2025-12-01", "2026-12-01"] },
      { code: "boulonnais", short: "BOU", rythme: 2, debuts: ["2025-12-01", "2026-12-01"] },
    ],
  },
];

const PROVENANCES: readonly (readonly [Provenance, number])[] = [
  ["travailleur_social_lda", 22],
  ["bailleur_social", 16],
  ["ccas", 14],
  ["travailleur_social_fsl", 8],
  ["travailleur_social_departement", 10],
  ["spip", 5],
  ["siao_hebergement", 6],
  ["mandataire_judiciaire", 5],
  ["sante_sante_mentale", 6],
  ["association_autre", 5],
  ["aide_domicile_perte_autonomie", 3],
];
const THEMATIQUES = [
  ["troubles_psychiques", 5],
  ["addictions", 4],
  ["syndrome_diogene", 3],
  ["acces_aux_soins", 3],
  ["maintien_logement", 4],
  ["premiers_secours_sante_mentale", 1],
  ["autre", 1],
] as const;

export function gep(ctx: FicheContext): FicheOutput {
  const { random } = ctx;
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  const anomaly = (operateur: string, regle: string, table: string, id: string, description: string) =>
    out.anomalies.push({ regle, attendu: "ecart", operateur, table, id, description });
  for (const op of OPERATEURS) {
    const rencontres: Rencontre[] = [];
    const participations: Participation[] = [];
    for (const g of op.groupes) {
      // A stable circle of professionals per group, some coming often, others once.
      const cercle = Array.from({ length: 28 }, (_, i) => ({
        id: `PART-${g.short}-${pad(i + 1, 3)}`,
        provenance: random.weighted(PROVENANCES),
        assiduite: random.chance(0.4) ? 0.8 : 0.3,
      }));
      const meetings: { date: string; type: NonNullable<Rencontre["type_rencontre"]> }[] = [];
      const months = monthsBetween(g.debuts[0], DATE_ARRETE).filter((m) => !["07", "08"].includes(m.slice(5, 7)));
      months.forEach((month, i) => {
        if (i % g.rythme === 0) meetings.push({ date: workday(addDays(month, random.int(8, 20))), type: "groupe_echange" });
      });
      for (let q = 0; q < 4; q++) {
        const month = addMonths(g.debuts[0], 3 * q + 1);
        if (month <= DATE_ARRETE) meetings.push({ date: workday(addDays(month, random.int(0, 25))), type: "temps_information" });
      }
      meetings.push({ date: workday(addDays(addMonths(g.debuts[0], 5), random.int(0, 20))), type: "formation_thematique" });
      meetings.sort((a, b) => (a.date < b.date ? -1 : 1));
      let cafe = 0;
      for (const m of meetings) {
        if (m.date > DATE_ARRETE) continue;
        const presentiel = random.chance(0.88);
        const willing = cercle.filter((p) => random.chance(p.assiduite));
        const present = random.some(willing.length >= 4 ? willing : cercle, 4, 15);
        const coffee = m.type === "temps_information" ? Math.min(300 - cafe, random.int(45, 72)) : null;
        cafe += coffee ?? 0;
        const id = `GEP-${g.short}-${m.date.slice(0, 7)}-${m.type === "groupe_echange" ? "GE" : m.type === "temps_information" ? "TI" : "FT"}`;
        rencontres.push({
          code_operateur: op.code,
          id_rencontre: id,
          territoire_groupe: g.code,
          date: m.date,
          type_rencontre: m.type,
          modalite: presentiel ? "presentiel" : "distanciel",
          nb_participants: present.length,
          nb_situations_examinees: m.type === "groupe_echange" ? random.int(1, 4) : null,
          thematique: m.type === "groupe_echange" && random.chance(0.4) ? null : random.weighted(THEMATIQUES),
          intervenants_externes: m.type === "groupe_echange" ? random.chance(0.15) : true,
          montant_accueil_cafe: coffee,
        });
        if (op.nominatif)
          for (const p of present)
            participations.push({ code_operateur: op.code, id_rencontre: id, id_participant: p.id, provenance_professionnelle: p.provenance, nb: random.chance(0.7) ? 1 : null });
        else {
          const byProvenance = new Map<Provenance, number>();
          for (const p of present) byProvenance.set(p.provenance, (byProvenance.get(p.provenance) ?? 0) + 1);
          for (const [provenance, nb] of byProvenance)
            participations.push({ code_operateur: op.code, id_rencontre: id, id_participant: null, provenance_professionnelle: provenance, nb });
        }
      }
      for (const [exercice, debut] of g.debuts.map((d, k) => [String(2025 + k), d] as const)) {
        out.conventions.push(
          convention(ctx, {
            id_convention: `CONV-${exercice}-GEP-${g.short}-${op.code}`,
            fiche: "f2_8_gep",
            code_operateur: op.code,
            perimetre: [g.code] as ConventionRow["perimetre"],
            date_debut: debut,
            date_fin: addDays(addMonths(debut, 12), -1),
            montant_conventionne: random.pick([17500, 18000, 19000, 20000]),
            taux_avance: 0.6,
          }),
        );
      }
    }
    if (op.nominatif) {
      // r04 (2025 conventions): a crowded group meeting; r10: one participant missing from the sign-in sheet.
      const crowded = rencontres.find((r) => r.type_rencontre === "groupe_echange" && r.modalite === "presentiel" && r.date! > "2026-01-01")!;
      const extra = 17 - crowded.nb_participants!;
      for (let k = 0; k < extra; k++)
        participations.push({
          code_operateur: op.code,
          id_rencontre: crowded.id_rencontre,
          id_participant: `PART-EXT-${pad(k + 1, 3)}`,
          provenance_professionnelle: random.weighted(PROVENANCES),
          nb: 1,
        });
      crowded.nb_participants = 17;
      anomaly(op.code, "2.8 r04", "gep_rencontres", crowded.id_rencontre!, "17 participants en présentiel (15 au plus souhaités)");
      const short = rencontres.find((r) => r.type_rencontre === "temps_information" && r.nb_participants! > 5)!;
      participations.splice(
        participations.findIndex((p) => p.id_rencontre === short.id_rencontre),
        1,
      );
      anomaly(op.code, "2.8 r10", "gep_participations", short.id_rencontre!, "un participant de moins sur la feuille d'émargement que le nombre déclaré");
      // r01: the Artois group met in August.
      const artois = rencontres.filter((r) => r.territoire_groupe === "artois" && r.type_rencontre === "groupe_echange");
      const august = { ...artois[0]!, id_rencontre: "GEP-ART-2026-08-GE", date: "2026-08-27", nb_participants: 5, thematique: "maintien_logement" as const };
      rencontres.push(august);
      for (const p of participations.filter((x) => x.id_rencontre === artois[0]!.id_rencontre).slice(0, 5)) participations.push({ ...p, id_rencontre: august.id_rencontre });
      anomaly(op.code, "2.8 r01", "gep_rencontres", august.id_rencontre, "rencontre du groupe d'échange en août");
    }
    // The annual follow-up committee of each 2025 convention, in its seventh month.
    const comites = op.groupes.map((g) => ({
      fiche: "f2_8_gep" as const,
      objet: "convention" as const,
      id_objet: `CONV-2025-GEP-${g.short}-${op.code}`,
      type_bilan: "comite_suivi" as const,
      date_remise: workday(addDays(addMonths(g.debuts[0], 7), random.int(0, 20))),
      destinataires: ["coordinateur_lda" as const, "spslh" as const],
    }));
    out.tables.push(bilansTable(op.code, op.flavour, comites));
    rencontres.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
    out.tables.push(
      { report: gepRencontres, operator: op.code, flavour: op.flavour, rows: rencontres },
      { report: gepParticipations, operator: op.code, flavour: op.flavour, rows: participations },
    );
  }
  return out;
}
