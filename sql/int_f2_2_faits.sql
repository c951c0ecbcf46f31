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
-- Each day of each period: a record finds its periods by an equality on its date (a hash join) instead of a range
-- join sorting every record against every period (issue 16).
jours AS (
    SELECT type_periode, periode, CAST(unnest(generate_series(debut, fin, INTERVAL 1 DAY)) AS DATE) AS jour
    FROM int_f2_2_periodes
),
par_periode AS (
    SELECT c.*, p.type_periode, p.periode
    FROM consultations AS c
    JOIN jours AS p ON p.jour = c.date_consultation
),
faits_consultations AS (
    SELECT type_periode, periode, territoire_mds, code_operateur, indicateur, ventilation, modalite, cle, 1 AS poids, 'distinct' AS agregation
    FROM (
        -- The facts of a record unnested from a list in the select list (here and below): a LATERAL (VALUES …) on its
        -- columns was planned as a join back on every column it names (issue 16).
        SELECT c.type_periode, c.periode, c.territoire AS territoire_mds, c.code_operateur, c.cle, unnest([
            {indicateur: 'i01', ventilation: 'ensemble', modalite: 'ensemble', retenu: true},
            {indicateur: 'i01', ventilation: 'mode_consultation', modalite: c.mode_consultation, retenu: true},
            {indicateur: 'i01', ventilation: 'operateur', modalite: c.code_operateur, retenu: true},
            {indicateur: 'i01_premiers_contacts', ventilation: 'ensemble', modalite: 'ensemble', retenu: coalesce(c.premier_contact, false)},
            {indicateur: 'i02', ventilation: 'ensemble', modalite: 'ensemble', retenu: true},
            {indicateur: 'i02', ventilation: 'mode_consultation', modalite: c.mode_consultation, retenu: true},
            {indicateur: 'i08_consultations', ventilation: 'ensemble', modalite: 'ensemble', retenu: true},
            {indicateur: 'i08_consultations', ventilation: 'stade_procedure', modalite: c.stade_procedure, retenu: true},
            {indicateur: 'i13', ventilation: 'ensemble', modalite: 'ensemble', retenu: true}
        ], recursive := true)
        FROM par_periode AS c
    )
    WHERE retenu AND modalite IS NOT NULL
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
    SELECT type_periode, periode, territoire_mds, code_operateur, indicateur, ventilation, modalite, cle, poids, agregation
    FROM (
        SELECT c.type_periode, c.periode, c.territoire AS territoire_mds, c.code_operateur, c.cle_menage AS cle, unnest([
            {indicateur: 'i04', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i04', ventilation: 'operateur', modalite: c.code_operateur, poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'type_appelant', modalite: c.type_appelant, poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'statut_occupation', modalite: coalesce(c.statut_occupation, 'non_renseigne'), poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'sexe', modalite: coalesce(c.sexe, 'non_renseigne'), poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'tranche_age', modalite: c.tranche_age, poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i05', ventilation: 'situation_professionnelle', modalite: coalesce(c.situation_professionnelle, 'non_renseigne'), poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i06', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i06', ventilation: 'type_ressources_principal', modalite: coalesce(c.type_ressources_principal, 'non_renseigne'), poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i06_moyenne', ventilation: 'ensemble', modalite: 'ensemble', poids: c.ressources_mensuelles, agregation: 'moyenne', retenu: c.ressources_mensuelles IS NOT NULL},
            {indicateur: 'i06_mediane', ventilation: 'ensemble', modalite: 'ensemble', poids: c.ressources_mensuelles, agregation: 'mediane', retenu: c.ressources_mensuelles IS NOT NULL},
            {indicateur: 'i07', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i07', ventilation: 'parc', modalite: c.parc, poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i07', ventilation: 'parc_composition_familiale', modalite: c.parc || '|' || coalesce(c.composition_familiale, 'non_renseigne'), poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i08', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i08', ventilation: 'stade_procedure', modalite: c.stade_procedure, poids: 1, agregation: 'distinct', retenu: true},
            {indicateur: 'i11', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct', retenu: c.dette > 0},
            {indicateur: 'i11', ventilation: 'tranche_dette', modalite: CASE WHEN c.dette < 1500 THEN 'moins_1500' WHEN c.dette <= 4000 THEN '1500_4000' ELSE 'plus_4000' END, poids: 1, agregation: 'distinct', retenu: c.dette > 0},
            {indicateur: 'i11', ventilation: 'parc', modalite: c.parc, poids: 1, agregation: 'distinct', retenu: c.dette > 0},
            {indicateur: 'i11_somme', ventilation: 'ensemble', modalite: 'ensemble', poids: c.dette, agregation: 'somme', retenu: c.dette > 0},
            {indicateur: 'i11_somme', ventilation: 'parc', modalite: c.parc, poids: c.dette, agregation: 'somme', retenu: c.dette > 0},
            {indicateur: 'i11_moyenne', ventilation: 'ensemble', modalite: 'ensemble', poids: c.dette, agregation: 'moyenne', retenu: c.dette > 0},
            {indicateur: 'i11_moyenne', ventilation: 'parc', modalite: c.parc, poids: c.dette, agregation: 'moyenne', retenu: c.dette > 0},
            {indicateur: 'i11_mediane', ventilation: 'ensemble', modalite: 'ensemble', poids: c.dette, agregation: 'mediane', retenu: c.dette > 0},
            {indicateur: 'i11_mediane', ventilation: 'parc', modalite: c.parc, poids: c.dette, agregation: 'mediane', retenu: c.dette > 0}
        ], recursive := true)
        FROM premiers AS c
    )
    WHERE retenu AND modalite IS NOT NULL
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
    SELECT p.date AS date_fait, coalesce(r.territoire_mds, 'non_attribue') AS territoire_mds, p.code_operateur,
           unnest([{indicateur: 'i03', ventilation: 'ensemble', modalite: 'ensemble'}, {indicateur: 'i03', ventilation: 'operateur', modalite: p.code_operateur}], recursive := true),
           p.code_operateur || '/' || p.id_permanence AS cle, 1 AS poids, 'distinct' AS agregation
    FROM staging_nv_permanences AS p
    LEFT JOIN ref.communes AS r ON r.code_commune = p.code_commune_lieu
    UNION ALL
    SELECT i.date, coalesce(i.territoire_mds, 'non_attribue'), i.code_operateur, 'i09',
           unnest([{ventilation: 'ensemble', modalite: 'ensemble'}, {ventilation: 'type_instance', modalite: i.type_instance}], recursive := true),
           i.code_operateur || '/' || i.id_participation, 1, 'distinct'
    FROM staging_nv_instances AS i
    UNION ALL
    SELECT date_fait, territoire_mds, code_operateur, indicateur, ventilation, modalite, cle, poids, agregation
    FROM (
        SELECT a.date AS date_fait, coalesce(a.territoire_mds, 'non_attribue') AS territoire_mds, a.code_operateur,
               a.code_operateur || '/' || a.id_action AS cle, unnest([
            {indicateur: 'i10', ventilation: 'ensemble', modalite: 'ensemble', poids: 1, agregation: 'distinct'},
            {indicateur: 'i10', ventilation: 'type_action', modalite: a.type_action, poids: 1, agregation: 'distinct'},
            {indicateur: 'i10', ventilation: 'public', modalite: coalesce(a.public, 'non_renseigne'), poids: 1, agregation: 'distinct'},
            {indicateur: 'i10_participants', ventilation: 'ensemble', modalite: 'ensemble', poids: coalesce(a.nb_participants, 0), agregation: 'somme'},
            {indicateur: 'i10_participants', ventilation: 'type_action', modalite: a.type_action, poids: coalesce(a.nb_participants, 0), agregation: 'somme'}
        ], recursive := true)
        FROM staging_nv_actions_specifiques AS a
    )
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
JOIN jours AS p ON p.jour = f.date_fait
