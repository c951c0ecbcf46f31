-- Facts behind every fiche 2.2 indicator (spec 2.2 §3 and ambiguity 20), in the long shape mart_f2_2_indicateurs
-- aggregates (see int_f2_1_faits for the meaning of `agregation`).
-- Consultations = every exchange, counted per consultation (i01, i02, i08_consultations, i13). Contacts = distinct
-- households (operator pseudonym id_menage) with at least one consultation in the period; a consultation without
-- id_menage counts as a consultation but not as a contact. A contact's attributes (territory, caller type, status,
-- sex, age band, occupation, resources, family, parc, stage) are those of its FIRST consultation of the period; its
-- debt is the latest montant_dette given in the period; its debt origins are all the codes cited in the period.
-- Territory of a consultation: MDS territory of the dwelling's commune, else the territory given, else that of the
-- permanence's place; 'non_attribue' when none. Instances without territory are départemental: 'non_attribue'.
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, code_operateur, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme, moyenne, mediane, part)
-- test: expression(agregation <> 'distinct' OR poids = 1)
WITH lieux AS (
    SELECT p.code_operateur, p.id_permanence, r.territoire_mds
    FROM staging_nv_permanences AS p
    JOIN ref.communes AS r ON r.code_commune = p.code_commune_lieu
),
consultations AS (
    SELECT
        c.*,
        coalesce(r.territoire_mds, c.territoire_mds, l.territoire_mds, 'non_attribue') AS territoire,
        c.code_operateur || '/' || c.id_consultation AS cle,
        c.code_operateur || '/' || c.id_menage AS cle_menage,
        CASE
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) IS NULL THEN 'non_renseigne'
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) < 18 THEN 'moins_18'
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) <= 25 THEN '18_25'
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) <= 35 THEN '26_35'
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) <= 50 THEN '36_50'
            WHEN coalesce(c.age_entree, year(c.date_consultation) - c.annee_naissance) <= 65 THEN '51_65'
            ELSE 'plus_65'
        END AS tranche_age
    FROM staging_nv_consultations AS c
    LEFT JOIN ref.communes AS r ON r.code_commune = c.code_commune_logement
    LEFT JOIN lieux AS l ON l.code_operateur = c.code_operateur AND l.id_permanence = c.id_permanence
),
par_periode AS (
    SELECT c.*, p.type_periode, p.periode
    FROM consultations AS c
    JOIN int_f2_2_periodes AS p ON c.date_consultation BETWEEN p.debut AND p.fin
),
faits_consultations AS (
    SELECT c.type_periode, c.periode, c.territoire AS territoire_mds, c.code_operateur, v.indicateur, v.ventilation, v.modalite,
           c.cle, 1 AS poids, 'distinct' AS agregation
    FROM par_periode AS c
    CROSS JOIN LATERAL (
        VALUES
            ('i01', 'ensemble', 'ensemble', true),
            ('i01', 'mode_consultation', c.mode_consultation, true),
            ('i01', 'operateur', c.code_operateur, true),
            ('i01_premiers_contacts', 'ensemble', 'ensemble', coalesce(c.premier_contact, false)),
            ('i02', 'ensemble', 'ensemble', true),
            ('i02', 'mode_consultation', c.mode_consultation, true),
            ('i08_consultations', 'ensemble', 'ensemble', true),
            ('i08_consultations', 'stade_procedure', c.stade_procedure, true),
            ('i13', 'ensemble', 'ensemble', true)
    ) AS v(indicateur, ventilation, modalite, retenu)
    WHERE v.retenu AND v.modalite IS NOT NULL
    UNION ALL
    -- i13: a consultation counts once under each follow-up it names.
    SELECT c.type_periode, c.periode, c.territoire, c.code_operateur, 'i13', 'suite_donnee', unnest(c.suite_donnee), c.cle, 1, 'distinct'
    FROM par_periode AS c
),
premiers AS (
    -- Each household's first consultation of the period, and its latest debt amount of the period.
    SELECT c.*,
           last_value(c.montant_dette IGNORE NULLS) OVER (
               PARTITION BY c.type_periode, c.periode, c.cle_menage ORDER BY c.date_consultation, c.id_consultation
               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS dette
    FROM par_periode AS c
    WHERE c.id_menage IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY c.type_periode, c.periode, c.cle_menage ORDER BY c.date_consultation, c.id_consultation) = 1
),
faits_contacts AS (
    SELECT c.type_periode, c.periode, c.territoire AS territoire_mds, c.code_operateur, v.indicateur, v.ventilation, v.modalite,
           c.cle_menage AS cle, v.poids, v.agregation
    FROM premiers AS c
    CROSS JOIN LATERAL (
        VALUES
            ('i04', 'ensemble', 'ensemble', 1, 'distinct', true),
            ('i04', 'operateur', c.code_operateur, 1, 'distinct', true),
            ('i05', 'ensemble', 'ensemble', 1, 'distinct', true),
            ('i05', 'type_appelant', c.type_appelant, 1, 'distinct', true),
            ('i05', 'statut_occupation', coalesce(c.statut_occupation, 'non_renseigne'), 1, 'distinct', true),
            ('i05', 'sexe', coalesce(c.sexe, 'non_renseigne'), 1, 'distinct', true),
            ('i05', 'tranche_age', c.tranche_age, 1, 'distinct', true),
            ('i05', 'situation_professionnelle', coalesce(c.situation_professionnelle, 'non_renseigne'), 1, 'distinct', true),
            ('i06', 'ensemble', 'ensemble', 1, 'distinct', true),
            ('i06', 'type_ressources_principal', coalesce(c.type_ressources_principal, 'non_renseigne'), 1, 'distinct', true),
            ('i06_moyenne', 'ensemble', 'ensemble', c.ressources_mensuelles, 'moyenne', c.ressources_mensuelles IS NOT NULL),
            ('i06_mediane', 'ensemble', 'ensemble', c.ressources_mensuelles, 'mediane', c.ressources_mensuelles IS NOT NULL),
            ('i07', 'ensemble', 'ensemble', 1, 'distinct', true),
            ('i07', 'parc', c.parc, 1, 'distinct', true),
            ('i07', 'parc_composition_familiale', c.parc || '|' || coalesce(c.composition_familiale, 'non_renseigne'), 1, 'distinct', true),
            ('i08', 'ensemble', 'ensemble', 1, 'distinct', true),
            ('i08', 'stade_procedure', c.stade_procedure, 1, 'distinct', true),
            ('i11', 'ensemble', 'ensemble', 1, 'distinct', c.dette > 0),
            ('i11', 'tranche_dette', CASE WHEN c.dette < 1500 THEN 'moins_1500' WHEN c.dette <= 4000 THEN '1500_4000' ELSE 'plus_4000' END, 1, 'distinct', c.dette > 0),
            ('i11', 'parc', c.parc, 1, 'distinct', c.dette > 0),
            ('i11_somme', 'ensemble', 'ensemble', c.dette, 'somme', c.dette > 0),
            ('i11_somme', 'parc', c.parc, c.dette, 'somme', c.dette > 0),
            ('i11_moyenne', 'ensemble', 'ensemble', c.dette, 'moyenne', c.dette > 0),
            ('i11_moyenne', 'parc', c.parc, c.dette, 'moyenne', c.dette > 0),
            ('i11_mediane', 'ensemble', 'ensemble', c.dette, 'mediane', c.dette > 0),
            ('i11_mediane', 'parc', c.parc, c.dette, 'mediane', c.dette > 0)
    ) AS v(indicateur, ventilation, modalite, poids, agregation, retenu)
    WHERE v.retenu AND v.modalite IS NOT NULL
),
origines AS (
    -- i12: every debt origin cited in the period's consultations of the household, at the contact's territory.
    SELECT DISTINCT c.type_periode, c.periode, f.territoire AS territoire_mds, f.code_operateur, c.cle_menage, unnest(c.origine_dette) AS origine
    FROM par_periode AS c
    JOIN premiers AS f USING (type_periode, periode, cle_menage)
    WHERE c.id_menage IS NOT NULL
),
faits_origines AS (
    SELECT type_periode, periode, territoire_mds, code_operateur, 'i12' AS indicateur, 'origine_dette' AS ventilation, origine AS modalite,
           cle_menage AS cle, 1 AS poids, 'distinct' AS agregation
    FROM origines
    UNION ALL
    SELECT DISTINCT type_periode, periode, territoire_mds, code_operateur, 'i12', 'ensemble', 'ensemble', cle_menage, 1, 'distinct'
    FROM origines
),
faits_autres AS (
    -- i03 permanences by territory of the place; i09 instances; i10 specific actions and their participants.
    SELECT p.date AS date_fait, coalesce(r.territoire_mds, 'non_attribue') AS territoire_mds, p.code_operateur, v.indicateur, v.ventilation,
           v.modalite, p.code_operateur || '/' || p.id_permanence AS cle, 1 AS poids, 'distinct' AS agregation
    FROM staging_nv_permanences AS p
    LEFT JOIN ref.communes AS r ON r.code_commune = p.code_commune_lieu
    CROSS JOIN LATERAL (VALUES ('i03', 'ensemble', 'ensemble'), ('i03', 'operateur', p.code_operateur)) AS v(indicateur, ventilation, modalite)
    UNION ALL
    SELECT i.date, coalesce(i.territoire_mds, 'non_attribue'), i.code_operateur, 'i09', v.ventilation, v.modalite,
           i.code_operateur || '/' || i.id_participation, 1, 'distinct'
    FROM staging_nv_instances AS i
    CROSS JOIN LATERAL (VALUES ('ensemble', 'ensemble'), ('type_instance', i.type_instance)) AS v(ventilation, modalite)
    UNION ALL
    SELECT a.date, coalesce(a.territoire_mds, 'non_attribue'), a.code_operateur, v.indicateur, v.ventilation, v.modalite,
           a.code_operateur || '/' || a.id_action, v.poids, v.agregation
    FROM staging_nv_actions_specifiques AS a
    CROSS JOIN LATERAL (
        VALUES
            ('i10', 'ensemble', 'ensemble', 1, 'distinct'),
            ('i10', 'type_action', a.type_action, 1, 'distinct'),
            ('i10', 'public', coalesce(a.public, 'non_renseigne'), 1, 'distinct'),
            ('i10_participants', 'ensemble', 'ensemble', coalesce(a.nb_participants, 0), 'somme'),
            ('i10_participants', 'type_action', a.type_action, coalesce(a.nb_participants, 0), 'somme')
    ) AS v(indicateur, ventilation, modalite, poids, agregation)
)
SELECT indicateur, type_periode, periode, 'territoire_mds' AS niveau_territoire, territoire_mds AS territoire, code_operateur, ventilation, modalite, cle, CAST(poids AS DOUBLE) AS poids, agregation
FROM (
    SELECT * FROM faits_consultations WHERE modalite IS NOT NULL
    UNION ALL SELECT * FROM faits_contacts
    UNION ALL SELECT * FROM faits_origines WHERE modalite IS NOT NULL
)
UNION ALL
SELECT f.indicateur, p.type_periode, p.periode, 'territoire_mds', f.territoire_mds, f.code_operateur, f.ventilation, f.modalite, f.cle, CAST(f.poids AS DOUBLE), f.agregation
FROM faits_autres AS f
JOIN int_f2_2_periodes AS p ON f.date_fait BETWEEN p.debut AND p.fin
