-- « Today » of the run, one row: the date deadlines are measured against (expected submissions, days late).
-- Grain: one row. Spec: issue 17 point 2 (« late, with days », « missing »).
-- Interpretation: the run's reference date is its data cut-off, as main.execution.date_arrete (pipelines/run.ts) and
-- the alert models take it: the latest snapshot date of the operators' files (fichiers_actifs()), the Département's
-- own tables aside — conventions and payments (producer « departement » in pipelines/contracts/shared.ts) say nothing
-- of how far the activity was reported. No operator file: no row, so nothing is late.
-- Where to switch: when OBS_DATE_REFERENCE (issue 14) gives the run's date, it replaces this SELECT, here only.
-- test: unique(date_reference)
-- test: not_null(date_reference)
SELECT max(date_arrete) AS date_reference
FROM fichiers_actifs()
WHERE table_rapport NOT IN ('conventions', 'versements')
HAVING max(date_arrete) IS NOT NULL
