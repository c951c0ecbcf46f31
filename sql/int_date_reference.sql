-- « Today » of the run, one row: the date deadlines are measured against (expected submissions, days late).
-- Grain: one row. Spec: issue 17 point 2 (« late, with days », « missing »).
-- Interpretation: the run's reference date, the one « today » of every deadline and balance: ref.date_reference,
-- written by the pipeline from OBS_DATE_REFERENCE (default: the day of the run; the demo: its snapshot date;
-- pipelines/date-reference.ts). As a model, so the expected-submissions models name their dependency.
-- test: unique(date_reference)
-- test: not_null(date_reference)
SELECT date_reference FROM ref.date_reference
