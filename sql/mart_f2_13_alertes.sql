-- Rule checks of fiche 2.13 (spec 2.13 §2) as alerts: fiche, operator, record, rule, severity, detail in French.
-- Caps and the payment mode come from mart_f2_13_financement (ref.parametres), never from literals here.
--   r01 Département amount ≤ montant_max_departement (37 635 €; with the State's equal share the total stays ≤ 75 270 €),
--       single payment at signature (taux_avance 1, mode versement_unique_signature, one versement_unique payment):
--       the rule of every single-payment fiche, macros/alertes_versement_unique.sql;
--   r02 a yearly bilan (bilan_final_action) for each ended convention, sent to the préfet, presented to the comité de
--       pilotage or the commission consultative, and to the comité technique FSL (destinataires prefet, copil or
--       commission_consultative, comite_technique_fsl); the report is the convention's own (int_bilans_conventions:
--       named by id_objet, else the convention whose end is nearest to its remittance), the first one remitted;
--   r03 a grand passage outside the planning, on a site non inscrit or settled irregularly says whether a mediation
--       took place (such a passage loads without it, and is reported here);
--   r04 family requests of nature « autre » are listed (info): the five natures of the seed are enforced at ingest;
--   r05 the commune and the EPCI of a request from a collectivité agree (the missing code is refused at ingest);
--   r06 every dated record lies inside a 2.13 convention of its operator (macros/dates_hors_convention.sql).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06)
WITH conventions AS (
    SELECT * FROM mart_f2_13_financement
),
-- « Today » of r02's deadline: the run's reference date (ref.date_reference), not the latest file's date.
arrete AS (SELECT date_reference() AS date_arrete),
bilans AS (
    SELECT b.id_convention, arg_min(b.id_document, b.date_remise) AS id_bilan, arg_min(b.destinataires, b.date_remise) AS destinataires
    FROM int_bilans_conventions AS b
    WHERE b.fiche = 'f2_13_gens_du_voyage' AND b.type_document = 'bilan_final_action'
    GROUP BY ALL
),
dates AS (
    SELECT code_operateur, id_reunion AS id, date, 'réunion' AS quoi FROM staging_gdv_reunions
    UNION ALL SELECT code_operateur, id_action, date, 'action d''habitat adapté' FROM staging_gdv_habitat_adapte
    UNION ALL SELECT code_operateur, id_passage, coalesce(date_arrivee, date_arrivee_prevue), 'grand passage' FROM staging_gdv_grands_passages
    UNION ALL SELECT code_operateur, id_saisine, date, 'saisine' FROM staging_gdv_saisines_familles
    UNION ALL SELECT code_operateur, id_sollicitation, date, 'sollicitation' FROM staging_gdv_sollicitations_collectivites
)
SELECT * FROM alertes_versement_unique('r01', mart_f2_13_financement, staging_versements)
UNION ALL
SELECT 'f2_13_gens_du_voyage', c.code_operateur, coalesce(b.id_bilan, c.id_convention), 'r02', 'avertissement',
       CASE WHEN b.id_bilan IS NULL THEN format('bilan annuel manquant pour la convention terminée le {}', strftime(c.date_fin, '%d/%m/%Y'))
            ELSE format('bilan annuel sans {} parmi les destinataires', array_to_string(list_filter([
                     CASE WHEN NOT list_contains(coalesce(b.destinataires, []), 'prefet') THEN 'le préfet (prefet)' END,
                     CASE WHEN NOT list_has_any(coalesce(b.destinataires, []), ['copil', 'commission_consultative']) THEN 'le comité de pilotage ou la commission consultative (copil, commission_consultative)' END,
                     CASE WHEN NOT list_contains(coalesce(b.destinataires, []), 'comite_technique_fsl') THEN 'le comité technique FSL (comite_technique_fsl)' END
                 ], x -> x IS NOT NULL), ', ')) END
FROM conventions AS c
CROSS JOIN arrete AS a
LEFT JOIN bilans AS b USING (id_convention)
WHERE (b.id_bilan IS NULL AND c.date_fin <= a.date_arrete)
   OR (b.id_bilan IS NOT NULL AND NOT (list_contains(coalesce(b.destinataires, []), 'prefet')
                                       AND list_has_any(coalesce(b.destinataires, []), ['copil', 'commission_consultative'])
                                       AND list_contains(coalesce(b.destinataires, []), 'comite_technique_fsl')))
UNION ALL
SELECT 'f2_13_gens_du_voyage', code_operateur, id_passage, 'r03', 'avertissement',
       'passage hors planning, irrégulier ou sur un site non inscrit : indiquer si une médiation a été réalisée'
FROM staging_gdv_grands_passages
WHERE (NOT prevu_au_planning OR installation_irreguliere OR type_site = 'site_non_inscrit') AND mediation_realisee IS NULL
UNION ALL
SELECT 'f2_13_gens_du_voyage', code_operateur, id_saisine, 'r04', 'info',
       format('saisine du {} de nature « autre » : hors des cinq natures du tableau de bord', strftime(date, '%d/%m/%Y'))
FROM staging_gdv_saisines_familles WHERE nature = 'autre'
UNION ALL
SELECT 'f2_13_gens_du_voyage', s.code_operateur, s.id_sollicitation, 'r05', 'erreur',
       format('la commune {} appartient à l''EPCI {}, pas à l''EPCI indiqué {}', s.code_commune, c.code_epci, s.epci_siren)
FROM staging_gdv_sollicitations_collectivites AS s
JOIN ref.communes AS c ON c.code_commune = s.code_commune
WHERE s.epci_siren IS NOT NULL AND c.code_epci <> s.epci_siren
UNION ALL
SELECT 'f2_13_gens_du_voyage', code_operateur, id, 'r06', 'erreur', detail
FROM dates_hors_convention('2.13', dates, mart_f2_13_financement)
