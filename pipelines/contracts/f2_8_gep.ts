// Fiche 2.8 « Groupes d'échange de pratiques santé mentale (GEP) » (spec §2.8.4): meetings and their participants.
import { col } from "./columns.ts";
import { CATEGORIES_PROFESSIONNELLES, TERRITOIRES_LDA_LABELS } from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_8_gep"] as const;

/** §A.3, 2.8 groups: one per territory, a subset of the §A.2 Logement d'abord territories (so their labels are reused). */
export const GROUPES_GEP = ["artois", "audomarois", "boulonnais", "lens_henin"] as const;
const GROUPES_GEP_LABELS = Object.fromEntries(GROUPES_GEP.map((g) => [g, TERRITOIRES_LDA_LABELS[g]!]));

export const gepRencontres = defineReport({
  table: "gep_rencontres",
  titre: "Rencontres des groupes d'échange de pratiques (fiche 2.8)",
  description: "Une ligne par rencontre : groupe d'échange, temps d'information ou formation thématique.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_rencontre"],
  columns: {
    id_rencontre: col.str({ req: "R", label: "Identifiant de la rencontre", example: "GEP-ART-2026-07", feeds: "i01-i03" }),
    territoire_groupe: col.enum(GROUPES_GEP, { req: "R", label: "Groupe (territoire)", example: "artois", valueLabels: GROUPES_GEP_LABELS, feeds: "all" }),
    // July-August meetings (r01) and the rhythm (r02) are rules on the whole file, not row refusals.
    date: col.date({ req: "R", label: "Date", example: "2026-12-10", feeds: "i01, r01-r03" }),
    type_rencontre: col.enum(["groupe_echange", "temps_information", "formation_thematique"], {
      req: "R",
      label: "Type de rencontre",
      example: "temps_information",
      valueLabels: { groupe_echange: "Groupe d'échange", temps_information: "Temps d'information", formation_thematique: "Formation thématique" },
      feeds: "i01",
    }),
    modalite: col.enum(["presentiel", "distanciel"], { req: "R", label: "Modalité", example: "presentiel", valueLabels: { presentiel: "Présentiel", distanciel: "Distanciel" }, feeds: "r04" }),
    nb_participants: col.int({ req: "R", label: "Nombre de participants", example: "14", min: 0, feeds: "i02, r04" }),
    nb_situations_examinees: col.int({ req: "O", label: "Nombre de situations anonymisées examinées", example: "3", min: 0 }),
    thematique: col.enum(
      ["troubles_psychiques", "addictions", "syndrome_diogene", "premiers_secours_sante_mentale", "acces_aux_soins", "maintien_logement", "autre"],
      { req: "O", label: "Thématique", example: "syndrome_diogene" },
    ),
    intervenants_externes: col.bool({ req: "O", label: "Intervenants externes", example: "Oui" }),
    // Only temps_information may carry a coffee budget (r05); left to the rules so the expense is reported, not dropped.
    montant_accueil_cafe: col.dec({ req: "O", label: "Montant de l'accueil café (€)", example: "45,00", min: 0, feeds: "r05" }),
  },
});

export const gepParticipations = defineReport({
  table: "gep_participations",
  titre: "Participants aux rencontres des groupes d'échange (fiche 2.8)",
  description:
    "Une ligne par rencontre et participant, ou par rencontre et provenance professionnelle (avec le nombre de participants) lorsque les participants ne sont pas suivis nominativement.",
  fiches: FICHE,
  producer: "operateur",
  // Aggregated rows have no participant: one row per meeting × professional origin; individual rows one per participant.
  key: ["id_rencontre", "provenance_professionnelle", "id_participant"],
  columns: {
    id_rencontre: col.str({ req: "R", label: "Identifiant de la rencontre", example: "GEP-ART-2026-07", feeds: "i02, i03" }),
    id_participant: col.str({ req: "O", label: "Identifiant du participant (pseudonyme)", example: "PART-0031", feeds: "i02" }),
    provenance_professionnelle: col.enum(CATEGORIES_PROFESSIONNELLES, { req: "R", label: "Provenance professionnelle", example: "bailleur_social", feeds: "i03" }),
    nb: col.int({
      req: "O",
      label: "Nombre de participants",
      description: "1 si vide ; plus de 1 seulement pour une ligne agrégée, sans identifiant de participant.",
      example: "1",
      min: 1,
      feeds: "i02, i03",
    }),
  },
  checks: ({ rule, and, present, other }) => [
    rule(
      and(present("id_participant"), other("nb", 1)),
      "nb",
      (r) => `une ligne par participant compte 1 personne (nombre indiqué : ${r.nb}) ; laisser l'identifiant vide pour une ligne agrégée`,
    ),
  ],
});
