-- Fiche 2.11: the periods its indicators are published for: every calendar year and month from the start of the first
-- 2.11 convention or the first session, whichever is earlier (months of a convention without any session are
-- published as 0), to the latest date a 2.11 session file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH bornes AS (
    SELECT date_trunc('month', least(min(s.date), (SELECT min(date_debut) FROM staging_conventions WHERE fiche = 'f2_11_sensibilisation_pe'))) AS premier,
           greatest(max(s.date_arrete), max(s.date)) AS dernier
    FROM staging_sens_sessions AS s
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL AND dernier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_11_sensibilisation_pe'], mois, int_periodes_conventions)
