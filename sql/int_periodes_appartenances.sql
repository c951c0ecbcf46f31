-- Period hierarchy (issue 13, item 1): every month published in mart_indicateurs → the calendar year that contains
-- it. Grain: one row per month. A year's figure is the sum of its months' only for indicators the catalogue marks
-- additive over months (sources/reference/indicateurs.csv, additif_mois): the statistical secret reads both.
-- Interpretation: years are calendar years (mart_indicateurs has no other yearly period); the current year runs to
-- the snapshot date, so it contains the months published so far. Convention periods are not a period type yet.
-- test: unique(periode)
-- test: not_null(periode, type_periode, periode_parent, type_periode_parent)
-- test: expression(strptime(periode || '-01', '%Y-%m-%d') >= strptime(periode_parent || '-01-01', '%Y-%m-%d') AND strptime(periode || '-01', '%Y-%m-%d') < strptime(periode_parent || '-01-01', '%Y-%m-%d') + INTERVAL 1 YEAR)
SELECT DISTINCT periode, type_periode, CAST(year(strptime(periode || '-01', '%Y-%m-%d')) AS VARCHAR) AS periode_parent, 'annee' AS type_periode_parent
FROM mart_indicateurs
WHERE type_periode = 'mois'
