-- Every parameter of a convention's fiche with the value in force for that convention: the convention's act date is
-- the day it starts, so its parameters are those of int_parametres_en_vigueur on that day (the latest exercice up to
-- the year it starts, else the earliest known).
-- The financing and rule models of every fiche read their tariffs, caps, rates and delays here.
-- test: unique(id_convention, parametre)
-- test: not_null(id_convention, fiche, parametre, exercice)
SELECT c.id_convention, c.fiche, p.parametre, p.valeur, p.exercice
FROM staging_conventions AS c
JOIN int_parametres_en_vigueur AS p ON p.fiche = c.fiche AND c.date_debut BETWEEN p.du AND p.au
