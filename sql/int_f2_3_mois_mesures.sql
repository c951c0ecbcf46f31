-- One row per ASTRE mois-mesure (spec §0.5.6): month k (rang 0, 1, …) of a measure starts at date_debut + k months
-- (DuckDB clips the day to the month's end) and counts if it starts on or before date_fin_effective (date_fin, or the
-- snapshot date for a running measure). fin_mois_mesure = the day before the next one starts, capped at
-- date_fin_effective: the window in which r04 looks for a home visit. Not capped at 12 here: r03 reports the excess,
-- the financing pays the first 12.
-- test: unique(cle_mesure, rang)
-- test: not_null(debut_mois_mesure, fin_mois_mesure, mois)
-- test: expression(debut_mois_mesure BETWEEN date_debut AND date_fin_effective AND fin_mois_mesure >= debut_mois_mesure)
WITH candidats AS (
    SELECT m.code_operateur, m.id_mesure, m.cle_mesure, m.cle_menage, m.territoire_mds, m.date_debut, m.date_fin, m.date_fin_effective,
           m.date_arrete, CAST(unnest(generate_series(0, date_diff('month', m.date_debut, m.date_fin_effective) + 1)) AS INTEGER) AS rang
    FROM int_f2_3_mesures AS m
    WHERE m.date_debut <= m.date_fin_effective
)
SELECT
    *,
    CAST(date_debut + to_months(rang) AS DATE) AS debut_mois_mesure,
    least(CAST(date_debut + to_months(rang + 1) AS DATE) - 1, date_fin_effective) AS fin_mois_mesure,
    -- The window is complete when the next month has begun by the snapshot date, or the measure has ended.
    CAST(date_debut + to_months(rang + 1) AS DATE) - 1 <= date_arrete OR (date_fin IS NOT NULL AND date_fin <= date_arrete) AS fenetre_close,
    strftime(date_debut + to_months(rang), '%Y-%m') AS mois
FROM candidats
WHERE CAST(date_debut + to_months(rang) AS DATE) <= date_fin_effective
