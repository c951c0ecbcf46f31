-- Amount due to each ASTRE operator per convention, « en fonction du service fait » (spec 2.3 "Financing formula",
-- §0.5, ambiguity 11). Parameters from ref.parametres through int_f2_3_conventions, never literals:
--   mois_mesures    = the operator's mois-mesures (§0.5.6) that start inside the convention period, only the first
--                     duree_mesure_mois (12) of each measure (a 12-month measure is paid 2 640 € at most);
--   du_mesures      = mois_mesures × tarif_mesure / duree_mesure_mois (2 640 / 12 = 220 € a month);
--   du_diagnostics  = Σ over the operator's saisines whose diagnostic (simple / complet) is dated in the period of
--                     min(montant_diagnostic, plafond_diagnostic_simple 220 € / plafond_diagnostic_complet 440 €);
--   du_service_fait = du_mesures + du_diagnostics, rounded once to the cent (du_mesures is shown rounded);
--   du_convention   = min(du_service_fait, montant_conventionne);
--   du_retenu       = du_convention, or, when the conventions of the exercice together exceed the envelope
--                     (enveloppe_globale 53 000 €, measures and diagnostics together), du_convention × envelope / Σ
--                     (each operator reduced in proportion: macros/partager_enveloppe.sql, shared with 2.12);
--   avance          = min(taux_avance, taux_avance_max 80 %) × montant_conventionne (« dans la limite de 80 % »);
--   solde = du_retenu − avance; trop_percu = −solde when negative, else 0 — for a closed period only (statut_periode,
--   macros/periodes_conventions.sql); a period to come or running shows its advance, and what is due so far. verse_avance = the advance actually paid (versements of type avance), checked by mart_f2_3_alertes r13.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_retenu, avance, statut_periode)
-- test: expression(du_retenu <= montant_conventionne + 0.005 AND du_retenu <= du_service_fait + 0.005)
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
-- test: expression(avance <= taux_avance_max * montant_conventionne + 0.005)
WITH mois AS (
    SELECT c.id_convention, count(*) AS mois_mesures, count(DISTINCT mm.cle_mesure) AS nb_mesures
    FROM int_f2_3_conventions AS c
    JOIN int_f2_3_mois_mesures AS mm
      ON mm.code_operateur = c.code_operateur AND mm.debut_mois_mesure BETWEEN c.date_debut AND c.date_fin
     AND mm.rang < c.duree_mesure_mois
    GROUP BY ALL
),
diagnostics AS (
    SELECT c.id_convention, count(*) AS nb_diagnostics, sum(s.montant_diagnostic) AS diagnostics_declares,
           sum(least(s.montant_diagnostic, CASE s.diagnostic_mandate WHEN 'simple' THEN c.plafond_diagnostic_simple ELSE c.plafond_diagnostic_complet END)) AS du_diagnostics
    FROM int_f2_3_conventions AS c
    JOIN staging_astre_saisines AS s
      ON s.code_operateur = c.code_operateur AND s.diagnostic_mandate IN ('simple', 'complet')
     AND s.date_diagnostic BETWEEN c.date_debut AND c.date_fin
    GROUP BY ALL
),
verse AS (
    SELECT id_convention, sum(montant) AS verse_avance FROM staging_versements WHERE type = 'avance' GROUP BY ALL
),
dus AS (
    SELECT c.*,
           coalesce(m.mois_mesures, 0) AS mois_mesures, coalesce(m.nb_mesures, 0) AS nb_mesures,
           arrondi_centimes(coalesce(m.mois_mesures, 0) * CAST(c.tarif_mesure AS DECIMAL(18, 2)), CAST(c.duree_mesure_mois AS INTEGER)) AS du_mesures,
           coalesce(d.nb_diagnostics, 0) AS nb_diagnostics,
           CAST(coalesce(d.diagnostics_declares, 0) AS DOUBLE) AS diagnostics_declares,
           CAST(coalesce(d.du_diagnostics, 0) AS DOUBLE) AS du_diagnostics,
           -- Rounded once, not part by part (issue 14 point 12): the measures' twelfths are kept exact until here.
           arrondi_centimes(coalesce(m.mois_mesures, 0) * CAST(c.tarif_mesure AS DECIMAL(18, 2))
                            + CAST(c.duree_mesure_mois AS INTEGER) * CAST(coalesce(d.du_diagnostics, 0) AS DECIMAL(18, 2)),
                            CAST(c.duree_mesure_mois AS INTEGER)) AS du_service_fait
    FROM int_f2_3_conventions AS c
    LEFT JOIN mois AS m USING (id_convention)
    LEFT JOIN diagnostics AS d USING (id_convention)
),
conventionnes AS (
    SELECT *,
           least(du_service_fait, montant) AS du_convention,
           sum(least(du_service_fait, montant)) OVER (PARTITION BY exercice) AS du_exercice
    FROM dus
),
calcul AS (
    SELECT *,
           part_enveloppe(du_convention, du_exercice, enveloppe_globale) AS du_retenu,
           montant_au_taux(least(CAST(taux_avance AS DOUBLE), taux_avance_max), montant) AS avance_calculee
    FROM conventionnes
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant AS montant_conventionne, CAST(taux_avance AS DOUBLE) AS taux_avance,
       du_service_fait, du_retenu, avance_calculee AS avance,
       solde_periode(date_debut, date_fin, du_retenu, avance_calculee) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, avance_calculee) AS trop_percu,
       statut_periode(date_debut, date_fin) AS statut_periode,
       exercice, mois_mesures, nb_mesures, du_mesures, nb_diagnostics, diagnostics_declares, du_diagnostics, du_convention,
       du_exercice, enveloppe_globale, taux_avance_max, CAST(coalesce(v.verse_avance, 0) AS DOUBLE) AS verse_avance
FROM calcul
LEFT JOIN verse AS v USING (id_convention)
ORDER BY code_operateur, date_debut
