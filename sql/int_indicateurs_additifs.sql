-- Whether an indicator's figures may be added across fiches (the « Ensemble du Logement d'abord » rows): counts and
-- amounts may, means, medians, shares and rates may not. Read from the catalogue's `agregation` column
-- (sources/reference/indicateurs.csv), the same fact the statistical secret reads; a unit's secret rule is not an
-- aggregation (« catégories par mesure » is a mean, euros can be a median).
-- Grain: one row per catalogue indicator.
-- test: unique(fiche, indicateur)
-- test: not_null(fiche, indicateur, additif)
SELECT fiche, indicateur, unite, agregation IN ('distinct', 'somme') AS additif
FROM ref.indicateurs
