-- Rule checks of fiche 2.2 (spec 2.2 §2) as alerts: fiche, operator, record, rule, severity, detail (French).
-- Amounts come from ref.parametres (for each convention, the exercice of the year it starts), never from literals.
--   r01 (erreur): one payment of the participation at signature (macros/alertes_versement_unique.sql): the convention
--       says single payment (mode versement_unique_signature, the fiche's taux d'avance 1); Σ montant_conventionne of
--       the exercice ≤ the participation; one versement_unique and no other payment.
--   r02 (erreur): consultation, permanence, instance and action dates lie inside a 2.2 convention period of the operator
--       (macros/dates_hors_convention.sql).
--   r03 (avertissement): a consultation in permanence references a permanence the operator declared (nv_permanences).
--   r04 (erreur): montant_dette ≥ 0 when given (the contract already rejects a negative amount).
--   r05 (avertissement): id_menage is given unless the caller is a social worker (only a social worker's general legal
--       question may concern no household).
--   r06 (avertissement): a bilan_final_action sent to the comité technique FSL exists for each convention whose period
--       has ended (no deadline in the seed); the report is the convention's own (int_bilans_conventions).
-- id_enregistrement: id_convention (r01, r06), id_versement (r01 on a payment), id_consultation / id_permanence /
-- id_participation / id_action.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06)
WITH conventions AS (
    SELECT * FROM mart_f2_2_financement
),
r01 AS (
    SELECT * FROM alertes_versement_unique('r01', mart_f2_2_financement, staging_versements)
),
dates AS (
    SELECT code_operateur, id_consultation AS id, 'consultation' AS quoi, date_consultation AS date FROM staging_nv_consultations
    UNION ALL SELECT code_operateur, id_permanence, 'permanence', date FROM staging_nv_permanences
    UNION ALL SELECT code_operateur, id_participation, 'participation à une instance', date FROM staging_nv_instances
    UNION ALL SELECT code_operateur, id_action, 'action spécifique', date FROM staging_nv_actions_specifiques
),
r02 AS (
    SELECT 'f2_2_numero_vert' AS fiche, code_operateur, id, 'r02' AS regle, 'erreur' AS severite, detail
    FROM dates_hors_convention('2.2', dates, mart_f2_2_financement)
),
r03 AS (
    SELECT 'f2_2_numero_vert' AS fiche, c.code_operateur, c.id_consultation, 'r03' AS regle, 'avertissement' AS severite,
           CASE WHEN c.id_permanence IS NULL THEN format('consultation en permanence du {} sans permanence', strftime(c.date_consultation, '%d/%m/%Y'))
                ELSE format('consultation en permanence du {} : permanence {} absente des permanences déclarées', strftime(c.date_consultation, '%d/%m/%Y'), c.id_permanence) END
    FROM staging_nv_consultations AS c
    WHERE c.mode_consultation = 'permanence'
      AND NOT EXISTS (SELECT 1 FROM staging_nv_permanences AS p WHERE p.code_operateur = c.code_operateur AND p.id_permanence = c.id_permanence)
),
r04 AS (
    SELECT 'f2_2_numero_vert' AS fiche, code_operateur, id_consultation, 'r04' AS regle, 'erreur' AS severite,
           format('montant de dette négatif ({} €)', montant_fr(montant_dette)) AS detail
    FROM staging_nv_consultations
    WHERE montant_dette < 0
),
r05 AS (
    SELECT 'f2_2_numero_vert' AS fiche, code_operateur, id_consultation, 'r05' AS regle, 'avertissement' AS severite,
           format('consultation du {} ({}) sans identifiant de ménage', strftime(date_consultation, '%d/%m/%Y'), type_appelant) AS detail
    FROM staging_nv_consultations
    WHERE id_menage IS NULL AND type_appelant <> 'travailleur_social'
),
r06 AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, 'r06' AS regle, 'avertissement' AS severite,
           format('convention terminée le {} sans bilan final d''activité présenté au comité technique FSL', strftime(c.date_fin, '%d/%m/%Y')) AS detail
    FROM conventions AS c
    WHERE c.statut_periode = 'close'
      AND NOT EXISTS (SELECT 1 FROM int_bilans_conventions AS b WHERE b.id_convention = c.id_convention AND b.type_document = 'bilan_final_action'
                      AND list_contains(coalesce(b.destinataires, []), 'comite_technique_fsl'))
)
SELECT * FROM r01
UNION ALL SELECT * FROM r02
UNION ALL SELECT * FROM r03
UNION ALL SELECT * FROM r04
UNION ALL SELECT * FROM r05
UNION ALL SELECT * FROM r06
ORDER BY ALL
