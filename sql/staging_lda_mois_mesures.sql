-- Operators' monthly counts of mois-mesures (one row per measure and month counted).
-- Rows of active files only (a superseded file no longer counts); a record sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_mesure, mois)
SELECT r.* EXCLUDE (_fichier, _ligne), r._fichier, r._ligne
FROM raw.lda_mois_mesures AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_mesure, r.mois ORDER BY f.rang DESC, r._ligne) = 1
