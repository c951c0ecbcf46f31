-- Fiche 2.9: the periods its indicators are published for: every calendar year and month from the first dated record
-- of the observatory (SIAO/115 request, cohort observation, meeting, deliverable) to the latest date a 2.9 file was
-- drawn up.
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date_demande AS d, date_arrete FROM staging_obs_demandes_siao
    UNION ALL SELECT date_observation, date_arrete FROM staging_obs_cohorte
    UNION ALL SELECT date, date_arrete FROM staging_obs_rencontres
    UNION ALL SELECT date, date_arrete FROM staging_obs_livrables
),
bornes AS (SELECT date_trunc('month', min(d)) AS premier, greatest(max(date_arrete), max(d)) AS dernier FROM dates),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT 'mois' AS type_periode, strftime(debut, '%Y-%m') AS periode, debut, last_day(debut) AS fin FROM mois
UNION ALL
SELECT DISTINCT 'annee', CAST(year(debut) AS VARCHAR), make_date(year(debut), 1, 1), make_date(year(debut), 12, 31) FROM mois
