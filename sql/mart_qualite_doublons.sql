-- Records sent in more than one active file (same operator and identifier): counted once by the staging models
-- (the latest file wins), listed here so the observatory operator can ask the operator which version is right.
-- Measure snapshots are left out: each monthly snapshot repeats the running measures by design.
-- test: not_null(table_rapport, code_operateur, identifiant, nb_fichiers)
-- test: expression(nb_fichiers > 1)
WITH cles AS (
    SELECT 'lda_actions_collectives' AS table_rapport, code_operateur, id_action AS identifiant, _fichier FROM raw.lda_actions_collectives
    UNION ALL SELECT 'envaul_subsides', code_operateur, id_subside, _fichier FROM raw.envaul_subsides
    UNION ALL SELECT 'bilans', code_operateur, id_bilan, _fichier FROM raw.bilans
    UNION ALL SELECT 'conventions', code_operateur, id_convention, _fichier FROM raw.conventions
)
SELECT c.table_rapport, c.code_operateur, c.identifiant, count(DISTINCT c._fichier) AS nb_fichiers,
       string_agg(DISTINCT f.nom, ', ' ORDER BY f.nom) AS fichiers
FROM cles AS c
JOIN raw.fichiers AS f ON f.fichier = c._fichier AND f.statut = 'charge'
GROUP BY ALL
HAVING count(DISTINCT c._fichier) > 1
ORDER BY ALL
