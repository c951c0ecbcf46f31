-- Fiche 2.12: rows of raw.pe_prestations from active files only (a superseded file no longer counts), one row per
-- (operator, id_prestation): a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_prestation)
SELECT r.*
FROM raw.pe_prestations AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_prestation ORDER BY f.rang DESC, r._ligne) = 1
