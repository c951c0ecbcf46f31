-- Fiche 2.11 (sensibilisation des professionnels): sessions of the active files, one row per (operator, session), the
-- latest version winning. Adds the MDS territory of the session's commune and that commune's 2.11 lot (sources/reference/
-- lots.csv, spec §A.3), and the date the file was drawn up.
-- test: unique(code_operateur, id_session)
-- test: not_null(code_operateur, id_session, lot, programme, date, nb_participants_presents, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.sens_sessions AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT a.* EXCLUDE (rang), c.territoire_mds, l.lot AS lot_commune,
       a.code_operateur || '/' || a.id_session AS cle_session
FROM actives AS a
LEFT JOIN ref.communes AS c ON c.code_commune = a.code_commune_lieu
LEFT JOIN ref.lots AS l ON l.fiche = 'f2_11_sensibilisation_pe' AND l.territoire_mds = c.territoire_mds
QUALIFY row_number() OVER (PARTITION BY a.code_operateur, a.id_session ORDER BY a.rang DESC, a._ligne) = 1
