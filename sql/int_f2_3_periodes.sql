-- Fiche 2.3: the periods its indicators are published for: every calendar year and month from the first dated
-- ASTRE record (identification of a situation, start of a measure, aid, contact, partnership) to the latest date an
-- ASTRE file was drawn up.
-- And each convention period of the fiche sharing a month with them (macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode)
-- test: expression(debut <= fin)
WITH dates AS (
    SELECT date_identification AS d, date_arrete FROM staging_astre_saisines
    UNION ALL SELECT date_debut, date_arrete FROM staging_astre_mesures
    UNION ALL SELECT date, date_arrete FROM staging_astre_aides
    UNION ALL SELECT date, date_arrete FROM staging_astre_contacts
    UNION ALL SELECT date, date_arrete FROM staging_astre_partenariats
),
bornes AS (SELECT date_trunc('month', min(d)) AS premier, greatest(max(date_arrete), max(d)) AS dernier FROM dates),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes WHERE premier IS NOT NULL
)
SELECT * EXCLUDE (fiche) FROM periodes_fiche(['f2_3_astre'], mois, int_periodes_conventions)
