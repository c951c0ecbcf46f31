-- Fiche 2.13 conventions (spec 2.13 §1, §0.5.5): a single payment at signature, no service-fait formula. The rule of
-- every single-payment fiche (macros/financer_versement_unique.sql): du_service_fait = montant_conventionne;
-- du_retenu = min(montant_conventionne, the Département's cap montant_max_departement: `plafond`, 37 635 € in 2026);
-- avance = taux_avance × montant_conventionne (1.00: everything at signature); solde = du_retenu − avance once closed
-- (0 when the convention respects the cap; negative: a trop-perçu to restitute). The State pays an equal share
-- (« à parts égales »): part_etat = du_retenu × (1 − part_departement) / part_departement, within montant_total_max
-- (75 270 €). Parameters: ref.parametres for fiche f2_13_gens_du_voyage, the latest exercice up to the convention's
-- start year, else the earliest. versements_recus = Σ the Département's payments (reversements deducted).
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_retenu, avance, statut_periode, plafond)
-- test: expression(du_retenu <= plafond AND du_retenu <= montant_conventionne)
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
WITH financement AS (
    SELECT * FROM financer_versement_unique('f2_13_gens_du_voyage', 'montant_max_departement', staging_conventions, int_parametres_conventions, staging_versements)
),
etat AS (
    SELECT id_convention,
           max(valeur) FILTER (WHERE parametre = 'montant_total_max') AS montant_total_max,
           max(valeur) FILTER (WHERE parametre = 'part_departement') AS part_departement
    FROM int_parametres_conventions SEMI JOIN financement USING (id_convention)
    GROUP BY ALL
)
SELECT f.*, e.montant_total_max,
       round(least(f.du_retenu * (1 - e.part_departement) / e.part_departement, e.montant_total_max - f.du_retenu), 2) AS part_etat
FROM financement AS f
LEFT JOIN etat AS e USING (id_convention)
ORDER BY f.code_operateur, f.date_debut
