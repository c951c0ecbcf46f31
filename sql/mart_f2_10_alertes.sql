-- Fiche 2.10 (équipes mobiles) rule checks (spec 2.10 §2) as alerts: fiche, operator, record, rule, severity, detail.
-- id_enregistrement is the intervention (r01-r07) or the convention (r08-r10). Amounts and durations come from
-- ref.parametres, never from literals here.
--   r01 territory outside the five AMI territories (the contract already refuses them: a safety net)
--   r02 eligible household of the social stock        r03 signalement after the commandement de payer (warning)
--   r04 more than max_semaines_accompagnement weeks: an error when the cap is a parameter of the accompaniment's own
--       year (2025: « Il ne devra pas éxeder 8 semaines »), a warning when it is carried over from an earlier call
--       (2026 does not restate it)
--   r05 a diagnostic of an eligible household dated outside every 2.10 convention of the operator
--   r06 billable act (diagnostic or accompaniment) for a non-eligible household
--   r07 debt outside the AMI 1 « renfort » range (002): info only
--   r08 convention whose exercice has no DDETS tariff in ref.parametres: financing not computed
--   r09 convention advance rate, or advance paid, different from taux_avance of the fiche (macros/alertes_avance.sql)
--   r10 convention ended before the run's reference date with no bilan_final_action (« Un bilan final sera attendu »): info
--   r11 landlord contact of an intervention absent from em_interventions (counted for the département only): warning
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11)
WITH i AS (SELECT * FROM staging_em_interventions),
conventions AS (SELECT * FROM staging_conventions WHERE fiche = 'f2_10_equipes_mobiles'),
-- Parameters in force on an act's date (int_parametres_en_vigueur); a convention's are those of the day it starts.
param AS (SELECT * FROM int_parametres_en_vigueur WHERE fiche = 'f2_10_equipes_mobiles'),
dette AS (
    SELECT du, au, max(valeur) FILTER (WHERE parametre = 'dette_min_renfort') AS dette_min,
           max(valeur) FILTER (WHERE parametre = 'dette_max_renfort') AS dette_max
    FROM param GROUP BY du, au
),
diagnostics AS (
    SELECT i.code_operateur, i.id_intervention, i.territoire_lda, d.acte, d.date_acte
    FROM i, LATERAL (SELECT unnest(['diagnostic flash', 'diagnostic approfondi']) AS acte,
                            unnest([i.date_diagnostic_flash, i.date_diagnostic_approfondi]) AS date_acte) AS d
    WHERE i.eligible AND d.date_acte IS NOT NULL
),
-- The fiche's advance rate for each convention (r09, macros/alertes_avance.sql).
avances_fiche AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, c.montant_conventionne, c.taux_avance, p.valeur AS taux_avance_fiche
    FROM conventions AS c JOIN int_parametres_conventions AS p ON p.id_convention = c.id_convention AND p.parametre = 'taux_avance'
),
alertes AS (
    SELECT code_operateur, id_intervention AS id_enregistrement, 'r01' AS regle, 'erreur' AS severite,
           format('territoire « {} » hors des territoires des AMI 1 et 2 (Lens-Hénin, Artois, Boulonnais, Audomarois, Montreuillois)', territoire_lda) AS detail
    FROM i WHERE ami IS NULL OR ami NOT IN ('ami1', 'ami2')
    UNION ALL
    SELECT code_operateur, id_intervention, 'r02', 'erreur', 'ménage éligible locataire du parc social : le dispositif vise les locataires du parc privé'
    FROM i WHERE eligible AND parc = 'social'
    UNION ALL
    SELECT code_operateur, id_intervention, 'r03', 'avertissement',
           format('signalement au stade « {} » : le public visé est au stade du commandement de payer', stade_procedure_signalement)
    FROM i WHERE eligible AND stade_procedure_signalement <> 'commandement_de_payer'
    UNION ALL
    -- An error when the cap is a parameter of the accompaniment's own year, a warning when carried over.
    SELECT i.code_operateur, i.id_intervention, 'r04', CASE WHEN CAST(p.exercice AS INTEGER) = year(i.date_debut_accompagnement) THEN 'erreur' ELSE 'avertissement' END,
           format('{} semaines d''accompagnement : {} au plus ; seules {} sont financées', i.nb_semaines_accompagnement,
                  CAST(p.valeur AS INTEGER), CAST(p.valeur AS INTEGER))
    FROM i JOIN param AS p ON p.parametre = 'max_semaines_accompagnement' AND i.date_debut_accompagnement BETWEEN p.du AND p.au
    WHERE i.nb_semaines_accompagnement > p.valeur
    UNION ALL
    SELECT d.code_operateur, d.id_intervention, 'r05', 'erreur',
           format('{} du {} hors de toute convention 2.10 de l''opérateur : non financé', d.acte, strftime(d.date_acte, '%d/%m/%Y'))
    FROM diagnostics AS d
    WHERE NOT EXISTS (
        SELECT 1 FROM conventions AS c
        WHERE c.code_operateur = d.code_operateur AND d.date_acte BETWEEN c.date_debut AND c.date_fin
          AND (list_contains(c.perimetre, d.territoire_lda) OR list_contains(c.perimetre, 'departement'))
    )
    UNION ALL
    SELECT code_operateur, id_intervention, 'r06', 'erreur',
           'diagnostic ou accompagnement renseigné pour un ménage non éligible : acte non financé'
    FROM i WHERE NOT eligible AND (date_diagnostic_flash IS NOT NULL OR date_diagnostic_approfondi IS NOT NULL OR date_debut_accompagnement IS NOT NULL)
    UNION ALL
    SELECT code_operateur, id_intervention, 'r07', 'info',
           format('dette de {} € hors de la fourchette du renfort AMI 1 ({} à {} €)', montant_fr(montant_dette), montant_fr(dette_min), montant_fr(dette_max))
    FROM i JOIN dette ON i.date_signalement BETWEEN dette.du AND dette.au
    WHERE eligible AND (montant_dette < dette_min OR montant_dette > dette_max)
    UNION ALL
    SELECT code_operateur, id_convention, 'r08', 'info',
           format('tarifs DDETS {} absents des paramètres : financement non calculé', year(date_debut))
    FROM mart_f2_10_financement WHERE statut_calcul = 'tarif_ddets_non_renseigne'
    UNION ALL
    SELECT code_operateur, id_enregistrement, regle, severite, detail
    FROM alertes_avance('r09', avances_fiche, staging_versements)
    UNION ALL
    SELECT c.code_operateur, c.id_convention, 'r10', 'info', format('convention terminée le {} : bilan final non remis', strftime(c.date_fin, '%d/%m/%Y'))
    FROM conventions AS c
    WHERE c.date_fin < date_reference()
      AND NOT EXISTS (SELECT 1 FROM staging_bilans AS b
                      WHERE b.fiche = c.fiche AND b.type_bilan = 'bilan_final_action' AND b.id_objet = c.id_convention)
    UNION ALL
    SELECT code_operateur, id_contact, 'r11', 'avertissement', format('contact du {} pour l''intervention {}, absente des interventions transmises', strftime(date_contact, '%d/%m/%Y'), id_intervention)
    FROM int_f2_10_contacts WHERE territoire_lda IS NULL
)
SELECT 'f2_10_equipes_mobiles' AS fiche, * FROM alertes
