-- Fiche 2.3: ASTRE measures, one row per (operator, measure): the latest snapshot wins.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete and the order of versions: sql/macros/fichiers_actifs.sql.
-- test: unique(code_operateur, id_mesure)
-- test: not_null(code_operateur, id_mesure, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.astre_mesures AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT * EXCLUDE (rang)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_mesure ORDER BY rang DESC, _ligne) = 1
