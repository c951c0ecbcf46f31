-- Fiche 2.1 financing per convention (spec 2.1 §1, §0.5.5): a single payment of the participation « en une seule
-- fois à la signature de la convention », not a payment for service done. So du_service_fait = the amount agreed
-- (due at signature), du_retenu = min(montant_conventionne, montant_participation of the fiche for the exercice),
-- avance = du_retenu (everything is paid at signature), solde = 0 and trop_percu = 0 by construction. The activity
-- is still measured (mart_f2_1_indicateurs); what was actually paid is `verse` (Σ versements, trop-perçu restitutions
-- deducted), and mart_f2_1_alertes r01 flags a convention or payment that departs from the single payment.
-- Parameters: ref.parametres for the fiche, exercice = the latest ≤ the year the convention starts, else the earliest.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, montant_conventionne, montant_participation, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode)
-- test: expression(du_retenu <= montant_conventionne AND du_retenu <= montant_participation)
-- test: expression(trop_percu = greatest(-solde, 0))
WITH conventions AS (
    SELECT * FROM staging_conventions WHERE fiche = 'f2_1_information'
),
parametres AS (
    SELECT id_convention, parametre, valeur FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
),
p AS (
    SELECT id_convention, max(valeur) FILTER (WHERE parametre = 'montant_participation') AS montant_participation
    FROM parametres GROUP BY ALL
),
verse AS (
    SELECT id_convention,
           coalesce(sum(montant) FILTER (WHERE type <> 'reversement_trop_percu'), 0)
           - coalesce(sum(montant) FILTER (WHERE type = 'reversement_trop_percu'), 0) AS verse
    FROM staging_versements GROUP BY ALL
),
arrete AS (
    SELECT max(date_arrete) AS date_arrete FROM (
        SELECT date_arrete FROM staging_info_consultations
        UNION ALL SELECT date_arrete FROM staging_info_permanences
        UNION ALL SELECT date_arrete FROM staging_info_actions_information)
),
calcul AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin,
           CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne, CAST(c.taux_avance AS DOUBLE) AS taux_avance,
           c.mode_versement, p.montant_participation,
           CAST(c.montant_conventionne AS DOUBLE) AS du_service_fait,
           least(CAST(c.montant_conventionne AS DOUBLE), p.montant_participation) AS du_retenu,
           CAST(coalesce(v.verse, 0) AS DOUBLE) AS verse,
           CASE WHEN c.date_fin <= (SELECT date_arrete FROM arrete) THEN 'close' ELSE 'en_cours' END AS statut_periode
    FROM conventions AS c
    LEFT JOIN p USING (id_convention)
    LEFT JOIN verse AS v USING (id_convention)
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance,
       du_service_fait, du_retenu, du_retenu AS avance, 0.0 AS solde, 0.0 AS trop_percu, statut_periode,
       mode_versement, montant_participation, verse
FROM calcul
ORDER BY code_operateur, date_debut
