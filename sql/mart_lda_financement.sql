-- Amount due to each operator per Logement d'abord convention, « en fonction du service fait » (spec 2.4 "Financing
-- formula", §0.5, ambiguities 3-4):
--   du_service_fait = Σ mois-mesures started inside the convention period × tarif_12_mois_<dispositif> / 12
--                     + (ENVAUL) Σ per measure of min(justified subsides dated in the period,
--                                                    plafond_subsides_12_mois_envaul × the measure's mois-mesures in the period / 12)
--   du_retenu = min(du_service_fait, montant_conventionne); avance = taux_avance × montant_conventionne;
--   solde = du_retenu − avance; trop_percu = −solde when negative, else 0.
-- Tariffs and caps come from ref.parametres for the convention's fiche, exercice = the latest one ≤ the year the
-- convention starts, else the earliest known (int_lda_conventions). While the period runs (statut_periode = 'en_cours')
-- these are figures to date, not a balance to pay.
-- test: unique(id_convention)
-- test: not_null(du_service_fait, du_retenu, avance, solde, trop_percu)
-- test: expression(du_retenu <= montant_conventionne AND du_retenu <= du_service_fait)
-- test: expression(trop_percu = greatest(-solde, 0))
WITH mois AS (
    -- Mois-mesures of each measure paid by the convention (int_lda_mois_conventions says which convention pays which).
    SELECT id_convention, dispositif, cle_mesure, count(*) AS mois_mesures
    FROM int_lda_mois_conventions
    GROUP BY ALL
),
subsides AS (
    SELECT m.id_convention, m.cle_mesure, m.mois_mesures, sum(s.montant) AS depense
    FROM mois AS m
    JOIN int_lda_conventions AS c USING (id_convention, dispositif)
    JOIN staging_envaul_subsides AS s
      ON s.code_operateur || '/' || s.id_mesure = m.cle_mesure AND s.justificatif AND s.date BETWEEN c.date_debut AND c.date_fin
    GROUP BY ALL
),
par_convention AS (
    SELECT
        c.id_convention,
        coalesce(sum(m.mois_mesures), 0) AS mois_mesures,
        count(DISTINCT m.cle_mesure) AS nb_mesures,
        coalesce(sum(m.mois_mesures * c.tarif_12_mois / 12), 0) AS du_accompagnement
    FROM int_lda_conventions AS c
    LEFT JOIN mois AS m USING (id_convention, dispositif)
    GROUP BY ALL
),
subsides_retenus AS (
    SELECT s.id_convention, sum(least(s.depense, c.plafond_subsides_12_mois * s.mois_mesures / 12)) AS du_subsides, sum(s.depense) AS subsides_depenses
    FROM subsides AS s
    JOIN (SELECT DISTINCT id_convention, plafond_subsides_12_mois FROM int_lda_conventions WHERE dispositif = 'envaul') AS c USING (id_convention)
    GROUP BY ALL
),
totaux AS (
    SELECT
        c.id_convention, c.fiche, c.code_operateur, c.perimetre, c.date_debut, c.date_fin,
        CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne,
        CAST(c.taux_avance AS DOUBLE) AS taux_avance,
        p.mois_mesures, p.nb_mesures,
        round(p.du_accompagnement, 2) AS du_accompagnement,
        round(coalesce(s.subsides_depenses, 0), 2) AS subsides_depenses,
        round(coalesce(s.du_subsides, 0), 2) AS du_subsides
    FROM (SELECT DISTINCT id_convention, fiche, code_operateur, perimetre, date_debut, date_fin, montant_conventionne, taux_avance FROM int_lda_conventions) AS c
    JOIN par_convention AS p USING (id_convention)
    LEFT JOIN subsides_retenus AS s USING (id_convention)
),
calcul AS (
    SELECT
        t.*,
        t.du_accompagnement + t.du_subsides AS du_service_fait,
        least(t.du_accompagnement + t.du_subsides, t.montant_conventionne) AS du_retenu,
        round(t.taux_avance * t.montant_conventionne, 2) AS avance,
        CASE WHEN t.date_fin <= (SELECT date_reference FROM ref.date_reference) THEN 'close' ELSE 'en_cours' END AS statut_periode
    FROM totaux AS t
)
SELECT *, round(du_retenu - avance, 2) AS solde, round(greatest(avance - du_retenu, 0), 2) AS trop_percu
FROM calcul
ORDER BY fiche, code_operateur, date_debut
