-- ENVAUL subsidy expenses.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_subside)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.envaul_subsides AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_subside ORDER BY f.rang DESC, r._ligne) = 1
