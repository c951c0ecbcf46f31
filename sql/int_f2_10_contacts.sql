-- Fiche 2.10: landlord contacts with the territory and AMI of their intervention (NULL when the intervention was never
-- sent: such a contact counts for the département only, and alert r11 names it).
-- test: unique(code_operateur, id_contact)
SELECT c.*, i.territoire_lda, i.ami, i.date_arrete
FROM staging_em_contacts_bailleurs AS c
LEFT JOIN staging_em_interventions AS i USING (code_operateur, id_intervention)
