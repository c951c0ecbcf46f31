-- Every published figure, in one long table that the site pages and the extracts read.
-- test: unique(fiche, indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: accepted_values(type_periode: annee, mois)
SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
       CAST(valeur AS DOUBLE) AS valeur, unite
FROM mart_lda_indicateurs
ORDER BY ALL
