-- The periods indicators are published for: every calendar year and month from the first measure to the
-- latest snapshot date.
-- And each convention period of the four fiches sharing a month with them, with its fiche (`fiche` NULL: a month or year of
-- all four; macro periodes_fiche, int_periodes_conventions).
-- test: unique(type_periode, periode, fiche)
-- test: expression(debut <= fin)
WITH bornes AS (
    SELECT date_trunc('month', min(date_debut)) AS premier, max(date_arrete) AS dernier FROM staging_lda_mesures
),
mois AS (
    SELECT CAST(unnest(generate_series(premier, dernier, INTERVAL 1 MONTH)) AS DATE) AS debut FROM bornes
)
SELECT * FROM periodes_fiche(['f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension'], mois, int_periodes_conventions)
