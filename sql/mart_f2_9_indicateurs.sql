-- Fiche 2.9 « Observatoire des besoins des jeunes » indicators (spec 2.9 §3, §5) by calendar year and month:
-- int_f2_9_faits (what each indicator counts) published by publier_indicateurs, for each MDS territory
-- ('non_attribue' for meetings and cohort rows without territory), the commune and EPCI where a SIAO request states
-- where the person is, each Logement d'abord territory for the §5 youth slice of the LDA measures (y01*), and the
-- département ('62'); the other §5 slices (y02-y06 and their shares) are facts of the département only. Totals are
-- published 0 where nothing happened (catalogue `cellule_absente`); shares have no value without a record.
-- Fiche-specific, which the catalogue cannot say:
--   - a SIAO request's commune and the MDS territory of its SIAO antenna are independent places (the facts give
--     both): the hierarchy the macro gets keeps commune → EPCI and the MDS territories only, without the link
--     between them;
--   - y01* are published on the LDA periods and territories, as the LDA fiches are (when LDA measures are loaded),
--     the rest on the 2.9 periods and MDS territories: two calls, each keeping its own indicators (the other call's
--     grid would add zeros of indicators it does not publish).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0 AND (unite <> '%' OR valeur <= 100))
-- test: accepted_values(niveau_territoire: departement, territoire_mds, epci, commune, territoire_lda)
-- test: accepted_values(type_periode: annee, mois)
WITH appartenances_mds AS (
    SELECT * FROM int_territoires_appartenances
    WHERE fiche IS NULL AND ((niveau = 'commune' AND niveau_parent = 'epci') OR (niveau = 'territoire_mds' AND niveau_parent = 'departement'))
),
appartenances_lda AS (
    SELECT * FROM int_territoires_appartenances WHERE fiche IS NULL AND niveau = 'territoire_lda' AND niveau_parent = 'departement'
),
periodes_lda AS (
    -- Months and years: the LDA fiches' convention periods are theirs, not 2.9's (int_f2_9_jeunes_lda).
    SELECT * FROM int_lda_periodes WHERE fiche IS NULL AND EXISTS (SELECT 1 FROM staging_lda_mesures)
),
faits_lda AS (SELECT * FROM int_f2_9_faits WHERE indicateur LIKE 'y01%'),
faits_autres AS (SELECT * FROM int_f2_9_faits WHERE indicateur NOT LIKE 'y01%')
SELECT * FROM publier_indicateurs('f2_9_observatoire_jeunes', faits_autres, int_f2_9_periodes, appartenances_mds)
WHERE indicateur NOT LIKE 'y01%'
UNION ALL
SELECT * FROM publier_indicateurs('f2_9_observatoire_jeunes', faits_lda, periodes_lda, appartenances_lda)
WHERE indicateur LIKE 'y01%'
