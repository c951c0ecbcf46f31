-- Mois-mesures paid = mois-mesures published. For each Logement d'abord convention, the mois-mesures it finances
-- cannot exceed the published x01 of its operator (ventilation 'operateur') over its perimeter and the months of its
-- period, and equal them when nothing else can explain a difference: the period runs from a 1st to a month's end and
-- every measure the operator has on that perimeter in that fiche is of a dispositif the convention pays.
WITH conventions AS (
    SELECT DISTINCT id_convention, fiche, code_operateur, perimetre, date_debut, date_fin FROM int_lda_conventions
),
publie AS (
    SELECT c.id_convention, sum(x.valeur) AS x01
    FROM conventions AS c
    JOIN mart_indicateurs AS x
      ON x.fiche = c.fiche AND x.indicateur = 'x01' AND x.type_periode = 'mois' AND x.niveau_territoire = 'territoire_lda'
     AND x.ventilation = 'operateur' AND x.modalite = c.code_operateur AND list_contains(c.perimetre, x.territoire)
     AND x.periode BETWEEN strftime(c.date_debut, '%Y-%m') AND strftime(c.date_fin, '%Y-%m')
    GROUP BY ALL
),
comparables AS (
    SELECT c.id_convention
    FROM conventions AS c
    WHERE day(c.date_debut) = 1 AND c.date_fin = last_day(c.date_fin)
      AND NOT EXISTS (
          SELECT 1 FROM staging_lda_mesures AS m
          WHERE m.code_operateur = c.code_operateur AND m.fiche = c.fiche AND list_contains(c.perimetre, m.territoire_lda)
            AND m.dispositif NOT IN (SELECT i.dispositif FROM int_lda_conventions AS i WHERE i.id_convention = c.id_convention))
)
SELECT f.fiche, f.id_convention, f.mois_mesures AS finances, coalesce(p.x01, 0) AS publies,
       f.id_convention IN (SELECT id_convention FROM comparables) AS egalite_attendue
FROM mart_lda_financement AS f
LEFT JOIN publie AS p USING (id_convention)
WHERE f.mois_mesures > coalesce(p.x01, 0)
   OR (f.id_convention IN (SELECT id_convention FROM comparables) AND f.mois_mesures <> coalesce(p.x01, 0))
