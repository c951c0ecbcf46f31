-- Amount due per fiche 2.8 GEP convention « en fonction du service fait » (spec 2.8 "Financing formula", §0.5):
--   du_service_fait = Σ realised expenses of the convention's comptes rendus financiers, the poste accueil_cafe
--                     counted up to plafond_accueil_cafe (300 €) per group of the perimetre;
--   du_retenu = min(du_service_fait, plafond_groupe_12_mois (20 000 €) × groups, montant_conventionne);
--   avance = taux_avance × montant_conventionne (60 % at signature); solde = du_retenu − avance; trop_percu = −solde
--   when negative. The « excédent » of a bimonthly rhythm is reinvested in the sessions (spec ambiguity 16): it is
--   not reclaimed beyond what the realised expenses show. Parameters: int_f2_8_conventions (ref.parametres).
-- statut_periode 'en_cours' while the convention runs at the run's reference date: figures to date, not a balance.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_retenu, avance, statut_periode)
-- test: expression(du_retenu <= montant_conventionne AND du_retenu <= du_service_fait AND du_retenu <= plafond_convention)
-- test: expression(accueil_cafe_retenu <= plafond_accueil_cafe_convention)
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
WITH crf AS (
    SELECT code_operateur, id_convention,
           coalesce(sum(montant_realise) FILTER (WHERE poste <> 'accueil_cafe'), 0) AS depenses_hors_accueil_cafe,
           coalesce(sum(montant_realise) FILTER (WHERE poste = 'accueil_cafe'), 0) AS accueil_cafe_realise
    FROM staging_comptes_rendus_financiers
    GROUP BY ALL
),
base AS (
    SELECT
        c.fiche, c.code_operateur, c.id_convention, c.date_debut, c.date_fin,
        CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne,
        CAST(c.taux_avance AS DOUBLE) AS taux_avance,
        c.nb_groupes,
        c.plafond_groupe * greatest(c.nb_groupes, 1) AS plafond_convention,
        c.plafond_accueil_cafe * greatest(c.nb_groupes, 1) AS plafond_accueil_cafe_convention,
        round(coalesce(f.depenses_hors_accueil_cafe, 0), 2) AS depenses_hors_accueil_cafe,
        round(coalesce(f.accueil_cafe_realise, 0), 2) AS accueil_cafe_realise,
        statut_periode(c.date_debut, c.date_fin) AS statut_periode
    FROM int_f2_8_conventions AS c
    LEFT JOIN crf AS f ON f.code_operateur = c.code_operateur AND f.id_convention = c.id_convention
),
calcul AS (
    SELECT *,
           least(accueil_cafe_realise, plafond_accueil_cafe_convention) AS accueil_cafe_retenu,
           round(depenses_hors_accueil_cafe + least(accueil_cafe_realise, plafond_accueil_cafe_convention), 2) AS du_service_fait,
           montant_au_taux(taux_avance, montant_conventionne) AS avance
    FROM base
),
retenu AS (
    SELECT *, least(du_service_fait, plafond_convention, montant_conventionne) AS du_retenu FROM calcul
)
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance,
       du_service_fait, du_retenu, avance,
       solde_periode(date_debut, date_fin, du_retenu, avance) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu, statut_periode,
       nb_groupes, plafond_convention, plafond_accueil_cafe_convention, depenses_hors_accueil_cafe, accueil_cafe_realise, accueil_cafe_retenu
FROM retenu
ORDER BY code_operateur, date_debut
