// Cross-fiche tables (spec §0.4): operators' bilans and the Département's conventions.
import { col } from "./columns.ts";
import { FICHES } from "./dimensions.ts";
import { defineReport } from "./report.ts";

export const bilans = defineReport({
  table: "bilans",
  titre: "Bilans remis",
  description: "Une ligne par document de bilan remis (bilan de mesure à 6 ou 12 mois, bilan final, comité de suivi…).",
  fiches: FICHES,
  producer: "operateur",
  key: ["id_bilan"],
  columns: {
    id_bilan: col.str({ req: "R", label: "Identifiant du bilan", example: "B-2026-0101" }),
    fiche: col.enum(FICHES, { req: "R", label: "Fiche", example: "f2_4_adsl" }),
    objet: col.enum(["mesure", "menage", "convention", "session", "groupe"], { req: "R", label: "Objet du bilan", example: "mesure" }),
    id_objet: col.str({ req: "R", label: "Identifiant de l'objet", description: "id_mesure, id_menage, id_convention, id_session ou code du groupe.", example: "ADSL-2026-0001" }),
    type_bilan: col.enum(
      [
        "bilan_3m_informel",
        "bilan_3m",
        "bilan_6m",
        "bilan_9m",
        "bilan_12m",
        "bilan_renouvellement",
        "bilan_fin_mesure",
        "point_etape_mensuel",
        "bilan_intermediaire_action",
        "comite_suivi",
        "bilan_final_action",
        "compte_rendu_financier",
        "livrable",
      ],
      { req: "R", label: "Type de bilan", example: "bilan_6m", feeds: "règles" },
    ),
    mois_reference: col.month({ req: "O", label: "Mois de référence (points d'étape)", example: "2026-04" }),
    date_remise: col.date({ req: "R", label: "Date de remise", example: "2026-07-20", feeds: "règles" }),
    destinataires: col.list(
      ["coordinateur_lda", "spslh", "slisl", "structure_origine", "comite_technique_fsl", "copil", "commission_consultative", "prefet"],
      { req: "O", label: "Destinataires", example: "coordinateur_lda|slisl" },
    ),
    frequence_intervention_precisee: col.bool({ req: "O", label: "Fréquence d'intervention précisée", example: "Oui", feeds: "LDA r05" }),
    conclusion_poursuite: col.bool({ req: "O", label: "Conclusion sur la poursuite", example: "Non" }),
    signe_menage: col.bool({ req: "O", label: "Signé par le ménage", example: "Oui" }),
  },
});

export const conventions = defineReport({
  table: "conventions",
  titre: "Conventions Département – opérateurs",
  description: "Référentiel tenu par le Département : une ligne par convention signée avec un opérateur.",
  fiches: FICHES,
  producer: "departement",
  key: ["id_convention"],
  columns: {
    id_convention: col.str({ req: "R", label: "Identifiant de la convention", example: "CONV-2026-ADSL-01" }),
    fiche: col.enum(FICHES, { req: "R", label: "Fiche", example: "f2_4_adsl" }),
    code_operateur: col.str({ req: "R", label: "Code opérateur", example: "ASSO-LENS-01" }),
    perimetre: col.list(
      ["lens_henin", "artois", "audomarois", "boulonnais", "montreuillois", "arrageois_ternois", "calaisis", "arrageois", "henin_carvin", "lens_lievin", "ternois", "lot1", "lot2", "lot3", "departement"],
      { req: "R", label: "Périmètre", description: "Territoires, territoires Logement d'abord, lots ou groupes couverts.", example: "lens_henin|artois" },
    ),
    // Which dispositifs the convention pays (int_lda_conventions.sql): an unreadable list must not pay the fiche's default.
    dispositif: col.list(["adsl", "vial", "envaul", "projet_1", "projet_2"], { req: "O", label: "Dispositifs", example: "adsl", bloquante: true }),
    date_debut: col.date({ req: "R", label: "Début de la convention", example: "2026-01-01" }),
    date_fin: col.date({ req: "R", label: "Fin de la convention", example: "2026-12-31" }),
    montant_conventionne: col.dec({ req: "R", label: "Montant annuel conventionné (€)", example: "250 000,00", min: 0 }),
    nb_mesures_conventionnees: col.int({ req: "O", label: "Nombre de mesures conventionnées", example: "50", min: 0 }),
    taux_avance: col.dec({ req: "R", label: "Taux d'avance", example: "0,60", min: 0, max: 1 }),
    mode_versement: col.enum(["versement_unique_signature", "avance_et_solde"], { req: "R", label: "Mode de versement", example: "avance_et_solde" }),
    tarifs_unitaires: col.str({ req: "O", label: "Tarifs unitaires conventionnés", example: "session=1500" }),
  },
  checks: ({ rule, before }) => [rule(before("date_fin", "date_debut"), "date_fin", (r) => `fin de convention (${r.date_fin}) antérieure au début (${r.date_debut})`)],
});

export const comptesRendusFinanciers = defineReport({
  table: "comptes_rendus_financiers",
  titre: "Comptes rendus financiers",
  description: "Une ligne par poste du budget détaillé d'une convention : montant prévu et réalisé.",
  fiches: FICHES,
  producer: "operateur",
  key: ["id_convention", "poste", "libelle_item"],
  columns: {
    id_convention: col.str({ req: "R", label: "Identifiant de la convention", example: "CONV-2026-ADSL-01" }),
    poste: col.enum(
      ["frais_personnel", "charges_directes", "charges_indirectes", "accueil_cafe", "subsides_envaul", "securisation_financiere", "prestation_tiers_technique", "autre"],
      { req: "R", label: "Poste", example: "charges_directes", feeds: "LDA r09, GEP" },
    ),
    libelle_item: col.str({ req: "R", label: "Item du budget détaillé", example: "Déplacements des référents" }),
    montant_prevu: col.dec({ req: "O", label: "Montant prévu (€)", example: "12 000,00", min: 0 }),
    montant_realise: col.dec({ req: "R", label: "Montant réalisé (€)", example: "11 430,50", min: 0 }),
  },
});

export const versements = defineReport({
  table: "versements",
  titre: "Versements du Département",
  description: "Référentiel tenu par le Département : une ligne par versement (avance, solde, versement unique) ou reversement de trop-perçu.",
  fiches: FICHES,
  producer: "departement",
  key: ["id_versement"],
  columns: {
    id_versement: col.str({ req: "R", label: "Identifiant du versement", example: "VER-2026-0012" }),
    id_convention: col.str({ req: "R", label: "Identifiant de la convention", example: "CONV-2026-ADSL-01" }),
    date: col.date({ req: "R", label: "Date du versement", example: "2026-02-15" }),
    type: col.enum(["avance", "solde", "versement_unique", "reversement_trop_percu"], { req: "R", label: "Type de versement", example: "avance" }),
    montant: col.dec({ req: "R", label: "Montant (€)", example: "150 000,00", min: 0 }),
  },
});
