-- Additive counts (mois-mesures, sub-leases, follow-ups) summed over LDA territories equal the département's.
SELECT d.fiche, d.indicateur, d.periode, d.valeur AS departement, t.somme AS somme_territoires
FROM mart_indicateurs AS d
JOIN (
    SELECT fiche, indicateur, periode, sum(valeur) AS somme
    FROM mart_indicateurs
    WHERE niveau_territoire = 'territoire_lda' AND ventilation = 'ensemble'
    GROUP BY ALL
) AS t USING (fiche, indicateur, periode)
WHERE d.niveau_territoire = 'departement' AND d.ventilation = 'ensemble'
  AND d.indicateur IN ('x01', 'i03', 'i03_glissements', 'i08', 'i09', 'i08_mesures', 'i09_mesures')
  AND d.valeur <> t.somme
