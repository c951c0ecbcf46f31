-- Fiche 2.8 GEP: participants per meeting (one row per participant, or per professional origin when aggregated); nb defaults to 1.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete and the order of versions: sql/macros/fichiers_actifs.sql.
-- test: unique(code_operateur, id_rencontre, provenance_professionnelle, id_participant)
-- test: not_null(code_operateur, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.gep_participations AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT * EXCLUDE (rang)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_rencontre, provenance_professionnelle, id_participant ORDER BY rang DESC, _ligne) = 1
