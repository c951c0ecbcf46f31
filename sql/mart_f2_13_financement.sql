-- Fiche 2.13 conventions (spec 2.13 §1, §0.5.5): a single payment at signature, no service-fait formula. The amount
-- due is the conventioned participation within the Département's cap (montant_max_departement, 37 635 € in 2026):
--   du_service_fait = montant_conventionne; du_retenu = min(montant_conventionne, cap); avance = taux_avance ×
--   montant_conventionne (1.00: everything at signature); solde = du_retenu − avance (0 when the convention respects
--   the cap; negative: a trop-perçu to restitute). The State pays an equal share (« à parts égales »): part_etat =
--   du_retenu × (1 − part_departement) / part_departement, within montant_total_max (75 270 €).
-- Parameters: ref.parametres for fiche f2_13_gens_du_voyage, the latest exercice up to the convention's start year,
-- else the earliest. versements_recus = Σ the Département's payments (versements) for the convention.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_retenu, avance, statut_periode, plafond_departement)
-- test: expression(du_retenu <= plafond_departement AND du_retenu <= montant_conventionne)
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
WITH conventions AS (
    SELECT * FROM staging_conventions WHERE fiche = 'f2_13_gens_du_voyage'
),
parametres AS (
    SELECT id_convention, parametre, valeur FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
),
versements AS (
    SELECT id_convention, sum(CASE WHEN type = 'reversement_trop_percu' THEN -montant ELSE montant END) AS versements_recus, count(*) AS nb_versements
    FROM staging_versements GROUP BY ALL
),
base AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin,
           CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne, CAST(c.taux_avance AS DOUBLE) AS taux_avance,
           max(p.valeur) FILTER (WHERE p.parametre = 'montant_max_departement') AS plafond_departement,
           max(p.valeur) FILTER (WHERE p.parametre = 'montant_total_max') AS montant_total_max,
           max(p.valeur) FILTER (WHERE p.parametre = 'part_departement') AS part_departement,
           statut_periode(c.date_debut, c.date_fin) AS statut_periode,
           coalesce(any_value(v.versements_recus), 0) AS versements_recus, coalesce(any_value(v.nb_versements), 0) AS nb_versements
    FROM conventions AS c
    LEFT JOIN parametres AS p USING (id_convention)
    LEFT JOIN versements AS v USING (id_convention)
    GROUP BY c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin, c.montant_conventionne, c.taux_avance
),
calcul AS (
    SELECT *, montant_conventionne AS du_service_fait, least(montant_conventionne, plafond_departement) AS du_retenu,
           montant_au_taux(taux_avance, montant_conventionne) AS avance
    FROM base
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance,
       solde_periode(date_debut, date_fin, du_retenu, avance) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu, statut_periode,
       plafond_departement, montant_total_max,
       round(least(du_retenu * (1 - part_departement) / part_departement, montant_total_max - du_retenu), 2) AS part_etat,
       versements_recus, nb_versements
FROM calcul
ORDER BY code_operateur, date_debut
