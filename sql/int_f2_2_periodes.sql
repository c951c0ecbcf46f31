-- Fiche 2.2: the periods its indicators are published for: every calendar year and month from the first dated
-- record (consultation, permanence, instance, action) to the latest date a 2.2 file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date_consultation AS d, date_arrete FROM staging_nv_consultations
    UNION ALL SELECT date, date_arrete FROM staging_nv_permanences
    UNION ALL SELECT date, date_arrete FROM staging_nv_instances
    UNION ALL SELECT date, date_arrete FROM staging_nv_actions_specifiques
),
bornes AS (SELECT date_trunc('month', min(d)) AS premier, greatest(max(date_arrete), max(d)) AS dernier FROM dates),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_2_numero_vert'], mois, int_periodes_conventions)
