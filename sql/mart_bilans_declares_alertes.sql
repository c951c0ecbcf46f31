-- Declared figures that need a look: one differing from the figure computed from the same operators' records
-- (the computed one is published), or one that names an indicator the fiche does not have or an unknown territory
-- (not published).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(regle: declare_ecart, declare_inconnu)
WITH cellules AS (
    SELECT *, fiche || '/' || indicateur || '/' || periode || '/' || territoire || '/' || ventilation || '/' || modalite AS cellule
    FROM mart_indicateurs_declares
)
SELECT fiche, unnest(operateurs) AS code_operateur, cellule AS id_enregistrement, 'declare_ecart' AS regle, 'avertissement' AS severite,
       format('valeur déclarée {} ; calculée à partir des fiches transmises {} (écart {}) : le chiffre calculé est publié',
              replace(format('{:g}', valeur), '.', ','), replace(format('{:g}', coalesce(valeur_calculee, 0)), '.', ','),
              replace(format('{:+g}', valeur - coalesce(valeur_calculee, 0)), '.', ',')) AS detail
FROM cellules
WHERE comparable AND valeur IS DISTINCT FROM coalesce(valeur_calculee, 0)
UNION ALL
SELECT fiche, unnest(operateurs), cellule, 'declare_inconnu', 'erreur',
       CASE WHEN unite IS NULL THEN format('indicateur « {} » absent du catalogue de la fiche {} : chiffre non publié', indicateur, fiche)
            ELSE format('territoire « {} » inconnu (attendu 62 ou un code de territoire de la grille) : chiffre non publié', territoire) END
FROM cellules
WHERE niveau_territoire IS NULL
