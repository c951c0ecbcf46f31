-- The periods a fiche publishes, from the months its records span: each month, each calendar year containing one,
-- and each convention period of the fiche (int_periodes_conventions) that shares a month with them — a convention
-- period still running is published so far, as the current year is. `fiche` is NULL for months and years (every
-- fiche's) and names the fiche of a convention period (the Logement d'abord fiches share one period model).
-- Usage: WITH mois AS (SELECT <first day of each month> AS debut …)
--        SELECT * FROM periodes_fiche(['<fiche>'], mois, int_periodes_conventions)
CREATE OR REPLACE MACRO periodes_fiche(fiches, mois, conventions) AS TABLE
SELECT 'mois' AS type_periode, strftime(debut, '%Y-%m') AS periode, debut, last_day(debut) AS fin, CAST(NULL AS VARCHAR) AS fiche
FROM query_table(mois)
UNION ALL
SELECT DISTINCT 'annee', CAST(year(debut) AS VARCHAR), make_date(year(debut), 1, 1), make_date(year(debut), 12, 31), CAST(NULL AS VARCHAR)
FROM query_table(mois)
UNION ALL
SELECT c.type_periode, c.periode, c.debut, c.fin, c.fiche
FROM query_table(conventions) AS c
WHERE list_contains(fiches, c.fiche)
  AND c.debut <= (SELECT max(debut) FROM query_table(mois)) AND c.fin >= (SELECT min(debut) FROM query_table(mois))
