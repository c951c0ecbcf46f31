-- Fiche 2.12 projet 1: every billable act with whether it is funded and why not (spec 2.12 §1 financing, §2 r01,
-- r03-r07). An act is funded when its household is known, its date is on or after the SLISL validation of the entry
-- (r01: « Une intervention ou un accompagnement non validé ne sera pas financé »), and:
--   accompagnement mensuel (habitudes de vie or bâti): at least visites_min_mois successful home visits in its month
--       (r03), at most one per household and month, both kinds together (r07: one tariff « habitude de vie ou bâti »);
--   porte close: at least visites_infructueuses_porte_close unsuccessful visits on or before its date, once per
--       household (r04);
--   diagnostic technique: private stock only (locataire_parc_prive, proprietaire_occupant, accedant) (r05);
--   restitution: after a diagnostic technique of the household, private landlord only (locataire_parc_prive) (r05);
--   bonus repérage: household spotted by the operator (r06);
--   diagnostics, restitution, bonus: once per household (r07).
-- The amount retained is min(montant_facture, the tariff cap of its type); the first act of a kind (by date, then id)
-- is the one funded, among the acts no other condition refuses: an act refused (a diagnostic dated before the SLISL
-- validation, r01) does not use up the household's once-only allowance, so the act redone after validation is paid. Caps and thresholds are those in force on the act's date (int_parametres_en_vigueur).
-- test: unique(code_operateur, id_prestation)
-- test: not_null(code_operateur, id_prestation, type_prestation, plafond, finance, montant_retenu)
-- test: expression(montant_retenu <= plafond AND montant_retenu >= 0)
-- test: expression(finance = (motif_non_finance IS NULL))
WITH prm AS (
    SELECT du, au,
        max(valeur) FILTER (WHERE parametre = 'tarif_diagnostic_social_habitudes_vie') AS tarif_diagnostic_social,
        max(valeur) FILTER (WHERE parametre = 'tarif_diagnostic_technique') AS tarif_diagnostic_technique,
        max(valeur) FILTER (WHERE parametre = 'tarif_restitution_diagnostic_bailleur') AS tarif_restitution,
        max(valeur) FILTER (WHERE parametre = 'tarif_accompagnement_mensuel') AS tarif_accompagnement,
        max(valeur) FILTER (WHERE parametre = 'tarif_porte_close') AS tarif_porte_close,
        max(valeur) FILTER (WHERE parametre = 'tarif_bonus_reperage') AS tarif_bonus,
        max(valeur) FILTER (WHERE parametre = 'visites_min_mois') AS visites_min_mois,
        max(valeur) FILTER (WHERE parametre = 'visites_infructueuses_porte_close') AS visites_porte_close
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_12_prevention_pe'
    GROUP BY du, au
),
pr AS (
    SELECT p.*, m.cle_menage, m.lot, m.territoire_mds, m.date_validation_slisl, m.statut_occupation, m.repere_par_operateur,
           p.type_prestation IN ('accompagnement_mensuel_habitudes_vie', 'accompagnement_mensuel_bati') AS accompagnement,
           coalesce(p.mois, strftime(p.date_prestation, '%Y-%m')) AS mois_accompagnement
    FROM staging_pe_prestations AS p
    LEFT JOIN staging_pe_menages AS m USING (code_operateur, id_menage)
),
calc AS (
    SELECT pr.*,
        CASE pr.type_prestation
            WHEN 'diagnostic_social_habitudes_vie' THEN prm.tarif_diagnostic_social
            WHEN 'diagnostic_technique' THEN prm.tarif_diagnostic_technique
            WHEN 'restitution_diagnostic_bailleur' THEN prm.tarif_restitution
            WHEN 'porte_close' THEN prm.tarif_porte_close
            WHEN 'bonus_reperage' THEN prm.tarif_bonus
            ELSE prm.tarif_accompagnement
        END AS plafond,
        prm.visites_min_mois, prm.visites_porte_close,
        (SELECT count(*) FROM staging_pe_visites AS v
         WHERE v.code_operateur = pr.code_operateur AND v.id_menage = pr.id_menage AND v.fructueuse
           AND strftime(v.date, '%Y-%m') = pr.mois_accompagnement) AS visites_fructueuses_mois,
        (SELECT count(*) FROM staging_pe_visites AS v
         WHERE v.code_operateur = pr.code_operateur AND v.id_menage = pr.id_menage AND NOT v.fructueuse
           AND v.date <= pr.date_prestation) AS visites_infructueuses_avant,
        (SELECT count(*) FROM staging_pe_prestations AS d
         WHERE d.code_operateur = pr.code_operateur AND d.id_menage = pr.id_menage AND d.type_prestation = 'diagnostic_technique'
           AND d.date_prestation <= pr.date_prestation) AS diagnostics_techniques_avant
    FROM pr LEFT JOIN prm ON pr.date_prestation BETWEEN prm.du AND prm.au
),
refus AS (
    SELECT *,
        CASE
            WHEN cle_menage IS NULL THEN 'menage_inconnu'
            WHEN date_prestation < date_validation_slisl THEN 'avant_validation_slisl'
            WHEN accompagnement AND visites_fructueuses_mois < visites_min_mois THEN 'visites_insuffisantes'
            WHEN type_prestation = 'porte_close' AND visites_infructueuses_avant < visites_porte_close THEN 'porte_close_sans_visites_infructueuses'
            WHEN type_prestation = 'diagnostic_technique' AND statut_occupation NOT IN ('locataire_parc_prive', 'proprietaire_occupant', 'accedant') THEN 'diagnostic_technique_hors_parc_prive'
            WHEN type_prestation = 'restitution_diagnostic_bailleur' AND diagnostics_techniques_avant = 0 THEN 'restitution_sans_diagnostic_technique'
            WHEN type_prestation = 'restitution_diagnostic_bailleur' AND statut_occupation <> 'locataire_parc_prive' THEN 'restitution_hors_bailleur_prive'
            WHEN type_prestation = 'bonus_reperage' AND NOT repere_par_operateur THEN 'bonus_sans_reperage'
        END AS motif_refus
    FROM calc
),
motifs AS (
    SELECT *, CASE WHEN motif_refus IS NULL AND rang > 1 THEN 'doublon' ELSE motif_refus END AS motif_non_finance
    FROM (
        SELECT *, row_number() OVER (
                      PARTITION BY code_operateur, id_menage, motif_refus IS NULL,
                                   CASE WHEN accompagnement THEN 'accompagnement|' || mois_accompagnement ELSE type_prestation END
                      ORDER BY date_prestation, id_prestation) AS rang
        FROM refus
    )
)
SELECT *, motif_non_finance IS NULL AS finance,
       CASE WHEN motif_non_finance IS NULL THEN least(montant_facture, plafond) ELSE 0 END AS montant_retenu
FROM motifs
