-- Every figure computed from the operators' records: the union of the fiches' indicator marts. mart_indicateurs adds
-- the declared figures (bilans quantitatifs) where no record-level figure exists. Catalogue entries (libellé,
-- définition, unité) are in sources/reference/indicateurs.csv; sql/tests/catalogue_indicateurs.sql checks them.
-- Not sorted: mart_indicateurs sorts the published rows, and nothing reads these in their stored order.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur)
-- test: accepted_values(type_periode: annee, mois, convention)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda, territoire_mds, lot, epci, commune)
-- test: expression(type_periode = 'annee' AND periode SIMILAR TO '[0-9]{4}' OR type_periode = 'mois' AND periode SIMILAR TO '[0-9]{4}-[0-9]{2}' OR type_periode = 'convention' AND periode SIMILAR TO '[0-9]{4}-[0-9]{2}/[0-9]{4}-[0-9]{2}')
SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
       CAST(valeur AS DOUBLE) AS valeur, unite
FROM mart_lda_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_8_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_10_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_1_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_2_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_3_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_11_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_13_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_9_indicateurs
UNION ALL SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, CAST(valeur AS DOUBLE), unite FROM mart_f2_12_indicateurs
