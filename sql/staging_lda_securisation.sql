-- Sécurisation financière requests (spec 2.4 §4 `lda_securisation`; ADSL, VIAL): one row per request.
-- Rows of active files only (a superseded file no longer counts); a request sent in several periods keeps its latest
-- version (its decision may have changed in between).
-- test: unique(code_operateur, id_demande)
-- test: not_null(code_operateur, id_demande, id_mesure, date_demande, montant_demande, decision)
SELECT r.* EXCLUDE (_fichier, _ligne), r.code_operateur || '/' || r.id_mesure AS cle_mesure, r._fichier, r._ligne
FROM raw.lda_securisation AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_demande ORDER BY f.rang DESC, r._ligne) = 1
