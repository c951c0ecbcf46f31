-- Fiche 2.8: the periods its indicators are published for: every calendar year and month from the first meeting to
-- the latest date a GEP file was drawn up.
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH bornes AS (
    SELECT date_trunc('month', min(date)) AS premier, greatest(max(date_arrete), max(date)) AS dernier FROM staging_gep_rencontres
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT 'mois' AS type_periode, strftime(debut, '%Y-%m') AS periode, debut, last_day(debut) AS fin FROM mois
UNION ALL
SELECT DISTINCT 'annee', CAST(year(debut) AS VARCHAR), make_date(year(debut), 1, 1), make_date(year(debut), 12, 31) FROM mois
