-- Fiche 2.8: the periods its indicators are published for: every calendar year and month from the first meeting to
-- the latest date a GEP file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH bornes AS (
    SELECT date_trunc('month', min(date)) AS premier, greatest(max(date_arrete), max(date)) AS dernier FROM staging_gep_rencontres
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_8_gep'], mois, int_periodes_conventions)
