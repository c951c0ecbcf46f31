-- Payments of the Département to operators (reference kept by the Département), one row per payment.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(id_versement)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.versements AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.id_versement ORDER BY f.rang DESC, r._ligne) = 1
