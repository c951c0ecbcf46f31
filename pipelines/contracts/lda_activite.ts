// Smaller Logement d'abord tables: monthly counts, collective actions, ENVAUL subsidies.
import { col } from "./columns.ts";
import { DISPOSITIFS_LDA, TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS } from "./dimensions.ts";
import { defineReport } from "./report.ts";

export const ldaMoisMesures = defineReport({
  table: "lda_mois_mesures",
  titre: "Comptage mensuel des mois-mesures (Logement d'abord)",
  description: "Le comptage « au mois le mois » transmis au coordinateur : une ligne par mesure et par mois compté.",
  fiches: ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"],
  producer: "operateur",
  key: ["id_mesure", "mois"],
  columns: {
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure", example: "ADSL-2026-0001", feeds: "r07" }),
    mois: col.month({ req: "R", label: "Mois compté", example: "2026-03", feeds: "r07" }),
    statut: col.enum(["active"], { req: "R", label: "Statut", example: "active" }),
  },
});

export const ldaActionsCollectives = defineReport({
  table: "lda_actions_collectives",
  titre: "Actions collectives (Logement d'abord)",
  description: "Une ligne par action collective organisée pour les personnes accompagnées.",
  fiches: ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"],
  producer: "operateur",
  key: ["id_action"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "AC-2026-014", feeds: "i05" }),
    date: col.date({ req: "R", label: "Date de l'action", example: "2026-05-20", feeds: "i05" }),
    dispositif: col.enum([...DISPOSITIFS_LDA, "mixte"], { req: "R", label: "Dispositif", example: "mixte", feeds: "i05" }),
    territoire_lda: col.enum(TERRITOIRES_LDA, { req: "R", label: "Territoire Logement d'abord", example: "artois", valueLabels: TERRITOIRES_LDA_LABELS }),
    theme: col.enum(
      ["estime_de_soi", "citoyennete", "culture", "sport", "loisirs", "budget", "entretien_logement", "energie", "sante", "emploi_formation", "autre"],
      { req: "O", label: "Thème", example: "budget" },
    ),
    nb_participants: col.int({ req: "R", label: "Nombre de personnes accompagnées présentes", example: "7", min: 0, max: 500, feeds: "i05" }),
    partenaire_exterieur: col.bool({ req: "O", label: "Avec un partenaire extérieur", example: "Oui" }),
  },
});

export const ldaParticipationsCollectives = defineReport({
  table: "lda_participations_collectives",
  titre: "Participants aux actions collectives (Logement d'abord)",
  description: "Facultatif : une ligne par action et par personne présente, pour compter les personnes distinctes.",
  fiches: ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"],
  producer: "operateur",
  key: ["id_action", "id_personne"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "AC-2026-014", feeds: "i05" }),
    id_personne: col.str({ req: "R", label: "Identifiant de la personne", example: "P-000123", feeds: "i05" }),
  },
});

export const envaulSubsides = defineReport({
  table: "envaul_subsides",
  titre: "Subsides ENVAUL",
  description: "Une ligne par dépense de subside (loyer, énergie, besoins primaires…) pour un jeune accompagné en ENVAUL.",
  fiches: ["f2_6_envaul"],
  producer: "operateur",
  key: ["id_subside"],
  columns: {
    id_subside: col.str({ req: "R", label: "Identifiant de la dépense", example: "SUB-2026-0042", feeds: "x06" }),
    id_mesure: col.str({ req: "R", label: "Identifiant de la mesure ENVAUL", example: "ENV-2026-0007", feeds: "r14, fin" }),
    date: col.date({ req: "R", label: "Date de la dépense", example: "2026-02-03", feeds: "fin" }),
    categorie: col.enum(["loyer", "impaye_loyer", "energie", "telephone", "assurance_habitation", "alimentation", "hygiene"], {
      req: "R",
      label: "Catégorie",
      example: "alimentation",
      feeds: "r14, x06",
    }),
    montant: col.dec({ req: "R", label: "Montant (€)", example: "85,40", min: 0, max: 5000, feeds: "fin, r14" }),
    justificatif: col.bool({ req: "R", label: "Justificatif fourni", example: "Oui", feeds: "fin" }),
  },
});
