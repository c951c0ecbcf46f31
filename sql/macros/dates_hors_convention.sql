-- The rule « every dated record lies inside a convention period of its operator » (2.1 r02, 2.2 r02, 2.13 r06), said
-- the same way on every fiche: the record, its date, and the operator's convention periods (or that it has none).
-- The caller passes its dated records (code_operateur, id, quoi: what the record is, in French, date) and its
-- conventions (code_operateur, date_debut, date_fin); a record without a date is not judged here.
--   SELECT * FROM dates_hors_convention('<numéro de la fiche>', <dates>, mart_<fiche>_financement)
CREATE OR REPLACE MACRO dates_hors_convention(numero_fiche, dates_table, conventions_table) AS TABLE
WITH conventions AS (SELECT code_operateur, date_debut, date_fin FROM query_table(conventions_table)),
periodes AS (
    SELECT code_operateur,
           string_agg(format('du {} au {}', strftime(date_debut, '%d/%m/%Y'), strftime(date_fin, '%d/%m/%Y')), ', ' ORDER BY date_debut) AS periodes
    FROM conventions GROUP BY ALL
)
SELECT d.code_operateur, d.id,
       CASE WHEN p.periodes IS NULL THEN format('{} du {} : aucune convention {} pour l''opérateur', d.quoi, strftime(d.date, '%d/%m/%Y'), numero_fiche)
            ELSE format('{} du {} hors de la période de convention ({})', d.quoi, strftime(d.date, '%d/%m/%Y'), p.periodes) END AS detail
FROM query_table(dates_table) AS d
LEFT JOIN periodes AS p USING (code_operateur)
WHERE d.date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM conventions AS c WHERE c.code_operateur = d.code_operateur AND d.date BETWEEN c.date_debut AND c.date_fin)
