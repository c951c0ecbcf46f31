-- Facts behind every fiche 2.11 (sensibilisation des professionnels à la précarité énergétique) indicator (spec 2.11
-- §3), in the facts shape publier_indicateurs reads. A session counts in the period of its date. Its two places are
-- independent (the lot it declares, the MDS territory of its commune: the commune's lot may differ), so each fact is
-- given once per place, MDS territory and lot, both counted once in the département; a bilan has only its
-- convention's lots, a fact with no place only the département. x_presents_declares: declared participants present,
-- the numerator of i01_moyenne_presents.
--   i01                   sessions held                       i01_sessions_financees  sessions funded (int_f2_11_sessions:
--                         at least 8 present on the attendance sheet, inside a convention period of the operator and lot)
--   i01_presences         present attendance rows (émargements), by programme, catégorie professionnelle, type de structure, encadrant
--   i01_professionnels    distinct professionals present (pseudonym per operator), same breakdowns (a professional counts
--                         under each category or structure type he was recorded with)
--   i01_moyenne_presents  mean number of participants present per session (declared nb_participants_presents)
--   i02_evaluations       participants' questionnaires of the period's sessions, by satisfaction, utilité, recommandation
--   i02_taux_reponse      questionnaires / present attendance rows × 100
--   i03                   « dimension quantitative »: distinct professionals sensitised from the start of the convention
--                         to the end of P (the progress towards 60 / 90 / 150), for periods overlapping a 2.11 convention
--   i04, i05              qualitative parts of the bilans are text, not ingested: tracked as bilans (intermédiaire, final)
--                         remitted in P, by type
--   i06                   « état budgétaire »: amount due for the sessions of P (funded sessions × unit cost of the convention)
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(niveau_territoire: territoire_mds, lot, departement)
WITH p AS (SELECT * FROM int_f2_11_periodes),
conventions AS (
    SELECT *, TRY_CAST(regexp_extract(tarifs_unitaires, 'session\s*=\s*([0-9]+(\.[0-9]+)?)', 1) AS DOUBLE) AS tarif_session
    FROM staging_conventions WHERE fiche = 'f2_11_sensibilisation_pe'
),
s AS (SELECT * FROM int_f2_11_sessions),
base AS (
    SELECT 'i01' AS indicateur, p.periode, p.type_periode, s.lot, s.territoire_mds, s.cle_session AS cle, 1.0 AS poids,
           [['ensemble', 'ensemble'], ['programme', s.programme]] AS vm
    FROM s JOIN p ON s.date BETWEEN p.debut AND p.fin
    UNION ALL
    SELECT 'i01_sessions_financees', p.periode, p.type_periode, s.lot, s.territoire_mds, s.cle_session, 1.0,
           [['ensemble', 'ensemble'], ['programme', s.programme]]
    FROM s JOIN p ON s.date BETWEEN p.debut AND p.fin WHERE s.financee
    UNION ALL
    -- Declared participants present, summed: numerator of the mean.
    SELECT 'x_presents_declares', p.periode, p.type_periode, s.lot, s.territoire_mds, s.cle_session, s.nb_participants_presents,
           [['ensemble', 'ensemble'], ['programme', s.programme]]
    FROM s JOIN p ON s.date BETWEEN p.debut AND p.fin
    UNION ALL
    SELECT x.indicateur, p.periode, p.type_periode, s.lot, s.territoire_mds,
           CASE x.indicateur WHEN 'i01_presences' THEN e.cle_session || '|' || e.cle_participant ELSE e.cle_participant END, 1.0,
           [['ensemble', 'ensemble'], ['programme', s.programme],
            ['categorie_professionnelle', coalesce(e.categorie_professionnelle, 'non_renseigne')],
            ['type_structure', e.type_structure],
            ['encadrant', CASE e.encadrant WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'non_renseigne' END]]
    FROM staging_sens_emargements AS e
    JOIN s ON s.cle_session = e.cle_session
    JOIN p ON s.date BETWEEN p.debut AND p.fin
    CROSS JOIN (VALUES ('i01_presences'), ('i01_professionnels')) AS x(indicateur)
    WHERE e.present
    UNION ALL
    SELECT 'i02_evaluations', p.periode, p.type_periode, s.lot, s.territoire_mds, v.code_operateur || '/' || v.id_evaluation, 1.0,
           [['ensemble', 'ensemble'], ['programme', s.programme],
            ['satisfaction_globale', v.satisfaction_globale],
            ['utilite_pratique', coalesce(v.utilite_pratique, 'non_renseigne')],
            ['recommanderait', CASE v.recommanderait WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'non_renseigne' END]]
    FROM staging_sens_evaluations AS v
    JOIN s ON s.cle_session = v.cle_session
    JOIN p ON s.date BETWEEN p.debut AND p.fin
    UNION ALL
    -- i03: professionals present since the start of the convention, at the end of P (or of the convention).
    SELECT 'i03', p.periode, p.type_periode, s.lot, s.territoire_mds, e.cle_participant, 1.0, [['ensemble', 'ensemble']]
    FROM conventions AS c
    JOIN p ON c.date_debut <= p.fin AND c.date_fin >= p.debut
    JOIN s ON s.code_operateur = c.code_operateur AND list_contains(c.perimetre, s.lot) AND s.date BETWEEN c.date_debut AND least(p.fin, c.date_fin)
    JOIN staging_sens_emargements AS e ON e.cle_session = s.cle_session AND e.present
    UNION ALL
    -- i04 / i05: bilans of a 2.11 convention remitted in P; the convention's lots are their territory.
    SELECT x.indicateur, p.periode, p.type_periode, l.lot, NULL, b.code_operateur || '/' || b.id_bilan, 1.0,
           [['ensemble', 'ensemble'], ['type_bilan', b.type_bilan]]
    FROM staging_bilans AS b
    JOIN p ON b.date_remise BETWEEN p.debut AND p.fin
    LEFT JOIN (SELECT id_convention, unnest(list_filter(perimetre, x -> x IN ('lot1', 'lot2'))) AS lot FROM conventions) AS l ON l.id_convention = b.id_objet
    CROSS JOIN (VALUES ('i04'), ('i05')) AS x(indicateur)
    WHERE b.fiche = 'f2_11_sensibilisation_pe' AND b.type_bilan IN ('bilan_intermediaire_action', 'bilan_final_action')
    UNION ALL
    SELECT 'i06', p.periode, p.type_periode, s.lot, s.territoire_mds, s.cle_session, c.tarif_session,
           [['ensemble', 'ensemble'], ['programme', s.programme]]
    FROM s
    JOIN conventions AS c ON c.id_convention = s.id_convention
    JOIN p ON s.date BETWEEN p.debut AND p.fin
    WHERE s.financee AND c.tarif_session IS NOT NULL
),
faits AS (
    SELECT indicateur, periode, type_periode, lot, territoire_mds, cle, poids, v[1] AS ventilation, v[2] AS modalite
    FROM (SELECT * EXCLUDE (vm), unnest(vm) AS v FROM base)
    WHERE v[2] IS NOT NULL
),
places AS (
    SELECT *, 'territoire_mds' AS niveau_territoire, territoire_mds AS territoire FROM faits WHERE territoire_mds IS NOT NULL
    UNION ALL SELECT *, 'lot', lot FROM faits WHERE lot IS NOT NULL
    UNION ALL SELECT *, 'departement', '62' FROM faits WHERE lot IS NULL AND territoire_mds IS NULL
)
SELECT indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, CAST(poids AS DOUBLE) AS poids,
       CASE WHEN indicateur IN ('i06', 'x_presents_declares') THEN 'somme' ELSE 'distinct' END AS agregation
FROM places
