-- Every published indicator has its entry in the catalogue (sources/reference/indicateurs.csv): label, definition, unit.
SELECT DISTINCT m.fiche, m.indicateur, 'absent de sources/reference/indicateurs.csv' AS probleme
FROM mart_indicateurs AS m
LEFT JOIN ref.indicateurs AS i USING (fiche, indicateur)
WHERE i.indicateur IS NULL OR coalesce(i.unite, '') = '' OR coalesce(i.libelle, '') = ''
