-- Fiche 2.11: attendance sheets (émargements) of the active files, one row per (operator, session, participant), the
-- latest version winning. Names and contact details arrive pseudonymised (never in clear); a participant is keyed per
-- operator (cle_participant), so the same professional at two sessions of one operator counts once.
-- test: unique(code_operateur, id_session, id_participant)
-- test: not_null(code_operateur, id_session, id_participant, cle_participant, present)
SELECT r.* EXCLUDE (nom_participant, coordonnees_participant),
       r.code_operateur || '/' || r.id_participant AS cle_participant,
       r.code_operateur || '/' || r.id_session AS cle_session
FROM raw.sens_emargements AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_session, r.id_participant ORDER BY f.rang DESC, r._ligne) = 1
