-- Fiche 2.9 « Observatoire des besoins des jeunes » indicators (spec 2.9 §3, §5) by calendar year and month, for each
-- MDS territory ('non_attribue' for meetings and cohort rows without territory), the commune and EPCI where a SIAO
-- request states where the person is, and the département ('62').
--   i00-i04: deliverables (the seed's « indicateurs » are formats: cartographies, fiches thématiques, fiches de
--   synthèse, rapport complet); x01 partnership meetings and their participants (professionals, young people);
--   x02 youth cohort (young people observed, followed, follow-up rate per wave, rehoused); x03 SIAO / 115 requests,
--   the youth share and the young people's requests by the §5 breakdowns; y01 the §5 youth slice of the Logement
--   d'abord measures (int_f2_9_jeunes_lda), by LDA territory (niveau 'territoire_lda') and fiche. The other §5 slices
--   (2.1, 2.2, 2.3, 2.10, 2.12: y02-y06 and their shares, int_f2_9_jeunes_fiches) at the département level only,
--   for the periods where the fiche has records.
-- Facts come from int_f2_9_faits; keys are recounted at each level. Counts are published for every period, the MDS
-- territories and '62' in their « ensemble » row (0 when nothing happened); shares have no value without a record.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0 AND (unite <> '%' OR valeur <= 100))
-- test: accepted_values(niveau_territoire: departement, territoire_mds, epci, commune, territoire_lda)
-- test: accepted_values(type_periode: annee, mois)
WITH niveaux AS (
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'commune' AS niveau_territoire, code_commune AS territoire FROM int_f2_9_faits WHERE code_commune IS NOT NULL
        UNION ALL
        SELECT *, 'epci', code_epci FROM int_f2_9_faits WHERE code_epci IS NOT NULL
        UNION ALL
        SELECT *, 'territoire_mds', territoire_mds FROM int_f2_9_faits WHERE territoire_mds IS NOT NULL
        UNION ALL
        SELECT *, 'departement', '62' FROM int_f2_9_faits
    )
    UNION ALL
    -- §5 youth slice of the Logement d'abord measures: a person is counted once per level even when she holds two
    -- measures (a person of two LDA fiches counts in each fiche modality, once in « ensemble »); for the 'part', the
    -- weight of a person is 1 when she is young in at least one of her active measures.
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle,
           max(poids) OVER (PARTITION BY indicateur, type_periode, periode, territoire, ventilation, modalite, cle) AS poids
    FROM (
        SELECT *, 'territoire_lda' AS niveau_territoire, territoire_lda AS territoire FROM int_f2_9_jeunes_lda
        UNION ALL
        SELECT *, 'departement', '62' FROM int_f2_9_jeunes_lda
    )
    UNION ALL
    -- §5 youth slices of the other fiches' records, at the département level: young records (y0N, weight = jeune,
    -- summed: 0 when the fiche had records but none of a young person) and their share (y0N_part).
    SELECT indicateur, type_periode, periode, '62', 'departement', 'ensemble', 'ensemble', 'somme', cle, jeune FROM int_f2_9_jeunes_fiches
    UNION ALL
    SELECT indicateur || '_part', type_periode, periode, '62', 'departement', 'ensemble', 'ensemble', 'part', cle, jeune FROM int_f2_9_jeunes_fiches
),
comptes AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           CAST(CASE any_value(agregation)
                    WHEN 'distinct' THEN count(*)
                    WHEN 'somme' THEN sum(poids)
                    WHEN 'part' THEN round(100 * avg(poids), 2)
                END AS DOUBLE) AS valeur
    FROM niveaux
    GROUP BY ALL
),
grille AS (
    SELECT i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS i
    CROSS JOIN int_f2_9_periodes AS p
    CROSS JOIN (SELECT code AS territoire, 'territoire_mds' AS niveau_territoire FROM ref.territoires_mds UNION ALL SELECT '62', 'departement') AS t
    WHERE i.fiche = 'f2_9_observatoire_jeunes' AND i.unite <> '%' AND i.indicateur NOT LIKE 'y%'
    UNION ALL
    -- The youth slice of the LDA measures on the LDA periods and territories (those of the LDA fiches).
    SELECT i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble', 'ensemble'
    FROM ref.indicateurs AS i
    CROSS JOIN int_lda_periodes AS p
    CROSS JOIN (SELECT code AS territoire, 'territoire_lda' AS niveau_territoire FROM ref.territoires_lda UNION ALL SELECT '62', 'departement') AS t
    WHERE i.fiche = 'f2_9_observatoire_jeunes' AND i.unite <> '%' AND i.indicateur LIKE 'y01%'
      -- Months and years: the LDA fiches' convention periods are theirs, not 2.9's (int_f2_9_jeunes_lda).
      AND p.fiche IS NULL
      AND EXISTS (SELECT 1 FROM staging_lda_mesures)
),
publies AS (
    SELECT * FROM comptes
    UNION ALL
    SELECT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.indicateur, c.periode, c.territoire, c.ventilation, c.modalite) = (g.indicateur, g.periode, g.territoire, g.ventilation, g.modalite)
    )
)
SELECT 'f2_9_observatoire_jeunes' AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = 'f2_9_observatoire_jeunes' AND i.indicateur = r.indicateur
