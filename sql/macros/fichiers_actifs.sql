-- Every active file of the ledger (raw.fichiers, statut = 'charge'), one row per file, with the one rule that orders
-- snapshots: the staging models keep a record's latest version by joining here and ordering on `rang`
--   JOIN fichiers_actifs() AS f ON f.fichier = r._fichier … QUALIFY row_number() OVER (PARTITION BY <key> ORDER BY f.rang DESC, r._ligne) = 1
-- (a macro, not a model: staging models read only raw and ref).
-- date_arrete = the date the file's data was drawn up, from its period (pipelines/ingest/identify.ts: AAAA-MM-JJ as
-- is, AAAA-MM → the month's last day, AAAA → 31 December), else (a file identified by its headers, without period)
-- its load date. version = N of a `_vN` resubmission, 1 otherwise (the ledger keeps it only in the file's name).
-- rang: 1 for the oldest snapshot; a file with a period wins over one without (a copy renamed by hand or identified by
-- its headers must not override the properly named file: its load date says nothing of what it holds), then a later
-- date_arrete, a higher version, the later load. (Tables whose counts depend on the snapshot refuse a file without
-- period at ingest: pipelines/contracts/instantanes.ts.) Dates are compared as dates: a text order would put
-- « 2026-12-15 » after « 2026-12 » and « 2026-03 » after « 2026 ».
CREATE OR REPLACE MACRO fichiers_actifs() AS TABLE
WITH fichiers AS (
    SELECT
        fichier, table_rapport, code_operateur, periode, nom, charge_le,
        coalesce(
            CASE length(periode)
                WHEN 10 THEN CAST(periode AS DATE)
                WHEN 7 THEN last_day(CAST(periode || '-01' AS DATE))
                WHEN 4 THEN make_date(CAST(periode AS INTEGER), 12, 31)
            END,
            CAST(charge_le AS DATE)
        ) AS date_arrete,
        coalesce(CAST(nullif(regexp_extract(nom, '[_-]v(\d+)\.(csv|xlsx)$', 1, 'i'), '') AS INTEGER), 1) AS version
    FROM raw.fichiers
    WHERE statut = 'charge'
)
-- A file with a period in its name ranks above one without (a boolean, false first), then by snapshot date as a date.
SELECT *, row_number() OVER (ORDER BY (periode IS NOT NULL), date_arrete, version, charge_le, fichier) AS rang
FROM fichiers
