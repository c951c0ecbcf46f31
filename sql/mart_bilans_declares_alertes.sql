-- Declared figures that need a look — never a build stop, an operator's grid is not ours to fix:
--   declare_ecart: it differs from the figure computed from the same operators' records (the computed one is published);
--   declare_inconnu: it names an indicator the fiche does not have or an unknown territory (not published);
--   declare_niveau: its territory is of a level the fiche does not publish (ref.niveaux_publies; not published);
--   declare_departement_seul: a département total published from a declaration while the fiche also publishes by
--     territory and no figure of that cell exists for any of its territories: the total stands alone (published).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(regle: declare_ecart, declare_inconnu, declare_niveau, declare_departement_seul)
WITH cellules AS (
    SELECT *, fiche || '/' || indicateur || '/' || periode || '/' || territoire || '/' || ventilation || '/' || modalite AS cellule
    FROM mart_indicateurs_declares
),
niveaux_fiches AS (
    SELECT fiche, string_agg(niveau_territoire, ', ' ORDER BY niveau_territoire) AS niveaux,
           string_agg(niveau_territoire, ', ' ORDER BY niveau_territoire) FILTER (WHERE niveau_territoire IN ('territoire_mds', 'territoire_lda')) AS niveaux_territoires
    FROM ref.niveaux_publies
    GROUP BY ALL
)
SELECT fiche, unnest(operateurs) AS code_operateur, cellule AS id_enregistrement, 'declare_ecart' AS regle, 'avertissement' AS severite,
       format('valeur déclarée {} ; calculée à partir des fiches transmises {} (écart {}) : le chiffre calculé est publié',
              nombre_fr(valeur), nombre_fr(coalesce(valeur_calculee, 0)),
              CASE WHEN valeur > coalesce(valeur_calculee, 0) THEN '+' ELSE '' END || nombre_fr(valeur - coalesce(valeur_calculee, 0))) AS detail
FROM cellules
WHERE comparable AND valeur IS DISTINCT FROM coalesce(valeur_calculee, 0)
UNION ALL
SELECT fiche, unnest(operateurs), cellule, 'declare_inconnu', 'erreur',
       CASE WHEN unite IS NULL THEN format('indicateur « {} » absent du catalogue de la fiche {} : chiffre non publié', indicateur, fiche)
            ELSE format('territoire « {} » inconnu (attendu 62 ou un code de territoire de la grille) : chiffre non publié', territoire) END
FROM cellules
WHERE niveau_territoire IS NULL AND (unite IS NULL OR niveau_declare IS NULL)
UNION ALL
SELECT c.fiche, unnest(c.operateurs), c.cellule, 'declare_niveau', 'erreur',
       format('territoire « {} » ({}) : la fiche {} ne publie pas ce niveau (niveaux publiés : {}) : chiffre non publié ; déclarer sur les territoires de la grille de la fiche',
              c.territoire, c.niveau_declare, c.fiche, n.niveaux)
FROM cellules AS c
JOIN niveaux_fiches AS n USING (fiche)
WHERE c.niveau_territoire IS NULL AND c.unite IS NOT NULL AND c.niveau_declare IS NOT NULL
UNION ALL
SELECT c.fiche, unnest(c.operateurs), c.cellule, 'declare_departement_seul', 'avertissement',
       format('total départemental déclaré ({}) sans sa répartition par territoire ({}), que la fiche publie : publié pour le département seul ; déclarer aussi les territoires de la grille',
              replace(format('{:g}', c.valeur), '.', ','), n.niveaux_territoires)
FROM cellules AS c
JOIN niveaux_fiches AS n USING (fiche)
WHERE c.publie AND c.niveau_territoire = 'departement' AND n.niveaux_territoires IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM mart_indicateurs AS t
      WHERE t.niveau_territoire IN ('territoire_mds', 'territoire_lda')
        AND (t.fiche, t.indicateur, t.periode, t.ventilation, t.modalite) = (c.fiche, c.indicateur, c.periode, c.ventilation, c.modalite))
