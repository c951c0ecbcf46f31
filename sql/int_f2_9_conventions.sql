-- Fiche 2.9 conventions with the rule parameters in force (ref.parametres: the latest exercice up to the start year,
-- else the earliest; the payment's cap and advance rate are mart_f2_9_financement's) and « today » of its deadlines
-- (date_arrete): the run's reference date (ref.date_reference), not the latest date an observatory file was drawn up
-- (a final bilan due after the files stop must still be missed).
-- test: unique(id_convention)
-- test: not_null(id_convention, code_operateur, delai_bilan_final_mois, age_max_public, nb_porteurs_max)
WITH conventions AS (
    SELECT * FROM staging_conventions WHERE fiche = 'f2_9_observatoire_jeunes'
),
parametres AS (
    SELECT id_convention, parametre, valeur FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
),
arrete AS (
    SELECT date_reference() AS date_arrete
)
SELECT c.*,
       max(p.valeur) FILTER (WHERE p.parametre = 'delai_bilan_final_mois') AS delai_bilan_final_mois,
       max(p.valeur) FILTER (WHERE p.parametre = 'age_max_public') AS age_max_public,
       max(p.valeur) FILTER (WHERE p.parametre = 'nb_porteurs_max') AS nb_porteurs_max,
       any_value(a.date_arrete) AS date_arrete
FROM conventions AS c
LEFT JOIN parametres AS p USING (id_convention)
CROSS JOIN arrete AS a
GROUP BY ALL
