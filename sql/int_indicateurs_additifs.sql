-- What adds up, per catalogue indicator (sources/reference/indicateurs.csv): `additif`, whether its figures may be
-- added across fiches (the « Ensemble du Logement d'abord » rows): counts and amounts may, means, medians, shares and
-- rates may not, read from `agregation`, the same fact the statistical secret reads (a unit's secret rule is not an
-- aggregation: « catégories par mesure » is a mean, euros can be a median); `somme_mois`, whether a year is the sum
-- of its months (the same-months cumuls, mart_indicateurs_cumuls; checked cell by cell by
-- sql/tests/annees_sommes_des_mois.sql). The secret's own months → year link is `lie_mois`, which it reads itself.
-- Grain: one row per catalogue indicator.
-- test: unique(fiche, indicateur)
-- test: not_null(fiche, indicateur, additif, somme_mois)
SELECT fiche, indicateur, unite, agregation IN ('distinct', 'somme') AS additif, somme_mois = 'oui' AS somme_mois
FROM ref.indicateurs
