-- Fiche 2.13: the periods its indicators are published for: every calendar year and month from the first dated record
-- (meeting, adapted-housing action, grand passage, family request, request from a commune or EPCI) to the latest date
-- a 2.13 file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date AS d, date_arrete FROM staging_gdv_reunions
    UNION ALL SELECT date, date_arrete FROM staging_gdv_habitat_adapte
    UNION ALL SELECT least(date_arrivee, date_arrivee_prevue), date_arrete FROM staging_gdv_grands_passages
    UNION ALL SELECT date, date_arrete FROM staging_gdv_saisines_familles
    UNION ALL SELECT date, date_arrete FROM staging_gdv_sollicitations_collectivites
),
bornes AS (SELECT date_trunc('month', min(d)) AS premier, greatest(max(date_arrete), max(d)) AS dernier FROM dates),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_13_gens_du_voyage'], mois, int_periodes_conventions)
