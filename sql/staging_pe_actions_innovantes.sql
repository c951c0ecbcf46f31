-- Fiche 2.12: rows of raw.pe_actions_innovantes from active files only (a superseded file no longer counts), one row per
-- (operator, id_action): a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_action)
SELECT r.*
FROM raw.pe_actions_innovantes AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_action ORDER BY f.rang DESC, r._ligne) = 1
