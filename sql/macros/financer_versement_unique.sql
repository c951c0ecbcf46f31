-- Financing of a fiche paid in one payment at the signature of the convention (2.1, 2.2, 2.9, 2.13; spec §0.5.5), not
-- for service done. The generic formulas of §0.5 apply as they are, so that these four fiches read like every other:
--   du_service_fait = the amount agreed; du_retenu = min(that, the fiche's cap for the convention's exercice, named by
--   `parametre_plafond`: montant_participation for 2.1 and 2.2, montant_max_12_mois for 2.9, montant_max_departement
--   for 2.13); avance = taux_avance × the amount agreed (§0.5.3: what the convention pays at signature);
--   solde = du_retenu − avance once the period is closed, trop_percu = −solde when negative (§0.5.4).
-- « No solde » (§0.5.5) is then what a convention true to its fiche gives — the fiche's taux_avance (1, kept beside it
-- as taux_avance_fiche) and an amount within the cap: solde 0. One that departs from it shows in its balance (an
-- amount over the cap: a trop-perçu; a partial advance: a solde) as well as in the fiche's single-payment rule
-- (macros/alertes_versement_unique.sql). `versements_recus` = Σ the Département's payments, the restitutions of a
-- trop-perçu deducted; `nb_versements` counts them. statut_periode, solde, trop_percu: the one balance rule of
-- macros/periodes_conventions.sql. The caller passes its tables, so that the model names what it reads:
--   SELECT * FROM financer_versement_unique('<fiche>', '<cap parameter>', staging_conventions, int_parametres_conventions, staging_versements)
CREATE OR REPLACE MACRO financer_versement_unique(fiche_code, parametre_plafond, conventions_table, parametres_table, versements_table) AS TABLE
WITH conventions AS (
    SELECT * FROM query_table(conventions_table) WHERE fiche = fiche_code
),
plafonds AS (
    SELECT id_convention, max(valeur) FILTER (WHERE parametre = parametre_plafond) AS plafond,
           max(valeur) FILTER (WHERE parametre = 'taux_avance') AS taux_avance_fiche
    FROM query_table(parametres_table) SEMI JOIN conventions USING (id_convention)
    GROUP BY ALL
),
versements AS (
    SELECT id_convention, sum(CASE WHEN type = 'reversement_trop_percu' THEN -montant ELSE montant END) AS versements_recus,
           count(*) AS nb_versements
    FROM query_table(versements_table) SEMI JOIN conventions USING (id_convention)
    GROUP BY ALL
),
calcul AS (
    SELECT c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin,
           CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne, CAST(c.taux_avance AS DOUBLE) AS taux_avance,
           c.mode_versement, p.plafond, p.taux_avance_fiche,
           CAST(c.montant_conventionne AS DOUBLE) AS du_service_fait,
           least(CAST(c.montant_conventionne AS DOUBLE), p.plafond) AS du_retenu,
           montant_au_taux(c.taux_avance, c.montant_conventionne) AS avance,
           statut_periode(c.date_debut, c.date_fin) AS statut_periode,
           CAST(coalesce(v.versements_recus, 0) AS DOUBLE) AS versements_recus, coalesce(v.nb_versements, 0) AS nb_versements
    FROM conventions AS c
    LEFT JOIN plafonds AS p USING (id_convention)
    LEFT JOIN versements AS v USING (id_convention)
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance,
       du_service_fait, du_retenu, avance,
       solde_periode(date_debut, date_fin, du_retenu, avance) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu, statut_periode,
       mode_versement, plafond, taux_avance_fiche, versements_recus, nb_versements
FROM calcul
ORDER BY code_operateur, date_debut
