-- Conventions between the Département and operators (reference kept by the Département).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(id_convention)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.conventions AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.id_convention ORDER BY f.rang DESC, r._ligne) = 1
