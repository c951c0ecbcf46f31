-- Bilans remitted by operators.
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_bilan)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.bilans AS r
JOIN raw.fichiers AS f ON f.fichier = r._fichier AND f.statut = 'charge'
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_bilan ORDER BY f.periode DESC NULLS LAST, f.charge_le DESC, r._ligne) = 1
