-- Fiche 2.12: the periods its indicators are published for: every calendar year and month from the start of the first
-- 2.12 convention, household accompaniment or projet 2 action, whichever is earliest, to the latest date a 2.12
-- household file was drawn up (or the latest action, if later).
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date_debut AS d, date_arrete FROM staging_pe_menages
    UNION ALL SELECT date, NULL FROM staging_pe_actions_innovantes
    UNION ALL SELECT date_prestation, NULL FROM staging_pe_prestations
),
bornes AS (
    SELECT date_trunc('month', least(min(d), (SELECT min(date_debut) FROM staging_conventions WHERE fiche = 'f2_12_prevention_pe'))) AS premier,
           greatest(max(date_arrete), max(d)) AS dernier
    FROM dates
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL AND dernier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_12_prevention_pe'], mois, int_periodes_conventions)
