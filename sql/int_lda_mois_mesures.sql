-- One row per mois-mesure (spec §0.5.6): month k of a measure starts at date_debut + k months (DuckDB clips
-- the day to the month's end) and counts if it starts on or before date_fin, or on or before the snapshot
-- date for a running measure. Each started month counts in full, in the calendar month where it starts.
-- test: unique(cle_mesure, rang)
-- test: not_null(debut_mois_mesure, mois)
-- test: expression(debut_mois_mesure BETWEEN date_debut AND date_fin_effective)
WITH candidates AS (
    SELECT
        m.code_operateur, m.id_mesure, m.cle_mesure, m.cle_personne, m.fiche, m.dispositif, m.territoire_lda, m.ami,
        m.date_debut, m.date_fin_effective,
        unnest(generate_series(0, date_diff('month', m.date_debut, m.date_fin_effective) + 1)) AS rang
    FROM staging_lda_mesures AS m
)
SELECT
    * EXCLUDE (rang),
    CAST(rang AS INTEGER) AS rang,
    CAST(date_debut + to_months(CAST(rang AS INTEGER)) AS DATE) AS debut_mois_mesure,
    strftime(date_debut + to_months(CAST(rang AS INTEGER)), '%Y-%m') AS mois
FROM candidates
WHERE CAST(date_debut + to_months(CAST(rang AS INTEGER)) AS DATE) <= date_fin_effective
