-- Fiche 2.10: the interventions « en cours » and « terminées » of a period add up to i02 (every intervention counted
-- is one or the other), and eligible plus non-eligible households signalés never exceed the interventions signalés.
SELECT e.fiche, e.periode, e.territoire, e.valeur AS ensemble, coalesce(sum(s.valeur), 0) AS somme_statuts, 'i02 : en cours + terminées ≠ ensemble' AS probleme
FROM mart_f2_10_indicateurs AS e
LEFT JOIN mart_f2_10_indicateurs AS s
  ON s.indicateur = 'i02' AND s.ventilation = 'statut' AND (s.periode, s.territoire) = (e.periode, e.territoire)
WHERE e.indicateur = 'i02' AND e.ventilation = 'ensemble'
GROUP BY e.fiche, e.periode, e.territoire, e.valeur
HAVING e.valeur <> coalesce(sum(s.valeur), 0)
