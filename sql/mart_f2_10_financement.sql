-- Fiche 2.10 (équipes mobiles): amount due to each operator per convention, « en fonction du service fait » (spec 2.10
-- "Financing formula", §0.5):
--   du_service_fait = n(diagnostics flash dated in the convention period) × tarif_diagnostic_flash
--                   + n(diagnostics approfondis dated in the period) × tarif_diagnostic_approfondi
--                   + Σ over accompaniments started in the period of min(nb_semaines_accompagnement, max_semaines_accompagnement)
--                     × tarif_semaine_accompagnement
--   counting only eligible households (r06) of the operator, on a territory of the convention's perimetre;
--   du_retenu = min(du_service_fait, montant_conventionne); avance = taux_avance × montant_conventionne;
--   solde = du_retenu − avance; trop_percu = −solde when negative.
-- Tariffs are those of the convention's own exercice (the year it starts) in ref.parametres: the 2026 call only says
-- « sur la base de la tarification fixée par la DDETS pour 2026 » without the values, so until those rows exist a
-- 2026 convention has statut_calcul = 'tarif_ddets_non_renseigne' and no amount due (alert r08); it is then left out
-- of mart_financement, which only carries computed amounts.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, montant_conventionne, taux_avance, avance, statut_periode, statut_calcul)
-- test: accepted_values(statut_calcul: calcule, tarif_ddets_non_renseigne)
-- test: expression(statut_calcul <> 'calcule' OR (du_retenu <= montant_conventionne AND du_retenu <= du_service_fait AND (statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))))
-- test: expression(semaines_retenues <= semaines_declarees)
WITH conventions AS (
    SELECT * FROM staging_conventions WHERE fiche = 'f2_10_equipes_mobiles'
),
tarifs AS (
    -- The convention's own exercice only: a tariff of another year is not the DDETS tariff of this one.
    SELECT c.id_convention,
        max(p.valeur) FILTER (WHERE p.parametre = 'tarif_diagnostic_flash') AS tarif_diagnostic_flash,
        max(p.valeur) FILTER (WHERE p.parametre = 'tarif_diagnostic_approfondi') AS tarif_diagnostic_approfondi,
        max(p.valeur) FILTER (WHERE p.parametre = 'tarif_semaine_accompagnement') AS tarif_semaine_accompagnement,
        max(p.valeur) FILTER (WHERE p.parametre = 'max_semaines_accompagnement') AS max_semaines_accompagnement
    FROM conventions AS c
    LEFT JOIN ref.parametres AS p ON p.fiche = c.fiche AND p.exercice = CAST(year(c.date_debut) AS VARCHAR)
    GROUP BY ALL
),
interventions AS (
    SELECT c.id_convention, i.*
    FROM conventions AS c
    JOIN staging_em_interventions AS i
      ON i.code_operateur = c.code_operateur AND i.eligible
     AND (list_contains(c.perimetre, i.territoire_lda) OR list_contains(c.perimetre, 'departement'))
),
actes AS (
    SELECT c.id_convention,
        count(*) FILTER (WHERE i.date_diagnostic_flash BETWEEN c.date_debut AND c.date_fin) AS nb_diagnostics_flash,
        count(*) FILTER (WHERE i.date_diagnostic_approfondi BETWEEN c.date_debut AND c.date_fin) AS nb_diagnostics_approfondis,
        count(*) FILTER (WHERE i.date_debut_accompagnement BETWEEN c.date_debut AND c.date_fin) AS nb_accompagnements,
        coalesce(sum(i.nb_semaines_accompagnement) FILTER (WHERE i.date_debut_accompagnement BETWEEN c.date_debut AND c.date_fin), 0) AS semaines_declarees,
        coalesce(sum(least(i.nb_semaines_accompagnement, coalesce(t.max_semaines_accompagnement, i.nb_semaines_accompagnement)))
                 FILTER (WHERE i.date_debut_accompagnement BETWEEN c.date_debut AND c.date_fin), 0) AS semaines_retenues
    FROM conventions AS c
    JOIN tarifs AS t USING (id_convention)
    LEFT JOIN interventions AS i USING (id_convention)
    GROUP BY ALL
),
calcul AS (
    SELECT
        c.fiche, c.code_operateur, c.id_convention, c.perimetre, c.date_debut, c.date_fin,
        CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne,
        CAST(c.taux_avance AS DOUBLE) AS taux_avance,
        a.nb_diagnostics_flash, a.nb_diagnostics_approfondis, a.nb_accompagnements, a.semaines_declarees, a.semaines_retenues,
        t.tarif_diagnostic_flash, t.tarif_diagnostic_approfondi, t.tarif_semaine_accompagnement, t.max_semaines_accompagnement,
        CASE WHEN t.tarif_diagnostic_flash IS NOT NULL AND t.tarif_diagnostic_approfondi IS NOT NULL AND t.tarif_semaine_accompagnement IS NOT NULL
             THEN 'calcule' ELSE 'tarif_ddets_non_renseigne' END AS statut_calcul,
        round(a.nb_diagnostics_flash * t.tarif_diagnostic_flash + a.nb_diagnostics_approfondis * t.tarif_diagnostic_approfondi
              + a.semaines_retenues * t.tarif_semaine_accompagnement, 2) AS du_service_fait,
        montant_au_taux(c.taux_avance, c.montant_conventionne) AS avance,
        statut_periode(c.date_debut, c.date_fin) AS statut_periode
    FROM conventions AS c
    JOIN actes AS a USING (id_convention)
    JOIN tarifs AS t USING (id_convention)
)
SELECT *,
    -- least() ignores NULLs: an amount not computed must stay NULL, not become the convention amount.
    CASE WHEN du_service_fait IS NOT NULL THEN least(du_service_fait, montant_conventionne) END AS du_retenu,
    solde_periode(date_debut, date_fin, CASE WHEN du_service_fait IS NOT NULL THEN least(du_service_fait, montant_conventionne) END, avance) AS solde,
    trop_percu_periode(date_debut, date_fin, CASE WHEN du_service_fait IS NOT NULL THEN least(du_service_fait, montant_conventionne) END, avance) AS trop_percu
FROM calcul
ORDER BY code_operateur, date_debut
