-- Fiche 2.11 (sensibilisation des professionnels à la précarité énergétique) indicators (spec 2.11 §3) by calendar
-- year and month, for each 2.11 lot (the session's lot), each MDS territory (of the session's commune) and the
-- département ('62'). A session counts in the period of its date.
--   i01                   sessions held                       i01_sessions_financees  sessions funded (int_f2_11_sessions:
--                         at least 8 present on the attendance sheet and declared)
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
-- Zero-filled totals (ventilation 'ensemble') except the mean and the rate, which have no value without sessions.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, lot, territoire_mds)
-- test: accepted_values(type_periode: annee, mois)
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
    JOIN conventions AS c ON c.code_operateur = s.code_operateur AND list_contains(c.perimetre, s.lot) AND s.date BETWEEN c.date_debut AND c.date_fin
    JOIN p ON s.date BETWEEN p.debut AND p.fin
    WHERE s.financee AND c.tarif_session IS NOT NULL
),
faits AS (
    SELECT indicateur, periode, type_periode, lot, territoire_mds, cle, poids, v[1] AS ventilation, v[2] AS modalite
    FROM (SELECT * EXCLUDE (vm), unnest(vm) AS v FROM base)
    WHERE v[2] IS NOT NULL
),
niveaux AS (
    SELECT DISTINCT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, cle, poids
    FROM (
        SELECT *, 'lot' AS niveau_territoire, lot AS territoire FROM faits WHERE lot IS NOT NULL
        UNION ALL SELECT *, 'territoire_mds', territoire_mds FROM faits WHERE territoire_mds IS NOT NULL
        UNION ALL SELECT *, 'departement', '62' FROM faits
    )
),
comptes AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           CAST(CASE WHEN indicateur IN ('i06', 'x_presents_declares') THEN sum(poids) ELSE count(*) END AS DOUBLE) AS valeur
    FROM niveaux GROUP BY indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite
),
ratios AS (
    SELECT 'i01_moyenne_presents' AS indicateur, n.periode, n.type_periode, n.territoire, n.niveau_territoire, n.ventilation, n.modalite,
           round(n.valeur / d.valeur, 2) AS valeur
    FROM comptes AS n JOIN comptes AS d USING (periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE n.indicateur = 'x_presents_declares' AND d.indicateur = 'i01'
    UNION ALL
    SELECT 'i02_taux_reponse', n.periode, n.type_periode, n.territoire, n.niveau_territoire, n.ventilation, n.modalite,
           round(100 * n.valeur / d.valeur, 1)
    FROM comptes AS n JOIN comptes AS d USING (periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE n.indicateur = 'i02_evaluations' AND d.indicateur = 'i01_presences' AND n.ventilation IN ('ensemble', 'programme')
),
grille AS (
    SELECT c.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS c
    CROSS JOIN p
    CROSS JOIN (
        SELECT DISTINCT lot AS territoire, 'lot' AS niveau_territoire FROM ref.lots WHERE fiche = 'f2_11_sensibilisation_pe'
        UNION ALL SELECT code, 'territoire_mds' FROM ref.territoires_mds
        UNION ALL SELECT '62', 'departement'
    ) AS t
    WHERE c.fiche = 'f2_11_sensibilisation_pe' AND c.indicateur NOT IN ('i01_moyenne_presents', 'i02_taux_reponse')
),
publies AS (
    SELECT * FROM comptes WHERE indicateur <> 'x_presents_declares'
    UNION ALL
    SELECT * FROM ratios
    UNION ALL
    SELECT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.indicateur, c.periode, c.territoire, c.ventilation, c.modalite) = (g.indicateur, g.periode, g.territoire, g.ventilation, g.modalite)
    )
)
SELECT 'f2_11_sensibilisation_pe' AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire,
       r.ventilation, r.modalite, r.valeur, c.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS c ON c.fiche = 'f2_11_sensibilisation_pe' AND c.indicateur = r.indicateur
