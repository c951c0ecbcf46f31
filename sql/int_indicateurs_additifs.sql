-- Whether an indicator's figures may be added across fiches: counts and amounts may, rates, shares, means, medians and
-- durations may not. Decided by the unit's statistical-secret rule (sources/reference/unites.csv): taux_ou_moyenne is
-- not additive; a unit not listed there counts as people (as for the secret), hence additive.
-- Grain: one row per catalogue indicator (sources/reference/indicateurs.csv).
-- test: unique(fiche, indicateur)
-- test: not_null(fiche, indicateur, additif)
SELECT i.fiche, i.indicateur, i.unite, u.regle_secret IS DISTINCT FROM 'taux_ou_moyenne' AS additif
FROM ref.indicateurs AS i
LEFT JOIN ref.unites AS u ON u.unite = i.unite
