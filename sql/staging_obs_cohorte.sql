-- Fiche 2.9 observatory: youth cohort, one row per (operator, young person, wave).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete and the order of versions: sql/macros/fichiers_actifs.sql.
-- test: unique(code_operateur, id_jeune, vague)
-- test: not_null(code_operateur, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.obs_cohorte AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT * EXCLUDE (rang)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_jeune, vague ORDER BY rang DESC, _ligne) = 1
