-- Financing of a fiche paid in one payment at the signature of the convention (2.1, 2.2; spec §0.5.5), not for
-- service done: du_service_fait = the amount agreed, du_retenu = min(that, the fiche's montant_participation for the
-- convention's exercice), avance = du_retenu (everything at signature), solde = trop_percu = 0 (once closed); `verse` = Σ versements
-- with trop-perçu restitutions deducted. statut_periode, solde, trop_percu: the one balance rule of macros/periodes_conventions.sql (solde 0 once closed).
-- The caller passes its tables, so that the model names what it reads:
--   SELECT * FROM financer_versement_unique('<fiche>', staging_conventions, int_parametres_conventions, staging_versements)
CREATE OR REPLACE MACRO financer_versement_unique(fiche_code, conventions_table, parametres_table, versements_table) AS TABLE
WITH conventions AS (
    SELECT * FROM query_table(conventions_table) WHERE fiche = fiche_code
),
parametres AS (
    SELECT id_convention, parametre, valeur FROM query_table(parametres_table) SEMI JOIN conventions USING (id_convention)
),
p AS (
    SELECT id_convention, max(valeur) FILTER (WHERE parametre = 'montant_participation') AS montant_participation
    FROM parametres GROUP BY ALL
),
verse AS (
    SELECT id_convention,
           coalesce(sum(montant) FILTER (WHERE type <> 'reversement_trop_percu'), 0)
           - coalesce(sum(montant) FILTER (WHERE type = 'reversement_trop_percu'), 0) AS verse
    FROM query_table(versements_table) GROUP BY ALL
),
calcul AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin,
           CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne, CAST(c.taux_avance AS DOUBLE) AS taux_avance,
           c.mode_versement, p.montant_participation,
           CAST(c.montant_conventionne AS DOUBLE) AS du_service_fait,
           least(CAST(c.montant_conventionne AS DOUBLE), p.montant_participation) AS du_retenu,
           CAST(coalesce(v.verse, 0) AS DOUBLE) AS verse,
           statut_periode(c.date_debut, c.date_fin) AS statut_periode
    FROM conventions AS c
    LEFT JOIN p USING (id_convention)
    LEFT JOIN verse AS v USING (id_convention)
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance,
       du_service_fait, du_retenu, du_retenu AS avance,
       solde_periode(date_debut, date_fin, du_retenu, du_retenu) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, du_retenu) AS trop_percu, statut_periode,
       mode_versement, montant_participation, verse
FROM calcul
ORDER BY code_operateur, date_debut
