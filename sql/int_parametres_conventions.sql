-- Every parameter of a convention's fiche (ref.parametres) with the value in force for that convention: the latest
-- exercice up to the year the convention starts, else (a convention older than the catalogue) the earliest known.
-- The financing and rule models of every fiche read their tariffs, caps, rates and delays here.
-- test: unique(id_convention, parametre)
-- test: not_null(id_convention, fiche, parametre, exercice)
SELECT c.id_convention, c.fiche, p.parametre, p.valeur, p.exercice
FROM staging_conventions AS c
JOIN ref.parametres AS p ON p.fiche = c.fiche
QUALIFY row_number() OVER (
    PARTITION BY c.id_convention, p.parametre
    ORDER BY CAST(p.exercice AS INTEGER) <= year(c.date_debut) DESC, abs(CAST(p.exercice AS INTEGER) - year(c.date_debut))
) = 1
