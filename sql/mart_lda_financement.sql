-- Amount due to each operator per Logement d'abord convention, « en fonction du service fait » (spec 2.4 "Financing
-- formula", §0.5, ambiguities 3-4 and 6, issue 14 points 6, 11, 12):
--   du_accompagnement = Σ mois-mesures started inside the convention period × tarif_12_mois_<dispositif> / 12;
--   du_subsides (ENVAUL) = Σ per measure of what this period pays of its subsides. The cap is per measure over its
--       life (ruling on spec §2.4 r14): at a period's close (its end, or the snapshot date while it runs) the measure
--       is owed min(its justified subsides dated up to then, plafond_subsides_12_mois × its mois-mesures started up
--       to then / 12), and the period pays that minus what the earlier periods paying the measure paid. So a deposit
--       or first furniture bought in month 1 beyond the cap to date is paid later, as the cap grows, by the same or
--       a later convention, instead of being lost;
--   du_mesures = du_accompagnement + du_subsides, rounded once (issue 14 point 12): the numerators are kept exact in
--       twelfths of euros (DECIMAL: tariff × mois-mesures, 12 × subsides) and divided by 12 only in arrondi_centimes,
--       so du_accompagnement and du_subsides, rounded for reading, may add up to a cent more or less than du_mesures;
--   du_securisation (ADSL, VIAL) = the sécurisation financière « paid on top, within the unused part »: Σ over the
--       requests accorded with justificatifs, dated in the period, of min(montant_accorde, plafond_securisation_par_demande
--       5 000 €), within montant_conventionne − du_mesures (the unused mois-mesures; ambiguity 6);
--   du_service_fait = du_mesures + du_securisation; du_retenu = min(du_service_fait, montant_conventionne);
--   avance = taux_avance × montant_conventionne; solde = du_retenu − avance; trop_percu = −solde when negative, else 0:
--   for a closed period only (statut_periode, macros/periodes_conventions.sql).
-- Tariffs and caps come from ref.parametres for the convention's fiche, exercice = the latest one ≤ the year the
-- convention starts, else the earliest known (int_lda_conventions). A period to come or running shows its advance
-- and what is due so far, not a balance to pay.
-- test: unique(id_convention)
-- test: not_null(du_accompagnement, du_subsides, du_mesures, du_securisation, du_service_fait, du_retenu, avance, statut_periode)
-- test: expression(du_retenu <= montant_conventionne AND du_retenu <= du_service_fait)
-- test: expression(du_securisation <= greatest(montant_conventionne - du_mesures, 0))
-- test: expression(abs(du_accompagnement + du_subsides - du_mesures) <= 0.01)
-- test: expression(statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))
WITH conventions AS (
    SELECT DISTINCT id_convention, fiche, code_operateur, perimetre, date_debut, date_fin, montant_conventionne, taux_avance
    FROM int_lda_conventions
),
arrete AS (
    SELECT max(date_arrete) AS date_arrete FROM staging_lda_mesures
),
mois AS (
    -- Mois-mesures of each measure paid by the convention (int_lda_mois_conventions says which convention pays which).
    SELECT id_convention, dispositif, cle_mesure, count(*) AS mois_mesures, CAST(any_value(tarif_12_mois) AS DECIMAL(18, 2)) AS tarif_12_mois
    FROM int_lda_mois_conventions
    GROUP BY ALL
),
accompagnement AS (
    SELECT id_convention, sum(mois_mesures) AS mois_mesures, count(DISTINCT cle_mesure) AS nb_mesures,
           sum(mois_mesures * tarif_12_mois) AS accompagnement_x12
    FROM mois
    GROUP BY ALL
),
periodes_envaul AS (
    -- Each ENVAUL measure with every convention period paying some of its mois-mesures, and that period's close.
    SELECT m.cle_mesure, m.id_convention, c.date_debut, least(c.date_fin, a.date_arrete) AS cloture,
           CAST(c.plafond_subsides_12_mois AS DECIMAL(18, 2)) AS plafond_subsides_12_mois
    FROM mois AS m
    JOIN int_lda_conventions AS c USING (id_convention, dispositif)
    CROSS JOIN arrete AS a
    WHERE m.dispositif = 'envaul'
),
subsides_justifies AS (
    SELECT code_operateur || '/' || id_mesure AS cle_mesure, date, montant
    FROM staging_envaul_subsides
    WHERE justificatif
),
a_date AS (
    -- At each close: the measure's justified subsides and mois-mesures so far (the latter in any convention or none).
    SELECT p.*,
           coalesce((SELECT sum(s.montant) FROM subsides_justifies AS s WHERE s.cle_mesure = p.cle_mesure AND s.date <= p.cloture), 0) AS subsides_cumules,
           coalesce((SELECT sum(s.montant) FROM subsides_justifies AS s WHERE s.cle_mesure = p.cle_mesure AND s.date BETWEEN p.date_debut AND p.cloture), 0) AS subsides_periode,
           (SELECT count(*) FROM int_lda_mois_mesures AS mm WHERE mm.cle_mesure = p.cle_mesure AND mm.debut_mois_mesure <= p.cloture) AS mois_cumules
    FROM periodes_envaul AS p
),
dus_cumules AS (
    -- 12 × what the measure is owed at the close, exact.
    SELECT *, least(12 * subsides_cumules, plafond_subsides_12_mois * mois_cumules) AS du_cumule_x12
    FROM a_date
),
subsides_payes AS (
    -- What earlier periods paid is the most any of them owed (each pays only the growth beyond it; never negative,
    -- should a later exercice lower the cap).
    SELECT *,
           greatest(du_cumule_x12 - coalesce(max(du_cumule_x12) OVER (PARTITION BY cle_mesure ORDER BY cloture, id_convention
                                                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), 0) AS paye_x12
    FROM dus_cumules
),
subsides AS (
    SELECT id_convention, sum(paye_x12) AS subsides_x12, sum(subsides_periode) AS subsides_depenses
    FROM subsides_payes
    GROUP BY ALL
),
securisation AS (
    -- Requests accorded with justificatifs, dated in the period, for an ADSL/VIAL measure the convention covers.
    SELECT c.id_convention, count(*) AS nb_demandes_securisation, sum(s.montant_accorde) AS securisation_accordee,
           sum(least(s.montant_accorde, CAST(c.plafond_securisation_par_demande AS DECIMAL(18, 2)))) AS securisation_plafonnee
    FROM staging_lda_securisation AS s
    JOIN staging_lda_mesures AS m USING (cle_mesure)
    JOIN int_lda_conventions AS c
      ON c.code_operateur = m.code_operateur AND c.fiche = m.fiche AND c.dispositif = m.dispositif
     AND list_contains(c.perimetre, m.territoire_lda) AND s.date_demande BETWEEN c.date_debut AND c.date_fin
    WHERE s.decision = 'accordee' AND s.justificatifs AND c.plafond_securisation_par_demande IS NOT NULL
    GROUP BY ALL
),
totaux AS (
    SELECT
        c.id_convention, c.fiche, c.code_operateur, c.perimetre, c.date_debut, c.date_fin, c.montant_conventionne, c.taux_avance,
        coalesce(a.mois_mesures, 0) AS mois_mesures, coalesce(a.nb_mesures, 0) AS nb_mesures,
        arrondi_centimes(coalesce(a.accompagnement_x12, 0), 12) AS du_accompagnement,
        CAST(coalesce(s.subsides_depenses, 0) AS DECIMAL(18, 2)) AS subsides_depenses,
        arrondi_centimes(coalesce(s.subsides_x12, 0), 12) AS du_subsides,
        arrondi_centimes(coalesce(a.accompagnement_x12, 0) + coalesce(s.subsides_x12, 0), 12) AS du_mesures,
        coalesce(se.nb_demandes_securisation, 0) AS nb_demandes_securisation,
        CAST(coalesce(se.securisation_accordee, 0) AS DECIMAL(18, 2)) AS securisation_accordee,
        coalesce(se.securisation_plafonnee, 0) AS securisation_plafonnee
    FROM conventions AS c
    LEFT JOIN accompagnement AS a USING (id_convention)
    LEFT JOIN subsides AS s USING (id_convention)
    LEFT JOIN securisation AS se USING (id_convention)
),
securise AS (
    SELECT *,
           CAST(least(securisation_plafonnee, greatest(montant_conventionne - du_mesures, 0)) AS DECIMAL(18, 2)) AS du_securisation
    FROM totaux
),
calcul AS (
    SELECT
        t.*,
        CAST(t.du_mesures + t.du_securisation AS DECIMAL(18, 2)) AS du_service_fait,
        CAST(least(t.du_mesures + t.du_securisation, t.montant_conventionne) AS DECIMAL(18, 2)) AS du_retenu,
        montant_au_taux(t.taux_avance, t.montant_conventionne) AS avance,
        statut_periode(t.date_debut, t.date_fin) AS statut_periode
    FROM securise AS t
)
SELECT *, solde_periode(date_debut, date_fin, du_retenu, avance) AS solde, trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu
FROM calcul
ORDER BY fiche, code_operateur, date_debut
