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
    SELECT c.code_operateur, c.date_consultation AS date_fait, c.territoire_mds, v.indicateur, v.ventilation, v.modalite,
           coalesce(v.cle, c.cle) AS cle, 1 AS poids, 'distinct' AS agregation
    FROM consultations_territoire AS c
    CROSS JOIN LATERAL (
        VALUES
            -- i01 personnes reçues: in-person consultations, by mode, place and operator; i01_usagers: distinct users.
            ('i01', 'ensemble', 'ensemble', c.en_personne, NULL),
            ('i01', 'mode_consultation', c.mode_consultation, c.en_personne, NULL),
            ('i01', 'lieu', c.id_lieu, c.en_personne, NULL),
            ('i01', 'operateur', c.code_operateur, c.en_personne, NULL),
            ('i01_usagers', 'ensemble', 'ensemble', c.en_personne AND c.id_usager IS NOT NULL, c.code_operateur || '/' || c.id_usager),
            -- i02 appels téléphoniques.
            ('i02', 'ensemble', 'ensemble', c.telephone, NULL),
            ('i02', 'operateur', c.code_operateur, c.telephone, NULL),
            -- i04 motifs des appels: telephone consultations by motif.
            ('i04', 'ensemble', 'ensemble', c.telephone, NULL),
            ('i04', 'motif', coalesce(c.motif, 'non_renseigne'), c.telephone, NULL),
            -- i05 thèmes: every consultation by main theme, mode, domain (a consultation may cite several domains).
            ('i05', 'ensemble', 'ensemble', true, NULL),
            ('i05', 'theme_principal', c.theme_principal, true, NULL),
            ('i05', 'mode_consultation', c.mode_consultation, true, NULL),
            -- i06 habitat indigne / permis de louer: either, and each.
            ('i06', 'ensemble', 'ensemble', c.habitat_indigne OR c.permis_de_louer, NULL),
            ('i06', 'commune', coalesce(c.commune, 'non_renseigne'), c.habitat_indigne OR c.permis_de_louer, NULL),
            ('i06_habitat_indigne', 'ensemble', 'ensemble', c.habitat_indigne, NULL),
            ('i06_habitat_indigne', 'commune', coalesce(c.commune, 'non_renseigne'), c.habitat_indigne, NULL),
            ('i06_permis_de_louer', 'ensemble', 'ensemble', c.permis_de_louer, NULL),
            ('i06_permis_de_louer', 'commune', coalesce(c.commune, 'non_renseigne'), c.permis_de_louer, NULL),
            -- i07 modes de consultation: every consultation by mode (the actions are below).
            ('i07', 'ensemble', 'ensemble', true, NULL),
            ('i07', 'mode_consultation', c.mode_consultation, true, NULL),
            -- i08 profil des consultants.
            ('i08', 'ensemble', 'ensemble', true, NULL),
            ('i08', 'type_consultant', c.type_consultant, true, NULL),
            ('i08', 'sexe', coalesce(c.sexe, 'non_renseigne'), true, NULL),
            ('i08', 'tranche_age', coalesce(c.tranche_age, 'non_renseigne'), true, NULL),
            ('i08', 'composition_familiale', coalesce(c.composition_familiale, 'non_renseigne'), true, NULL),
            ('i08', 'situation_professionnelle', coalesce(c.situation_professionnelle, 'non_renseigne'), true, NULL),
            ('i08', 'territoire_residence', coalesce(c.territoire_usager, 'non_renseigne'), true, NULL),
            -- i09 statut: grouped propriétaire / locataire / autre, and the detail per code.
            ('i09', 'ensemble', 'ensemble', true, NULL),
            ('i09', 'statut', c.statut_groupe, true, NULL),
            ('i09', 'statut_occupation', c.statut_occupation, true, NULL)
    ) AS v(indicateur, ventilation, modalite, retenu, cle)
    WHERE v.retenu AND v.modalite IS NOT NULL
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
    SELECT p.code_operateur, p.date AS date_fait, p.territoire_mds, v.indicateur, v.ventilation, v.modalite, v.cle, 1 AS poids, 'distinct' AS agregation
    FROM permanences AS p
    CROSS JOIN LATERAL (
        VALUES
            ('i03', 'ensemble', 'ensemble', p.code_operateur || '/' || p.id_permanence),
            ('i03', 'type_lieu', p.type_lieu, p.code_operateur || '/' || p.id_permanence),
            ('i03', 'operateur', p.code_operateur, p.code_operateur || '/' || p.id_permanence),
            ('i03_lieux', 'ensemble', 'ensemble', p.code_operateur || '/' || p.id_lieu),
            ('i03_lieux', 'type_lieu', p.type_lieu, p.code_operateur || '/' || p.id_lieu)
    ) AS v(indicateur, ventilation, modalite, cle)
),
actions AS (
    SELECT a.*, coalesce(r.territoire_mds, a.territoire_mds, 'non_attribue') AS territoire_mds_action, a.code_operateur || '/' || a.id_action AS cle
    FROM staging_info_actions_information AS a
    LEFT JOIN ref.communes AS r ON r.code_commune = a.code_commune
),
faits_actions AS (
    -- i07 other information actions by type, and the people they reached (visitors, copies).
    SELECT a.code_operateur, a.date AS date_fait, a.territoire_mds_action AS territoire_mds, v.indicateur, v.ventilation, v.modalite,
           a.cle, v.poids, v.agregation
    FROM actions AS a
    CROSS JOIN LATERAL (
        VALUES
            ('i07_actions', 'ensemble', 'ensemble', 1, 'distinct'),
            ('i07_actions', 'type_action', a.type_action, 1, 'distinct'),
            ('i07_personnes_touchees', 'ensemble', 'ensemble', coalesce(a.nb_personnes_touchees, 0), 'somme'),
            ('i07_personnes_touchees', 'type_action', a.type_action, coalesce(a.nb_personnes_touchees, 0), 'somme')
    ) AS v(indicateur, ventilation, modalite, poids, agregation)
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
JOIN int_f2_1_periodes AS p ON f.date_fait BETWEEN p.debut AND p.fin
