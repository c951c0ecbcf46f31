-- Fiche 2.11 (sensibilisation des professionnels): sessions of the active files, one row per (operator, session), the
-- latest version winning. Adds the MDS territory of the session's commune and that commune's 2.11 lot (sources/reference/
-- lots.csv, spec §A.3), and the date the file was drawn up.
-- test: unique(code_operateur, id_session)
-- test: not_null(code_operateur, id_session, lot, programme, date, nb_participants_presents, date_arrete)
WITH actives AS (
    SELECT
        r.*,
        coalesce(
            CASE length(f.periode)
                WHEN 10 THEN CAST(f.periode AS DATE)
                WHEN 7 THEN last_day(CAST(f.periode || '-01' AS DATE))
                WHEN 4 THEN CAST(f.periode || '-12-31' AS DATE)
            END,
            CAST(f.charge_le AS DATE)
        ) AS date_arrete,
        f.charge_le
    FROM raw.sens_sessions AS r
    JOIN raw.fichiers AS f ON f.fichier = r._fichier AND f.statut = 'charge'
)
SELECT a.* EXCLUDE (charge_le), c.territoire_mds, l.lot AS lot_commune,
       a.code_operateur || '/' || a.id_session AS cle_session
FROM actives AS a
LEFT JOIN ref.communes AS c ON c.code_commune = a.code_commune_lieu
LEFT JOIN ref.lots AS l ON l.fiche = 'f2_11_sensibilisation_pe' AND l.territoire_mds = c.territoire_mds
QUALIFY row_number() OVER (PARTITION BY a.code_operateur, a.id_session ORDER BY a.date_arrete DESC, a.charge_le DESC, a._ligne) = 1
