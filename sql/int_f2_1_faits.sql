-- Facts behind every fiche 2.1 indicator (spec 2.1 §3), in one long shape: one row per (indicateur, period, MDS
-- territory, ventilation, modalite) and key. mart_f2_1_indicateurs aggregates each group by its `agregation`:
-- 'distinct' counts distinct keys, 'somme' sums the weight of each distinct key, 'moyenne'/'mediane' average the
-- weights, 'part' = 100 × the share of keys whose weight is 1.
-- Territory of a consultation (spec ambiguity 19, i01 « territory of the place », i02 « territory of the caller »):
-- in person (rdv_bureau, accueil_sans_rdv, permanence), the MDS territory of the place (id_lieu → the commune of its
-- permanences), else of the user's commune or territory; otherwise (telephone, e-mail…) the user's, else the place's;
-- 'non_attribue' when neither is known. Permanences: the place's commune; actions: their commune, else territory.
-- Consultations are counted as such: persons are counted only through id_usager (i01_usagers), optional.
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, code_operateur, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme, moyenne, mediane, part)
-- test: expression(agregation <> 'distinct' OR poids = 1)
WITH lieux AS (
    -- A place's commune: that of its latest permanence.
    SELECT code_operateur, id_lieu, arg_max(code_commune_lieu, date) AS code_commune_lieu
    FROM staging_info_permanences
    GROUP BY ALL
),
consultations AS (
    SELECT
        c.*,
        c.mode_consultation IN ('rdv_bureau', 'accueil_sans_rdv', 'permanence') AS en_personne,
        c.mode_consultation = 'telephone' AS telephone,
        cl.territoire_mds AS territoire_lieu,
        coalesce(cu.territoire_mds, c.territoire_mds_usager) AS territoire_usager,
        CASE WHEN c.mode_consultation IN ('rdv_bureau', 'accueil_sans_rdv', 'permanence')
             THEN coalesce(l.code_commune_lieu, c.code_commune_usager)
             ELSE coalesce(c.code_commune_usager, l.code_commune_lieu) END AS commune,
        CASE
            WHEN c.statut_occupation IN ('proprietaire_occupant', 'proprietaire_bailleur', 'accedant') THEN 'proprietaire'
            WHEN c.statut_occupation IN ('locataire_parc_prive', 'locataire_parc_social', 'sous_locataire') THEN 'locataire'
            ELSE 'autre_non_renseigne'
        END AS statut_groupe,
        c.code_operateur || '/' || c.id_consultation AS cle
    FROM staging_info_consultations AS c
    LEFT JOIN lieux AS l ON l.code_operateur = c.code_operateur AND l.id_lieu = c.id_lieu
    LEFT JOIN ref.communes AS cl ON cl.code_commune = l.code_commune_lieu
    LEFT JOIN ref.communes AS cu ON cu.code_commune = c.code_commune_usager
),
consultations_territoire AS (
    SELECT *,
        coalesce(CASE WHEN en_personne THEN coalesce(territoire_lieu, territoire_usager) ELSE coalesce(territoire_usager, territoire_lieu) END,
                 'non_attribue') AS territoire_mds
    FROM consultations
),
faits_consultations AS (
    SELECT code_operateur, date_fait, territoire_mds, indicateur, ventilation, modalite, coalesce(cle_fait, cle) AS cle, 1 AS poids, 'distinct' AS agregation
    FROM (
        -- The facts of a consultation as a list unnested in the select list: a LATERAL (VALUES …) on its columns was
        -- planned as a join back on every column it names (issue 16), the unnest reads each row once.
        SELECT c.code_operateur, c.date_consultation AS date_fait, c.territoire_mds, c.cle,
               unnest([
                   -- i01 personnes reçues: in-person consultations, by mode, place and operator; i01_usagers: distinct users.
                   {indicateur: 'i01', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.en_personne, cle_fait: NULL},
                   {indicateur: 'i01', ventilation: 'mode_consultation', modalite: c.mode_consultation, retenu: c.en_personne, cle_fait: NULL},
                   {indicateur: 'i01', ventilation: 'lieu', modalite: c.id_lieu, retenu: c.en_personne, cle_fait: NULL},
                   {indicateur: 'i01', ventilation: 'operateur', modalite: c.code_operateur, retenu: c.en_personne, cle_fait: NULL},
                   {indicateur: 'i01_usagers', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.en_personne AND c.id_usager IS NOT NULL, cle_fait: c.code_operateur || '/' || c.id_usager},
                   -- i02 appels téléphoniques.
                   {indicateur: 'i02', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.telephone, cle_fait: NULL},
                   {indicateur: 'i02', ventilation: 'operateur', modalite: c.code_operateur, retenu: c.telephone, cle_fait: NULL},
                   -- i04 motifs des appels: telephone consultations by motif.
                   {indicateur: 'i04', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.telephone, cle_fait: NULL},
                   {indicateur: 'i04', ventilation: 'motif', modalite: coalesce(c.motif, 'non_renseigne'), retenu: c.telephone, cle_fait: NULL},
                   -- i05 thèmes: every consultation by main theme, mode, domain (a consultation may cite several domains).
                   {indicateur: 'i05', ventilation: 'ensemble', modalite: 'ensemble', retenu: true, cle_fait: NULL},
                   {indicateur: 'i05', ventilation: 'theme_principal', modalite: c.theme_principal, retenu: true, cle_fait: NULL},
                   {indicateur: 'i05', ventilation: 'mode_consultation', modalite: c.mode_consultation, retenu: true, cle_fait: NULL},
                   -- i06 habitat indigne / permis de louer: either, and each.
                   {indicateur: 'i06', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.habitat_indigne OR c.permis_de_louer, cle_fait: NULL},
                   {indicateur: 'i06', ventilation: 'commune', modalite: coalesce(c.commune, 'non_renseigne'), retenu: c.habitat_indigne OR c.permis_de_louer, cle_fait: NULL},
                   {indicateur: 'i06_habitat_indigne', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.habitat_indigne, cle_fait: NULL},
                   {indicateur: 'i06_habitat_indigne', ventilation: 'commune', modalite: coalesce(c.commune, 'non_renseigne'), retenu: c.habitat_indigne, cle_fait: NULL},
                   {indicateur: 'i06_permis_de_louer', ventilation: 'ensemble', modalite: 'ensemble', retenu: c.permis_de_louer, cle_fait: NULL},
                   {indicateur: 'i06_permis_de_louer', ventilation: 'commune', modalite: coalesce(c.commune, 'non_renseigne'), retenu: c.permis_de_louer, cle_fait: NULL},
                   -- i07 modes de consultation: every consultation by mode (the actions are below).
                   {indicateur: 'i07', ventilation: 'ensemble', modalite: 'ensemble', retenu: true, cle_fait: NULL},
                   {indicateur: 'i07', ventilation: 'mode_consultation', modalite: c.mode_consultation, retenu: true, cle_fait: NULL},
                   -- i08 profil des consultants.
                   {indicateur: 'i08', ventilation: 'ensemble', modalite: 'ensemble', retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'type_consultant', modalite: c.type_consultant, retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'sexe', modalite: coalesce(c.sexe, 'non_renseigne'), retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'tranche_age', modalite: coalesce(c.tranche_age, 'non_renseigne'), retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'composition_familiale', modalite: coalesce(c.composition_familiale, 'non_renseigne'), retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'situation_professionnelle', modalite: coalesce(c.situation_professionnelle, 'non_renseigne'), retenu: true, cle_fait: NULL},
                   {indicateur: 'i08', ventilation: 'territoire_residence', modalite: coalesce(c.territoire_usager, 'non_renseigne'), retenu: true, cle_fait: NULL},
                   -- i09 statut: grouped propriétaire / locataire / autre, and the detail per code.
                   {indicateur: 'i09', ventilation: 'ensemble', modalite: 'ensemble', retenu: true, cle_fait: NULL},
                   {indicateur: 'i09', ventilation: 'statut', modalite: c.statut_groupe, retenu: true, cle_fait: NULL},
                   {indicateur: 'i09', ventilation: 'statut_occupation', modalite: c.statut_occupation, retenu: true, cle_fait: NULL}
               ], recursive := true)
        FROM consultations_territoire AS c
    )
    WHERE retenu AND modalite IS NOT NULL
),
faits_listes AS (
    -- Codes of list columns: a consultation counts once under each code it cites.
    SELECT c.code_operateur, c.date_consultation AS date_fait, c.territoire_mds, 'i05' AS indicateur, 'domaine' AS ventilation,
           unnest(c.domaine) AS modalite, c.cle, 1 AS poids, 'distinct' AS agregation
    FROM consultations_territoire AS c
    UNION ALL
    SELECT c.code_operateur, c.date_consultation, c.territoire_mds, 'i05_secondaires', 'theme_secondaire', unnest(c.themes_secondaires), c.cle, 1, 'distinct'
    FROM consultations_territoire AS c
    UNION ALL
    SELECT c.code_operateur, c.date_consultation, c.territoire_mds, 'i05_secondaires', 'ensemble', 'ensemble', c.cle, 1, 'distinct'
    FROM consultations_territoire AS c
    WHERE len(coalesce(c.themes_secondaires, [])) > 0
),
permanences AS (
    SELECT p.*, coalesce(r.territoire_mds, 'non_attribue') AS territoire_mds
    FROM staging_info_permanences AS p
    LEFT JOIN ref.communes AS r ON r.code_commune = p.code_commune_lieu
),
faits_permanences AS (
    -- i03 permanences held, by type of place and operator; i03_lieux: distinct places where one was held.
    SELECT p.code_operateur, p.date AS date_fait, p.territoire_mds,
           unnest([
               {indicateur: 'i03', ventilation: 'ensemble', modalite: 'ensemble', cle: p.code_operateur || '/' || p.id_permanence},
               {indicateur: 'i03', ventilation: 'type_lieu', modalite: p.type_lieu, cle: p.code_operateur || '/' || p.id_permanence},
               {indicateur: 'i03', ventilation: 'operateur', modalite: p.code_operateur, cle: p.code_operateur || '/' || p.id_permanence},
               {indicateur: 'i03_lieux', ventilation: 'ensemble', modalite: 'ensemble', cle: p.code_operateur || '/' || p.id_lieu},
               {indicateur: 'i03_lieux', ventilation: 'type_lieu', modalite: p.type_lieu, cle: p.code_operateur || '/' || p.id_lieu}
           ], recursive := true),
           1 AS poids, 'distinct' AS agregation
    FROM permanences AS p
),
actions AS (
    SELECT a.*, coalesce(r.territoire_mds, a.territoire_mds, 'non_attribue') AS territoire_mds_action, a.code_operateur || '/' || a.id_action AS cle
    FROM staging_info_actions_information AS a
    LEFT JOIN ref.communes AS r ON r.code_commune = a.code_commune
),
faits_actions AS (
    -- i07 other information actions by type, and the people they reached (visitors, copies).
    SELECT code_operateur, date_fait, territoire_mds, indicateur, ventilation, modalite, cle, poids, agregation
    FROM (
        SELECT a.code_operateur, a.date AS date_fait, a.territoire_mds_action AS territoire_mds, a.cle,
               unnest([
                   {indicateur: 'i07_actions', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct'},
                   {indicateur: 'i07_actions', ventilation: 'type_action', modalite: a.type_action, poids: 1, agregation: 'distinct'},
                   {indicateur: 'i07_personnes_touchees', ventilation: 'ensemble', modalite: 'ensemble', poids: coalesce(a.nb_personnes_touchees, 0), agregation: 'somme'},
                   {indicateur: 'i07_personnes_touchees', ventilation: 'type_action', modalite: a.type_action, poids: coalesce(a.nb_personnes_touchees, 0), agregation: 'somme'}
               ], recursive := true)
        FROM actions AS a
    )
),
-- Each day of each period: a fact finds its periods by an equality on its date (a hash join) instead of a range
-- join sorting every fact against every period (issue 16).
jours AS (
    SELECT type_periode, periode, CAST(unnest(generate_series(debut, fin, INTERVAL 1 DAY)) AS DATE) AS jour
    FROM int_f2_1_periodes
),
faits AS (
    SELECT * FROM faits_consultations
    UNION ALL SELECT * FROM faits_listes WHERE modalite IS NOT NULL
    UNION ALL SELECT * FROM faits_permanences
    UNION ALL SELECT * FROM faits_actions
)
SELECT f.indicateur, p.type_periode, p.periode, 'territoire_mds' AS niveau_territoire, f.territoire_mds AS territoire, f.code_operateur, f.ventilation, f.modalite, f.cle,
       CAST(f.poids AS DOUBLE) AS poids, f.agregation
FROM faits AS f
JOIN jours AS p ON p.jour = f.date_fait
