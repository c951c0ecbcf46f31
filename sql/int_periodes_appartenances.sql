-- Period hierarchy (issue 13, item 1): every month a figure can have → the calendar year that contains it, from
-- January 2000 to December 2040, the years the ingest accepts (PLAUSIBLE_YEARS, pipelines/contracts/columns.ts). A
-- calendar, not the months published: an int model reads no mart, and a month with no figure links nothing.
-- Grain: one row per month. The statistical secret links a year to its months for indicators the catalogue says
-- (sources/reference/indicateurs.csv, lie_mois); the year is their sum only where somme_mois says so.
-- Interpretation: years are calendar years (a convention period straddling two years is its own type); the current year runs to
-- the snapshot date, so it contains the months published so far. Months → convention periods, which come from the
-- conventions rather than the calendar, are int_periodes_appartenances_conventions.
-- test: unique(periode)
-- test: not_null(periode, type_periode, periode_parent, type_periode_parent)
-- test: expression(strptime(periode || '-01', '%Y-%m-%d') >= strptime(periode_parent || '-01-01', '%Y-%m-%d') AND strptime(periode || '-01', '%Y-%m-%d') < strptime(periode_parent || '-01-01', '%Y-%m-%d') + INTERVAL 1 YEAR)
SELECT strftime(mois, '%Y-%m') AS periode, 'mois' AS type_periode, CAST(year(mois) AS VARCHAR) AS periode_parent, 'annee' AS type_periode_parent
FROM range(DATE '2000-01-01', DATE '2041-01-01', INTERVAL 1 MONTH) AS t(mois)
