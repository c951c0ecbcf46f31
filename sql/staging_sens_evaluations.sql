-- Fiche 2.11: participants' anonymous evaluation questionnaires of the active files, one row per (operator,
-- questionnaire), the latest version winning.
-- test: unique(code_operateur, id_evaluation)
-- test: not_null(code_operateur, id_evaluation, id_session, satisfaction_globale)
SELECT r.*, r.code_operateur || '/' || r.id_session AS cle_session
FROM raw.sens_evaluations AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_evaluation ORDER BY f.rang DESC, r._ligne) = 1
