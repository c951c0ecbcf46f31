-- Payments of the Département to operators (reference kept by the Département), one row per payment.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(id_versement)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.versements AS r
JOIN raw.fichiers AS f ON f.fichier = r._fichier AND f.statut = 'charge'
QUALIFY row_number() OVER (PARTITION BY r.id_versement ORDER BY f.periode DESC NULLS LAST, f.charge_le DESC, r._ligne) = 1
