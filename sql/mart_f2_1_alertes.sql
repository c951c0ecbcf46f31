-- Rule checks of fiche 2.1 (spec 2.1 §2) as alerts: fiche, operator, record, rule, severity, detail (French).
-- Amounts come from ref.parametres (for each convention, the exercice of the year it starts), never from literals.
--   r01 (erreur): one payment of the participation at signature (macros/alertes_versement_unique.sql): the convention
--       says single payment (mode versement_unique_signature, the fiche's taux d'avance 1); Σ montant_conventionne of
--       the exercice ≤ the participation; one versement_unique and no other payment.
--   r02 (erreur): consultation, permanence and action dates lie inside a 2.1 convention period of the operator
--       (macros/dates_hors_convention.sql).
--   r03 (avertissement): an in-person consultation names a place (id_lieu) where the operator held a permanence; one
--       without id_lieu loads and is reported here.
--   r04 (avertissement): motif given for every telephone consultation (the call loads without it, counted in i04 as
--       « non renseigné »).
--   r05 (avertissement): a bilan_final_action exists for each convention whose period has ended (no deadline in the
--       seed: an ended period is the only point where it is surely due); the report is the convention's own
--       (int_bilans_conventions: named by id_objet, else the convention whose end is nearest to its remittance).
-- id_enregistrement: id_convention (r01, r05), id_versement (r01 on a payment), id_consultation / id_permanence / id_action.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05)
WITH conventions AS (
    SELECT * FROM mart_f2_1_financement
),
r01 AS (
    SELECT * FROM alertes_versement_unique('r01', mart_f2_1_financement, staging_versements)
),
dates AS (
    SELECT code_operateur, id_consultation AS id, 'consultation' AS quoi, date_consultation AS date FROM staging_info_consultations
    UNION ALL SELECT code_operateur, id_permanence, 'permanence', date FROM staging_info_permanences
    UNION ALL SELECT code_operateur, id_action, 'action d''information', date FROM staging_info_actions_information
),
r02 AS (
    SELECT 'f2_1_information' AS fiche, code_operateur, id, 'r02' AS regle, 'erreur' AS severite, detail
    FROM dates_hors_convention('2.1', dates, mart_f2_1_financement)
),
r03 AS (
    SELECT 'f2_1_information' AS fiche, c.code_operateur, c.id_consultation, 'r03' AS regle, 'avertissement' AS severite,
           CASE WHEN c.id_lieu IS NULL THEN format('consultation sur place ({}) du {} sans lieu', c.mode_consultation, strftime(c.date_consultation, '%d/%m/%Y'))
                ELSE format('consultation sur place ({}) du {} au lieu {}, où aucune permanence n''est déclarée', c.mode_consultation,
                            strftime(c.date_consultation, '%d/%m/%Y'), c.id_lieu) END
    FROM staging_info_consultations AS c
    WHERE c.mode_consultation IN ('permanence', 'rdv_bureau', 'accueil_sans_rdv')
      AND NOT EXISTS (SELECT 1 FROM staging_info_permanences AS p WHERE p.code_operateur = c.code_operateur AND p.id_lieu = c.id_lieu)
),
r04 AS (
    SELECT 'f2_1_information' AS fiche, code_operateur, id_consultation, 'r04' AS regle, 'avertissement' AS severite,
           format('appel téléphonique du {} sans motif', strftime(date_consultation, '%d/%m/%Y')) AS detail
    FROM staging_info_consultations
    WHERE mode_consultation = 'telephone' AND motif IS NULL
),
r05 AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, 'r05' AS regle, 'avertissement' AS severite,
           format('convention terminée le {} sans bilan final d''activité (bilan_final_action)', strftime(c.date_fin, '%d/%m/%Y')) AS detail
    FROM conventions AS c
    WHERE c.statut_periode = 'close'
      AND NOT EXISTS (SELECT 1 FROM int_bilans_conventions AS b WHERE b.id_convention = c.id_convention AND b.type_document = 'bilan_final_action')
)
SELECT * FROM r01
UNION ALL SELECT * FROM r02
UNION ALL SELECT * FROM r03
UNION ALL SELECT * FROM r04
UNION ALL SELECT * FROM r05
ORDER BY ALL
