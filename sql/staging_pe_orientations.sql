-- Fiche 2.12: rows of raw.pe_orientations from active files only (a superseded file no longer counts), one row per
-- (operator, id_orientation): a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_orientation)
SELECT r.*
FROM raw.pe_orientations AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_orientation ORDER BY f.rang DESC, r._ligne) = 1
