-- The periods indicators are published for: every calendar year and month from the first measure to the
-- latest snapshot date.
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH bornes AS (
    SELECT date_trunc('month', min(date_debut)) AS premier, max(date_arrete) AS dernier FROM staging_lda_mesures
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes
)
SELECT 'mois' AS type_periode, strftime(debut, '%Y-%m') AS periode, debut, last_day(debut) AS fin FROM mois
UNION ALL
SELECT DISTINCT 'annee', CAST(year(debut) AS VARCHAR), make_date(year(debut), 1, 1), make_date(year(debut), 12, 31) FROM mois
