// Fiche 2.13 « Animation du schéma départemental d'accueil et d'habitat des gens du voyage » (spec §2.13.4):
// meetings, adapted-housing actions, grands passages, family requests, requests from communes and EPCIs.
import { col } from "./columns.ts";
import { TERRITOIRES_MDS, TERRITOIRES_MDS_LABELS } from "./dimensions.ts";
import { defineReport } from "./report.ts";

const FICHE = ["f2_13_gens_du_voyage"] as const;

// An EPCI is identified by its SIREN (9 digits), as in the commune reference data (code_epci).
const epciSiren = (req: "O" | "C", condition?: string, bloquante?: boolean) =>
  col.epci({
    req,
    ...(condition ? { condition } : {}),
    ...(bloquante !== undefined ? { bloquante } : {}),
    label: "EPCI (numéro SIREN)",
    description: "Numéro SIREN à 9 chiffres de l'EPCI, ou son nom (« CA de Lens - Liévin », « Lens-Liévin »).",
    example: "246200364",
    feeds: "i05",
  });

export const gdvReunions = defineReport({
  table: "gdv_reunions",
  titre: "Réunions du schéma d'accueil des gens du voyage (fiche 2.13)",
  description: "Une ligne par réunion organisée ou suivie par l'opérateur : comités, commissions, groupes de travail, réseau.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_reunion"],
  columns: {
    id_reunion: col.str({ req: "R", label: "Identifiant de la réunion", example: "GDV-R-2026-012", feeds: "i01" }),
    date: col.date({ req: "R", label: "Date", example: "2026-03-19", feeds: "i01" }),
    instance: col.enum(["comite_technique", "comite_pilotage", "commission_consultative", "groupe_travail", "reseau", "autre"], {
      req: "R",
      label: "Instance",
      example: "groupe_travail",
      feeds: "i01",
    }),
    thematique: col.enum(
      [
        "accueil",
        "habitat_adapte",
        "insertion",
        "scolarisation",
        "formation_insertion_professionnelle",
        "sante",
        "aires_accueil_permanentes",
        "nouveaux_projets_aires",
        "grands_passages",
        "sedentarisation_mous",
        "autre",
      ],
      { req: "R", label: "Thématique", example: "habitat_adapte", valueLabels: { sedentarisation_mous: "Sédentarisation (MOUS)" }, feeds: "i01" },
    ),
    echelle: col.enum(["territoriale", "departementale", "regionale"], { req: "R", label: "Échelle", example: "departementale", feeds: "i01" }),
    territoire_mds: col.enum(TERRITOIRES_MDS, { req: "O", label: "Territoire", example: "arrageois", valueLabels: TERRITOIRES_MDS_LABELS, feeds: "i01" }),
    productions: col.str({
      req: "O",
      label: "Productions du groupe de travail",
      description: "Courte description des productions, sans donnée personnelle.",
      example: "Cahier des charges d'un habitat adapté",
      feeds: "i01",
      bloquante: false,
    }),
    nb_participants: col.int({ req: "O", label: "Nombre de participants", example: "14", min: 0 }),
  },
});

export const gdvHabitatAdapte = defineReport({
  table: "gdv_habitat_adapte",
  titre: "Actions d'habitat adapté (fiche 2.13)",
  description: "Une ligne par action d'habitat adapté : accompagnement d'un ménage ou d'un bailleur, étude d'opportunité.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_action"],
  columns: {
    id_action: col.str({ req: "R", label: "Identifiant de l'action", example: "GDV-HA-2026-003", feeds: "i02" }),
    date: col.date({ req: "R", label: "Date", example: "2026-04-08", feeds: "i02" }),
    type_action: col.enum(["accompagnement_menage", "accompagnement_bailleur", "etude_opportunite"], {
      req: "R",
      label: "Type d'action",
      example: "etude_opportunite",
      valueLabels: { etude_opportunite: "Étude d'opportunité" },
      feeds: "i02",
    }),
    avec: col.list(["bailleur", "menage", "gestionnaire_aire_accueil"], {
      req: "R",
      label: "Avec",
      description: "Partenaires de l'action : bailleur, ménage, gestionnaire d'aire d'accueil.",
      example: "bailleur|menage",
      valueLabels: { menage: "Ménage", gestionnaire_aire_accueil: "Gestionnaire d'aire d'accueil" },
      feeds: "i02",
    }),
    etude_realisee: col.bool({ req: "R", label: "Étude réalisée", example: "Oui", feeds: "i02" }),
    code_commune: col.commune({ req: "O", label: "Commune (code INSEE)", example: "62498", feeds: "i02" }),
    epci_siren: epciSiren("O"),
    statut: col.enum(["en_cours", "terminee", "abandonnee"], { req: "R", label: "Statut", example: "en_cours", feeds: "i02" }),
    nb_menages: col.int({ req: "O", label: "Nombre de ménages concernés", example: "4", min: 0 }),
  },
  checks: ({ rule, noItem }) => [rule(noItem("avec"), "avec", "indiquer au moins un partenaire (bailleur, ménage ou gestionnaire d'aire d'accueil)")],
});

const NON_PREVU = "obligatoire si le passage n'était pas prévu au planning, s'est installé irrégulièrement ou sur un site non inscrit (sinon alerte r03)";

export const gdvGrandsPassages = defineReport({
  table: "gdv_grands_passages",
  titre: "Grands passages (fiche 2.13)",
  description: "Une ligne par grand passage (séjour d'un groupe), prévu au planning départemental ou non.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_passage"],
  columns: {
    id_passage: col.str({ req: "R", label: "Identifiant du passage", example: "GP-2026-017", feeds: "i03" }),
    code_groupe: col.str({ req: "O", label: "Code du groupe", description: "Code donné au groupe par l'opérateur, sans nom de personne.", example: "GRP-A12", feeds: "i03" }),
    prevu_au_planning: col.bool({ req: "R", label: "Prévu au planning départemental prévisionnel", example: "Oui", feeds: "i03, r03" }),
    date_arrivee_prevue: col.date({ req: "C", condition: "obligatoire si le passage est prévu au planning", label: "Date d'arrivée prévue", example: "2026-06-07", feeds: "i03" }),
    nb_caravanes_prevu: col.int({ req: "C", condition: "obligatoire si le passage est prévu au planning", label: "Nombre de caravanes prévu", example: "150", min: 0, feeds: "i03" }),
    date_arrivee: col.date({ req: "C", condition: "obligatoire si le passage a eu lieu", label: "Date d'arrivée", example: "2026-06-07", feeds: "i03" }),
    date_depart: col.date({ req: "O", label: "Date de départ", example: "2026-06-21", feeds: "i03" }),
    realise: col.bool({ req: "R", label: "Passage réalisé", example: "Oui", feeds: "i03" }),
    code_commune: col.commune({ req: "R", label: "Commune (code INSEE)", example: "62765", feeds: "i03" }),
    type_site: col.enum(["aire_grand_passage", "terrain_autorise", "site_non_inscrit"], { req: "R", label: "Type de site", example: "aire_grand_passage", feeds: "i03, r03" }),
    installation_irreguliere: col.bool({ req: "R", label: "Installation irrégulière", example: "Non", feeds: "i03" }),
    nb_caravanes: col.int({ req: "C", condition: "obligatoire si le passage a eu lieu", label: "Nombre de caravanes", example: "140", min: 0, feeds: "i03" }),
    nb_personnes_estime: col.int({ req: "O", label: "Nombre de personnes (estimation)", example: "400", min: 0, feeds: "i03" }),
    mediation_realisee: col.bool({ req: "C", condition: NON_PREVU, label: "Médiation réalisée", example: "Non", feeds: "r03" }),
  },
  // A passage outside the planning without mediation_realisee is r03's warning (sql/mart_f2_13_alertes.sql): it loads.
  checks: ({ rule, and, is, absent, before }) => [
    rule(and(is("prevu_au_planning", true), absent("date_arrivee_prevue")), "date_arrivee_prevue", "date d'arrivée prévue manquante pour un passage prévu au planning"),
    rule(and(is("prevu_au_planning", true), absent("nb_caravanes_prevu")), "nb_caravanes_prevu", "nombre de caravanes prévu manquant pour un passage prévu au planning"),
    rule(and(is("realise", true), absent("date_arrivee")), "date_arrivee", "date d'arrivée manquante pour un passage réalisé"),
    rule(and(is("realise", true), absent("nb_caravanes")), "nb_caravanes", "nombre de caravanes manquant pour un passage réalisé"),
    rule(before("date_depart", "date_arrivee"), "date_depart", "le départ précède l'arrivée"),
  ],
});

export const gdvSaisinesFamilles = defineReport({
  table: "gdv_saisines_familles",
  titre: "Saisines par les familles (fiche 2.13)",
  description: "Une ligne par demande adressée à l'opérateur par une famille.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_saisine"],
  columns: {
    id_saisine: col.str({ req: "R", label: "Identifiant de la saisine", example: "GDV-S-2026-045", feeds: "i04" }),
    date: col.date({ req: "R", label: "Date", example: "2026-05-12", feeds: "i04" }),
    nature: col.enum(["stationnement_illicite", "pv_stationnement_illicite", "scolarisation", "conflit_administration", "demande_information", "autre"], {
      req: "R",
      label: "Nature de la saisine",
      example: "scolarisation",
      valueLabels: {
        stationnement_illicite: "Stationnement illicite",
        pv_stationnement_illicite: "PV pour stationnement illicite",
        conflit_administration: "Conflits avec les administrations",
        demande_information: "Demandes d'informations",
      },
      feeds: "i04, r04",
    }),
    code_commune: col.commune({ req: "O", label: "Commune (code INSEE)", example: "62160", feeds: "i04" }),
    suite: col.enum(["information", "mediation", "orientation", "sans_suite"], { req: "O", label: "Suite donnée", example: "orientation" }),
  },
});

export const gdvSollicitationsCollectivites = defineReport({
  table: "gdv_sollicitations_collectivites",
  titre: "Sollicitations des communes et des EPCI (fiche 2.13)",
  description: "Une ligne par sollicitation d'une commune ou d'un EPCI : stationnements illicites et autres problématiques.",
  fiches: FICHE,
  producer: "operateur",
  key: ["id_sollicitation"],
  columns: {
    id_sollicitation: col.str({ req: "R", label: "Identifiant de la sollicitation", example: "GDV-C-2026-009", feeds: "i05" }),
    date: col.date({ req: "R", label: "Date", example: "2026-06-22", feeds: "i05" }),
    type_collectivite: col.enum(["commune", "epci"], { req: "R", label: "Type de collectivité", example: "commune", valueLabels: { epci: "EPCI" }, feeds: "i05, r05" }),
    code_commune: col.commune({ req: "C", condition: "obligatoire si la sollicitation vient d'une commune", label: "Commune (code INSEE)", example: "62498", feeds: "i05, r05", bloquante: true }),
    // r05 (error) makes the collectivité's code decide whether the request stands: an unreadable one refuses it.
    epci_siren: epciSiren("C", "obligatoire si la sollicitation vient d'un EPCI", true),
    objet: col.enum(["stationnement_illicite", "gestion_aire_accueil", "projet_aire_ou_habitat_adapte", "scolarisation", "conflit_voisinage", "autre"], {
      req: "R",
      label: "Objet",
      example: "stationnement_illicite",
      feeds: "i05",
    }),
  },
  checks: ({ rule, and, is, absent }) => [
    rule(and(is("type_collectivite", "commune"), absent("code_commune")), "code_commune", "commune manquante pour une sollicitation d'une commune"),
    rule(and(is("type_collectivite", "epci"), absent("epci_siren")), "epci_siren", "numéro SIREN de l'EPCI manquant pour une sollicitation d'un EPCI"),
  ],
});
