-- Fiche 2.13 gens du voyage: meetings of the schéma, one row per (operator, meeting).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete and the order of versions: sql/macros/fichiers_actifs.sql.
-- test: unique(code_operateur, id_reunion)
-- test: not_null(code_operateur, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.gdv_reunions AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT * EXCLUDE (rang)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_reunion ORDER BY rang DESC, _ligne) = 1
