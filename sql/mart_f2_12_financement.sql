-- Fiche 2.12 (précarité énergétique): amount due to each operator per convention, « en fonction du service fait »
-- (spec 2.12 "Financing formula", §0.5):
--   projet 1 = Σ montant_retenu of the acts of int_f2_12_prestations dated in the convention period, for households of
--              the operator on a lot of the convention's perimetre: min(price invoiced, tariff cap 120 / 250 / 150 / 150 /
--              40 / 25 €), only for acts after the SLISL validation and meeting r03-r07 (others count 0)
--   projet 2 = Σ over the operator's innovative actions dated in the period with at least
--              participants_min_action_projet_2 (6) participants of the amount agreed per action: tarifs_unitaires
--              « action=… » of the convention, else the amount invoiced (« Le financement sera validé selon la nature du
--              projet innovant proposé »)
--   a convention without dispositif covers both projects; du_service_fait = projet 1 + projet 2;
--   du_convention = min(du_service_fait, montant_conventionne);
--   du_retenu = du_convention, or, when the conventions of the exercice (the year they start) are together due more
--              than the envelope of all 2.12 projects (enveloppe_totale 260 000 €, « des 2 axes »: both projects), their
--              share of it in proportion to du_convention (macros/partager_enveloppe.sql, the rule 2.3 applies to its
--              53 000 €); du_exercice = Σ du_convention of the exercice, alert r11 says when the envelope bound;
--   avance = taux_avance × montant_conventionne; solde = du_retenu − avance; trop_percu = −solde when negative (« Un
--   solde négatif entraînera la restitution du trop-perçu »), both for a closed period only (statut_periode,
--   macros/periodes_conventions.sql): a period to come or running shows its advance and what is due so far.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_convention, du_exercice, du_retenu, avance, statut_periode)
-- test: expression(du_retenu <= du_convention AND du_convention <= montant_conventionne AND du_convention <= du_service_fait)
-- test: expression(enveloppe IS NULL OR du_exercice <= enveloppe OR du_retenu = round(du_convention * enveloppe / du_exercice, 2))
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
-- test: expression(abs(du_service_fait - (du_projet_1 + du_projet_2)) <= 0.01)  -- rounded once, the parts each for reading
WITH conventions AS (
    SELECT *,
        list_filter(perimetre, x -> x IN ('lot1', 'lot2', 'lot3')) AS lots,
        coalesce(dispositif, ['projet_1', 'projet_2']) AS projets,
        TRY_CAST(regexp_extract(tarifs_unitaires, 'action\s*=\s*([0-9]+(\.[0-9]+)?)', 1) AS DOUBLE) AS tarif_action
    FROM staging_conventions WHERE fiche = 'f2_12_prevention_pe'
),
prm AS (
    -- In force on an action's day, and for the envelope on the convention's first day (int_parametres_en_vigueur).
    SELECT du, au,
           max(valeur) FILTER (WHERE parametre = 'participants_min_action_projet_2') AS participants_min,
           max(valeur) FILTER (WHERE parametre = 'enveloppe_totale') AS enveloppe
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_12_prevention_pe'
    GROUP BY du, au
),
projet_1 AS (
    SELECT c.id_convention, count(*) AS nb_actes, count(*) FILTER (WHERE p.finance) AS nb_actes_finances,
           sum(p.montant_facture) AS montant_facture_projet_1, sum(p.montant_retenu) AS du_projet_1
    FROM conventions AS c
    JOIN int_f2_12_prestations AS p
      ON p.code_operateur = c.code_operateur AND list_contains(c.lots, p.lot) AND p.date_prestation BETWEEN c.date_debut AND c.date_fin
    WHERE list_contains(c.projets, 'projet_1')
    GROUP BY ALL
),
projet_2 AS (
    SELECT c.id_convention, count(*) AS nb_actions,
           count(*) FILTER (WHERE a.nb_participants >= prm.participants_min) AS nb_actions_financees,
           coalesce(sum(coalesce(c.tarif_action, a.montant_facture, 0)) FILTER (WHERE a.nb_participants >= prm.participants_min), 0) AS du_projet_2
    FROM conventions AS c
    JOIN staging_pe_actions_innovantes AS a ON a.code_operateur = c.code_operateur AND a.date BETWEEN c.date_debut AND c.date_fin
    JOIN prm ON a.date BETWEEN prm.du AND prm.au
    WHERE list_contains(c.projets, 'projet_2')
    GROUP BY ALL
),
comptes_rendus AS (
    SELECT r.id_convention, sum(r.montant_realise) AS budget_realise
    FROM staging_comptes_rendus_financiers AS r
    GROUP BY ALL
),
calcul AS (
    SELECT
        c.fiche, c.code_operateur, c.id_convention, c.perimetre, c.projets, c.date_debut, c.date_fin,
        CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne,
        CAST(c.taux_avance AS DOUBLE) AS taux_avance,
        coalesce(p1.nb_actes, 0) AS nb_actes, coalesce(p1.nb_actes_finances, 0) AS nb_actes_finances,
        round(coalesce(p1.montant_facture_projet_1, 0), 2) AS montant_facture_projet_1,
        round(coalesce(p1.du_projet_1, 0), 2) AS du_projet_1,
        coalesce(p2.nb_actions, 0) AS nb_actions, coalesce(p2.nb_actions_financees, 0) AS nb_actions_financees,
        round(coalesce(p2.du_projet_2, 0), 2) AS du_projet_2,
        round(coalesce(p1.du_projet_1, 0) + coalesce(p2.du_projet_2, 0), 2) AS du_service_fait,
        montant_au_taux(c.taux_avance, c.montant_conventionne) AS avance,
        round(cr.budget_realise, 2) AS budget_realise,
        prm.enveloppe, CAST(year(c.date_debut) AS VARCHAR) AS exercice,
        statut_periode(c.date_debut, c.date_fin) AS statut_periode
    FROM conventions AS c
    LEFT JOIN prm ON c.date_debut BETWEEN prm.du AND prm.au
    LEFT JOIN projet_1 AS p1 USING (id_convention)
    LEFT JOIN projet_2 AS p2 USING (id_convention)
    LEFT JOIN comptes_rendus AS cr USING (id_convention)
),
conventionnes AS (
    SELECT *, least(du_service_fait, montant_conventionne) AS du_convention,
           sum(least(du_service_fait, montant_conventionne)) OVER (PARTITION BY exercice) AS du_exercice
    FROM calcul
),
retenus AS (
    SELECT *, part_enveloppe(du_convention, du_exercice, enveloppe) AS du_retenu FROM conventionnes
)
SELECT *,
    solde_periode(date_debut, date_fin, du_retenu, avance) AS solde,
    trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu
FROM retenus
ORDER BY code_operateur, date_debut
