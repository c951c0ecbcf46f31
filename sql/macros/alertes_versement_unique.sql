-- Rule r01 of the single-payment fiches (2.1, 2.2): a convention not paid in one payment at signature, the year's
-- conventions adding up to more than the fiche's participation, a payment other than the single one. Reads the
-- fiche's financing mart and the payments, passed by the caller so that the model names what it reads:
--   SELECT * FROM alertes_versement_unique(mart_<fiche>_financement, staging_versements)
CREATE OR REPLACE MACRO alertes_versement_unique(financement_table, versements_table) AS TABLE
WITH conventions AS (SELECT * FROM query_table(financement_table)),
exercices AS (
    SELECT year(date_debut) AS exercice, sum(montant_conventionne) AS total, max(plafond) AS participation
    FROM conventions GROUP BY ALL
)
SELECT fiche, code_operateur, id_convention AS id_enregistrement, 'r01' AS regle, 'erreur' AS severite,
       format('convention en {} (taux d''avance {}) : la fiche prévoit un versement unique à la signature',
              mode_versement, replace(format('{:g}', taux_avance), '.', ',')) AS detail
FROM conventions
WHERE mode_versement <> 'versement_unique_signature' OR taux_avance <> 1
UNION ALL
SELECT c.fiche, c.code_operateur, c.id_convention, 'r01', 'erreur',
       format('conventions {} : {} € au total pour une participation de {} €', e.exercice,
              replace(format('{:,.0f}', e.total), ',', ' '), replace(format('{:,.0f}', e.participation), ',', ' '))
FROM conventions AS c
JOIN exercices AS e ON e.exercice = year(c.date_debut)
WHERE e.total > e.participation
UNION ALL
SELECT c.fiche, c.code_operateur, v.id_versement, 'r01', 'erreur',
       format('versement de type {} du {} ({} €) : la fiche prévoit un versement unique à la signature', v.type,
              strftime(v.date, '%d/%m/%Y'), montant_fr(v.montant))
FROM query_table(versements_table) AS v
JOIN conventions AS c USING (id_convention)
WHERE v.type <> 'versement_unique'
