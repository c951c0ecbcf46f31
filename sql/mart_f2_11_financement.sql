-- Fiche 2.11 (sensibilisation des professionnels): amount due to each operator per convention, « en fonction du
-- service fait » (spec 2.11 "Financing formula", §0.5):
--   du_service_fait = n(sessions funded in int_f2_11_sessions by this convention: dated in its period, on a lot of its
--                     perimetre, at least participants_min_session participants present on the attendance sheet, « Une
--                     session d'information sera financée à partir de 8 participants ») × the session unit cost agreed
--                     in the convention (tarifs_unitaires « session=… »)
--   du_convention = min(du_service_fait, plafond of the convention's lot(s) (8 000 € lot 1, 12 000 € lot 2), montant_conventionne)
--   du_retenu = du_convention, or, when the conventions of the exercice (the year they start) are together due more than
--               the envelope of all 2.11 projects (enveloppe_totale 20 000 €, spec §0.5.2), their share of it in
--               proportion (macros/partager_enveloppe.sql, as 2.3 and 2.12); alert r04 says when it bound
--   avance = taux_avance × montant_conventionne; solde = du_retenu − avance; trop_percu = −solde when negative, both
--   for a closed period only (statut_periode, macros/periodes_conventions.sql).
-- Detail columns: sessions, funded sessions, distinct professionals present against the lot's minimum
-- (60 / 90), and the « état budgétaire » (Σ montant_realise of the comptes rendus financiers) next to the due.
-- Parameters: for each convention, the latest exercice up to the year it starts, else the earliest known.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, montant_conventionne, taux_avance, avance, statut_periode, statut_calcul, nb_sessions, nb_sessions_financees)
-- test: accepted_values(statut_calcul: calcule, tarif_session_non_renseigne)
-- test: expression(statut_calcul <> 'calcule' OR (du_retenu <= montant_conventionne AND du_retenu <= du_service_fait AND du_retenu <= plafond_lots AND (statut_periode <> 'close' OR trop_percu = greatest(-solde, 0))))
-- test: expression(nb_sessions_financees <= nb_sessions)
WITH conventions AS (
    SELECT *, list_filter(perimetre, x -> x IN ('lot1', 'lot2')) AS lots,
           TRY_CAST(regexp_extract(tarifs_unitaires, 'session\s*=\s*([0-9]+(\.[0-9]+)?)', 1) AS DOUBLE) AS tarif_session
    FROM staging_conventions WHERE fiche = 'f2_11_sensibilisation_pe'
),
parametres AS (
    SELECT id_convention, parametre, valeur FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
),
p AS (
    SELECT c.id_convention,
        max(p.valeur) FILTER (WHERE p.parametre = 'participants_min_session') AS participants_min_session,
        coalesce(max(p.valeur) FILTER (WHERE p.parametre = 'plafond_lot1' AND list_contains(c.lots, 'lot1')), 0)
          + coalesce(max(p.valeur) FILTER (WHERE p.parametre = 'plafond_lot2' AND list_contains(c.lots, 'lot2')), 0) AS plafond_lots,
        max(p.valeur) FILTER (WHERE p.parametre = 'enveloppe_totale') AS enveloppe,
        coalesce(max(p.valeur) FILTER (WHERE p.parametre = 'professionnels_min_lot1' AND list_contains(c.lots, 'lot1')), 0)
          + coalesce(max(p.valeur) FILTER (WHERE p.parametre = 'professionnels_min_lot2' AND list_contains(c.lots, 'lot2')), 0) AS professionnels_min
    FROM conventions AS c
    LEFT JOIN parametres AS p USING (id_convention)
    GROUP BY ALL
),
sessions AS (
    SELECT c.id_convention, s.* EXCLUDE (id_convention), s.id_convention AS convention_payeuse
    FROM conventions AS c
    JOIN int_f2_11_sessions AS s
      ON s.code_operateur = c.code_operateur AND s.date BETWEEN c.date_debut AND c.date_fin AND list_contains(c.lots, s.lot)
),
par_convention AS (
    SELECT c.id_convention,
        count(s.id_session) AS nb_sessions,
        count(s.id_session) FILTER (WHERE s.financee AND s.convention_payeuse = c.id_convention) AS nb_sessions_financees
    FROM conventions AS c
    JOIN p USING (id_convention)
    LEFT JOIN sessions AS s USING (id_convention)
    GROUP BY ALL
),
professionnels AS (
    SELECT s.id_convention, count(DISTINCT e.cle_participant) AS nb_professionnels
    FROM sessions AS s JOIN staging_sens_emargements AS e ON e.cle_session = s.cle_session AND e.present
    GROUP BY ALL
),
comptes_rendus AS (
    SELECT r.id_convention, sum(r.montant_realise) AS budget_realise
    FROM staging_comptes_rendus_financiers AS r
    GROUP BY ALL
),
calcul AS (
    SELECT
        c.fiche, c.code_operateur, c.id_convention, c.perimetre, c.date_debut, c.date_fin,
        CAST(c.montant_conventionne AS DOUBLE) AS montant_conventionne,
        CAST(c.taux_avance AS DOUBLE) AS taux_avance,
        c.tarif_session, p.participants_min_session, p.plafond_lots, p.professionnels_min, p.enveloppe,
        CAST(year(c.date_debut) AS VARCHAR) AS exercice,
        s.nb_sessions, s.nb_sessions_financees, coalesce(pr.nb_professionnels, 0) AS nb_professionnels,
        round(cr.budget_realise, 2) AS budget_realise,
        CASE WHEN c.tarif_session IS NOT NULL THEN 'calcule' ELSE 'tarif_session_non_renseigne' END AS statut_calcul,
        round(s.nb_sessions_financees * c.tarif_session, 2) AS du_service_fait,
        montant_au_taux(c.taux_avance, c.montant_conventionne) AS avance,
        statut_periode(c.date_debut, c.date_fin) AS statut_periode
    FROM conventions AS c
    JOIN p USING (id_convention)
    JOIN par_convention AS s USING (id_convention)
    LEFT JOIN professionnels AS pr USING (id_convention)
    LEFT JOIN comptes_rendus AS cr USING (id_convention)
),
conventionnes AS (
    -- least() ignores NULLs: an amount not computed stays NULL (and out of the exercice's sum).
    SELECT *, CASE WHEN du_service_fait IS NOT NULL THEN least(du_service_fait, plafond_lots, montant_conventionne) END AS du_convention
    FROM calcul
),
retenus AS (
    SELECT *, part_enveloppe(du_convention, du_exercice, enveloppe) AS du_retenu
    FROM (SELECT *, sum(du_convention) OVER (PARTITION BY exercice) AS du_exercice FROM conventionnes)
)
SELECT *,
    solde_periode(date_debut, date_fin, du_retenu, avance) AS solde,
    trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS trop_percu
FROM retenus
ORDER BY code_operateur, date_debut
