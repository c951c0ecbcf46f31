-- Fiche 2.12: acts funded and not funded add up to all acts (i13), projet 1 and projet 2 add up to the amount retained
-- (i17), and each convention's projet 1 due equals the amounts retained on its acts.
SELECT e.fiche, e.indicateur, e.periode, e.territoire, e.valeur AS ensemble, coalesce(sum(s.valeur), 0) AS somme, 'modalités ≠ ensemble' AS probleme
FROM mart_f2_12_indicateurs AS e
LEFT JOIN mart_f2_12_indicateurs AS s
  ON (s.indicateur, s.periode, s.territoire) = (e.indicateur, e.periode, e.territoire)
 AND s.ventilation = CASE e.indicateur WHEN 'i13' THEN 'finance' ELSE 'projet' END
WHERE e.indicateur IN ('i13', 'i17') AND e.ventilation = 'ensemble' AND e.niveau_territoire = 'departement'
GROUP BY e.fiche, e.indicateur, e.periode, e.territoire, e.valeur
HAVING abs(e.valeur - coalesce(sum(s.valeur), 0)) > 0.005
UNION ALL
SELECT f.fiche, 'financement', f.id_convention, f.code_operateur, f.du_projet_1, coalesce(sum(p.montant_retenu), 0), 'du_projet_1 ≠ Σ montants retenus des actes'
FROM mart_f2_12_financement AS f
LEFT JOIN staging_conventions AS c USING (id_convention)
LEFT JOIN int_f2_12_prestations AS p
  ON p.code_operateur = f.code_operateur AND list_contains(c.perimetre, p.lot) AND p.date_prestation BETWEEN f.date_debut AND f.date_fin
 AND list_contains(f.projets, 'projet_1')
GROUP BY f.fiche, f.id_convention, f.code_operateur, f.du_projet_1
HAVING abs(f.du_projet_1 - coalesce(sum(p.montant_retenu), 0)) > 0.005
