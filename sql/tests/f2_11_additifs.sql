-- Fiche 2.11: sessions are counted once each, in the lot they declare: the lots' sessions add up to the département's,
-- for every period (i01 held, i01_sessions_financees funded, i06 amount due).
SELECT d.fiche, d.indicateur, d.periode, d.valeur AS departement, coalesce(sum(l.valeur), 0) AS somme_lots, 'Σ lots ≠ département' AS probleme
FROM mart_f2_11_indicateurs AS d
LEFT JOIN mart_f2_11_indicateurs AS l
  ON l.niveau_territoire = 'lot' AND (l.indicateur, l.periode, l.ventilation, l.modalite) = (d.indicateur, d.periode, d.ventilation, d.modalite)
WHERE d.niveau_territoire = 'departement' AND d.indicateur IN ('i01', 'i01_sessions_financees', 'i06') AND d.ventilation = 'ensemble'
GROUP BY d.fiche, d.indicateur, d.periode, d.valeur
HAVING abs(d.valeur - coalesce(sum(l.valeur), 0)) > 0.005
