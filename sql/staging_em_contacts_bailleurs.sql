-- Fiche 2.10: contacts of the mobile teams with landlords, rows of active files only, one row per (operator, contact)
-- (a contact sent again in a later file keeps its latest version). The territory is the intervention's, joined in
-- int_f2_10_contacts (a staging model reads only raw and ref).
-- test: unique(code_operateur, id_contact)
-- test: not_null(code_operateur, id_contact, id_intervention, cle_bailleur, date_contact, type_bailleur)
SELECT r.*, r.code_operateur || '/' || r.id_bailleur AS cle_bailleur
FROM raw.em_contacts_bailleurs AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_contact ORDER BY f.rang DESC, r._ligne) = 1
