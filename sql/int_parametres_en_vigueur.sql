-- The one rule that gives an act its parameters (ref.parametres: tariffs, caps, thresholds, delays): for a fiche and a
-- parameter, the value in force on a date is that of the latest exercice up to the date's year, else (an act older
-- than the catalogue) that of the earliest exercice known. A parameter row of 2027 therefore changes nothing for an
-- act of 2026. Read by joining on the act's date: `ON p.fiche = … AND <date of the act> BETWEEN p.du AND p.au`; a
-- convention's act date is the day it starts (int_parametres_conventions).
-- Grain: one row per fiche, validity interval and parameter. The intervals are the fiche's, cut at each exercice any of
-- its parameters has (1 January), so that a model can read several parameters of one interval on one row
-- (GROUP BY du, au); the first is open to the past, the last to the future.
-- exercice = the exercice whose value is in force over the interval, for this parameter.
-- test: unique(fiche, parametre, du)
-- test: not_null(fiche, parametre, exercice, du, au)
-- test: expression(du <= au)
WITH exercices AS (
    SELECT DISTINCT fiche, CAST(exercice AS INTEGER) AS annee FROM ref.parametres
),
intervalles AS (
    SELECT fiche, annee,
           CASE WHEN annee = min(annee) OVER (PARTITION BY fiche) THEN DATE '-infinity' ELSE make_date(annee, 1, 1) END AS du,
           coalesce(make_date(lead(annee) OVER (PARTITION BY fiche ORDER BY annee), 1, 1) - INTERVAL 1 DAY, DATE 'infinity') AS au
    FROM exercices
)
SELECT i.fiche, p.parametre, p.valeur, p.exercice, i.du, CAST(i.au AS DATE) AS au
FROM intervalles AS i
JOIN ref.parametres AS p ON p.fiche = i.fiche
QUALIFY row_number() OVER (
    PARTITION BY i.fiche, p.parametre, i.du
    ORDER BY CAST(p.exercice AS INTEGER) <= i.annee DESC, abs(CAST(p.exercice AS INTEGER) - i.annee)
) = 1
