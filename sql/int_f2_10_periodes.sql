-- Fiche 2.10: the periods its indicators are published for: every calendar year and month from the first signalement
-- or landlord contact to the latest date a 2.10 file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date_signalement AS d, date_arrete FROM staging_em_interventions
    UNION ALL SELECT date_contact, NULL FROM staging_em_contacts_bailleurs
),
bornes AS (SELECT date_trunc('month', min(d)) AS premier, greatest(max(date_arrete), max(d)) AS dernier FROM dates),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_10_equipes_mobiles'], mois, int_periodes_conventions)
