-- Fiche 2.13 gens du voyage: requests from families, one row per (operator, request).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete and the order of versions: sql/macros/fichiers_actifs.sql.
-- test: unique(code_operateur, id_saisine)
-- test: not_null(code_operateur, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.gdv_saisines_familles AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT * EXCLUDE (rang)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_saisine ORDER BY rang DESC, _ligne) = 1
