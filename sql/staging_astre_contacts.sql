-- Fiche 2.3: visits and meetings of ASTRE measures, one row per (operator, contact).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods counts once, in
-- its latest version. date_arrete = the date the file's data was drawn up (a month means its last day).
-- test: unique(code_operateur, id_contact)
-- test: not_null(code_operateur, id_contact, date_arrete)
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
    FROM raw.astre_contacts AS r
    JOIN raw.fichiers AS f ON f.fichier = r._fichier AND f.statut = 'charge'
)
SELECT * EXCLUDE (charge_le)
FROM actives
QUALIFY row_number() OVER (PARTITION BY code_operateur, id_contact ORDER BY date_arrete DESC, charge_le DESC, _ligne) = 1
