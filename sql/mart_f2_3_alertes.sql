-- Rule checks of fiche 2.3 ASTRE (spec 2.3 §2, ambiguities 10-12) as alerts: fiche, operator, record, rule, severity,
-- detail in French. Durations, rhythms, caps and rates come from ref.parametres, never literals: those in force on
-- the day the measure starts, the mois-mesure starts or the situation is identified (int_parametres_en_vigueur).
-- id_enregistrement: id_mesure (r01-r07, r11, r12), id_saisine (r08), id_convention (r09, r10, r13).
-- The deadlines of r02 (contract not sent yet) and r11 (works started or achieved by then) run to the run's reference
-- date (ref.date_reference), not to the measure's snapshot: a document still missing after the files stop stays late.
--   r01 erreur        a measure starts after its saisine was validated (decision validee, date_decision ≤ date_debut)
--   r02 avertissement contract sent to the SPSLH within delai_envoi_contrat_mois (1) of the start
--   r03 erreur        at most duree_mesure_mois (12) mois-mesures per measure
--   r04 avertissement each mois-mesure whose window is over has ≥ visites_min_mois (1) visit (astre_contacts type visite);
--       info when none of that month's visits is at home (« de préférence à domicile »)
--   r05 avertissement a measure that has run bilan_intermediaire_apres_mois (3) months has an interim bilan
--       (bilan_3m, bilan_6m or bilan_9m) — « si nécessaire », hence a warning
--   r06 erreur        an ended measure has its bilan_fin_mesure (individual evaluation at the end)
--   r07 avertissement an exit by non-adhesion, break of contact or abandonment is reported (date_signalement_sortie);
--       info with the lag when it was reported after the end (« sans délai » has no figure)
--   r08 erreur        diagnostic amount ≤ 220 € (simple) / 440 € (complet)
--   r09 erreur        service done ≤ the convention amount; Σ over the exercice's conventions ≤ the 53 000 € envelope
--   r10 avertissement measures started in the exercice's conventions (all operators) ≤ the 20-measure target
--   r11 avertissement photos before works once works have started, photos after once works are achieved
--   r12 erreur        the household is owner-occupier (statut_occupation = proprietaire_occupant)
--   r13 erreur        advance (convention rate, and advances actually paid) ≤ 80 % of the convention amount
--                     (macros/alertes_avance.sql)
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13)
WITH p AS (
    SELECT du, au,
        max(valeur) FILTER (WHERE parametre = 'duree_mesure_mois') AS duree_mesure,
        max(valeur) FILTER (WHERE parametre = 'delai_envoi_contrat_mois') AS delai_contrat,
        max(valeur) FILTER (WHERE parametre = 'visites_min_mois') AS visites_min,
        max(valeur) FILTER (WHERE parametre = 'bilan_intermediaire_apres_mois') AS bilan_apres,
        max(valeur) FILTER (WHERE parametre = 'plafond_diagnostic_simple') AS plafond_simple,
        max(valeur) FILTER (WHERE parametre = 'plafond_diagnostic_complet') AS plafond_complet
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_3_astre'
    GROUP BY du, au
),
m AS (
    SELECT m.*, p.* EXCLUDE (du, au),
           (SELECT count(*) FROM int_f2_3_mois_mesures AS mm WHERE mm.cle_mesure = m.cle_mesure) AS nb_mois
    FROM int_f2_3_mesures AS m LEFT JOIN p ON m.date_debut BETWEEN p.du AND p.au
),
mesures AS (
    SELECT m.code_operateur, m.id_mesure, 'r01' AS regle, 'erreur' AS severite,
           CASE WHEN s.id_saisine IS NULL THEN format('saisine {} introuvable : la mesure ne peut débuter qu''après validation', m.id_saisine)
                WHEN s.decision_spslh IS DISTINCT FROM 'validee' THEN format('saisine {} non validée ({}) alors que la mesure a débuté le {}', m.id_saisine,
                     coalesce(s.decision_spslh, 'sans décision'), strftime(m.date_debut, '%d/%m/%Y'))
                ELSE format('mesure débutée le {} avant la validation de la saisine {} le {}', strftime(m.date_debut, '%d/%m/%Y'), m.id_saisine,
                     strftime(s.date_decision, '%d/%m/%Y')) END AS detail
    FROM m
    LEFT JOIN staging_astre_saisines AS s ON s.code_operateur = m.code_operateur AND s.id_saisine = m.id_saisine
    WHERE s.id_saisine IS NULL OR s.decision_spslh IS DISTINCT FROM 'validee' OR s.date_decision IS NULL OR s.date_decision > m.date_debut
    UNION ALL
    SELECT code_operateur, id_mesure, 'r02', 'avertissement',
           CASE WHEN date_envoi_contrat_spslh IS NULL
                THEN format('contrat non transmis au SPSLH, mesure débutée le {} (délai : {} mois)', strftime(date_debut, '%d/%m/%Y'), CAST(delai_contrat AS INTEGER))
                ELSE format('contrat transmis au SPSLH le {}, plus de {} mois après le début de la mesure ({})', strftime(date_envoi_contrat_spslh, '%d/%m/%Y'),
                            CAST(delai_contrat AS INTEGER), strftime(date_debut, '%d/%m/%Y')) END
    FROM m
    WHERE date_envoi_contrat_spslh > date_debut + to_months(CAST(delai_contrat AS INTEGER))
       OR (date_envoi_contrat_spslh IS NULL AND date_debut + to_months(CAST(delai_contrat AS INTEGER)) < date_reference())
    UNION ALL
    SELECT code_operateur, id_mesure, 'r03', 'erreur',
           format('{} mois-mesures : une mesure ASTRE dure {} mois au plus', nb_mois, CAST(duree_mesure AS INTEGER))
    FROM m WHERE nb_mois > duree_mesure
    UNION ALL
    SELECT m.code_operateur, m.id_mesure, 'r05', 'avertissement',
           format('aucun bilan intermédiaire (3, 6 ou 9 mois) alors que la mesure a atteint {} mois le {}', CAST(m.bilan_apres AS INTEGER),
                  strftime(m.date_debut + to_months(CAST(m.bilan_apres AS INTEGER)), '%d/%m/%Y'))
    FROM m
    WHERE m.date_debut + to_months(CAST(m.bilan_apres AS INTEGER)) <= m.date_fin_effective + 1
      AND NOT EXISTS (SELECT 1 FROM staging_bilans AS b WHERE b.code_operateur = m.code_operateur AND b.fiche = 'f2_3_astre' AND b.objet = 'mesure'
                      AND b.id_objet = m.id_mesure AND b.type_bilan IN ('bilan_3m', 'bilan_6m', 'bilan_9m'))
    UNION ALL
    SELECT m.code_operateur, m.id_mesure, 'r06', 'erreur',
           format('mesure terminée le {} sans bilan de fin de mesure (évaluation individuelle)', strftime(m.date_fin, '%d/%m/%Y'))
    FROM m
    WHERE m.terminee
      AND NOT EXISTS (SELECT 1 FROM staging_bilans AS b WHERE b.code_operateur = m.code_operateur AND b.fiche = 'f2_3_astre' AND b.objet = 'mesure'
                      AND b.id_objet = m.id_mesure AND b.type_bilan = 'bilan_fin_mesure')
    UNION ALL
    SELECT code_operateur, id_mesure, 'r07', 'avertissement',
           format('sortie ({}) du {} non signalée au SPSLH', motif_arret, strftime(date_fin, '%d/%m/%Y'))
    FROM m WHERE motif_arret IN ('non_adhesion', 'rupture_contact', 'abandon_projet') AND date_signalement_sortie IS NULL
    UNION ALL
    SELECT code_operateur, id_mesure, 'r07', 'info',
           format('sortie ({}) du {} signalée {} jours plus tard', motif_arret, strftime(date_fin, '%d/%m/%Y'), date_signalement_sortie - date_fin)
    FROM m WHERE motif_arret IN ('non_adhesion', 'rupture_contact', 'abandon_projet') AND date_signalement_sortie > date_fin
    UNION ALL
    SELECT code_operateur, id_mesure, 'r11', 'avertissement', 'travaux commencés sans photos avant travaux transmises au SPSLH'
    FROM m
    WHERE (statut_travaux IN ('en_cours', 'acheves') OR date_debut_travaux <= date_reference()) AND NOT photos_avant_transmises
    UNION ALL
    SELECT code_operateur, id_mesure, 'r11', 'avertissement', 'travaux achevés sans photos après travaux transmises au SPSLH'
    FROM m
    WHERE (statut_travaux = 'acheves' OR date_fin_travaux <= date_reference()) AND NOT photos_apres_transmises
    UNION ALL
    SELECT code_operateur, id_mesure, 'r12', 'erreur',
           format('ménage {} : ASTRE s''adresse aux propriétaires occupants', replace(statut_occupation, '_', ' '))
    FROM m WHERE statut_occupation <> 'proprietaire_occupant'
),
visites AS (
    -- r04: visits in each mois-mesure window that is over.
    SELECT mm.code_operateur, mm.id_mesure, mm.rang, mm.debut_mois_mesure, mm.fin_mois_mesure,
           count(c.id_contact) AS nb_visites, count(c.id_contact) FILTER (WHERE c.lieu = 'domicile') AS nb_domicile
    FROM int_f2_3_mois_mesures AS mm
    LEFT JOIN staging_astre_contacts AS c
      ON c.code_operateur = mm.code_operateur AND c.id_mesure = mm.id_mesure AND c.type_contact = 'visite'
     AND c.date BETWEEN mm.debut_mois_mesure AND mm.fin_mois_mesure
    WHERE mm.fenetre_close
    GROUP BY ALL
),
r04 AS (
    SELECT v.code_operateur, v.id_mesure, 'r04' AS regle, 'avertissement' AS severite,
           format('mois {} de la mesure (du {} au {}) : {} visite(s), {} au moins par mois', v.rang + 1, strftime(v.debut_mois_mesure, '%d/%m/%Y'),
                  strftime(v.fin_mois_mesure, '%d/%m/%Y'), v.nb_visites, CAST(p.visites_min AS INTEGER)) AS detail
    FROM visites AS v JOIN p ON v.debut_mois_mesure BETWEEN p.du AND p.au
    WHERE v.nb_visites < p.visites_min
    UNION ALL
    SELECT v.code_operateur, v.id_mesure, 'r04', 'info',
           format('mois {} de la mesure (du {} au {}) : aucune des {} visite(s) à domicile', v.rang + 1, strftime(v.debut_mois_mesure, '%d/%m/%Y'),
                  strftime(v.fin_mois_mesure, '%d/%m/%Y'), v.nb_visites)
    FROM visites AS v JOIN p ON v.debut_mois_mesure BETWEEN p.du AND p.au
    WHERE v.nb_visites >= p.visites_min AND v.nb_domicile = 0
),
r08 AS (
    SELECT s.code_operateur, s.id_saisine, 'r08' AS regle, 'erreur' AS severite,
           format('diagnostic {} de {} € : {} € au plus', s.diagnostic_mandate,
                  montant_fr(s.montant_diagnostic),
                  montant_fr(CASE s.diagnostic_mandate WHEN 'simple' THEN p.plafond_simple ELSE p.plafond_complet END)) AS detail
    FROM staging_astre_saisines AS s JOIN p ON s.date_identification BETWEEN p.du AND p.au
    WHERE s.diagnostic_mandate IN ('simple', 'complet')
      AND s.montant_diagnostic > CASE s.diagnostic_mandate WHEN 'simple' THEN p.plafond_simple ELSE p.plafond_complet END
),
euros AS (
    -- Conventions with their amounts written the French way (53 000,00 €).
    SELECT f.*, c.nb_mesures_objectif,
           montant_fr(f.du_service_fait) AS du_fr,
           montant_fr(f.montant_conventionne) AS montant_fr,
           montant_fr(f.du_exercice) AS exercice_fr,
           montant_fr(f.enveloppe_globale) AS enveloppe_fr,
           sum(f.nb_mesures_debutees) OVER (PARTITION BY f.exercice) AS mesures_exercice
    FROM (
        SELECT f.*, (SELECT count(*) FROM int_f2_3_mesures AS m
                     WHERE m.code_operateur = f.code_operateur AND m.date_debut BETWEEN f.date_debut AND f.date_fin) AS nb_mesures_debutees
        FROM mart_f2_3_financement AS f
    ) AS f
    JOIN int_f2_3_conventions AS c USING (id_convention)
),
-- The fiche's ceiling on the advance rate for each convention (r13, macros/alertes_avance.sql).
avances_fiche AS (
    SELECT fiche, code_operateur, id_convention, montant_conventionne, taux_avance, taux_avance_max AS taux_avance_fiche
    FROM mart_f2_3_financement
),
conventions AS (
    SELECT code_operateur, id_convention, 'r09' AS regle, 'erreur' AS severite,
           format('service fait de {} € au-delà du montant conventionné ({} €) : {} € retenus', du_fr, montant_fr,
                  montant_fr(du_retenu)) AS detail
    FROM euros WHERE du_service_fait > montant_conventionne
    UNION ALL
    SELECT code_operateur, id_convention, 'r09', 'erreur',
           format('conventions ASTRE {} : {} € dus au total pour une enveloppe de {} € ; montant retenu réduit en proportion', exercice, exercice_fr, enveloppe_fr)
    FROM euros WHERE du_exercice > enveloppe_globale
    UNION ALL
    SELECT code_operateur, id_convention, 'r10', 'avertissement',
           format('{} mesures débutées dans les conventions ASTRE {} (tous opérateurs) pour un objectif de {}', mesures_exercice, exercice,
                  CAST(nb_mesures_objectif AS INTEGER))
    FROM euros WHERE mesures_exercice > nb_mesures_objectif
    UNION ALL
    SELECT code_operateur, id_enregistrement, regle, severite, detail
    FROM alertes_avance('r13', avances_fiche, staging_versements, au_plus := true)
)
SELECT 'f2_3_astre' AS fiche, code_operateur, id_mesure AS id_enregistrement, regle, severite, detail FROM mesures
UNION ALL SELECT 'f2_3_astre', * FROM r04
UNION ALL SELECT 'f2_3_astre', * FROM r08
UNION ALL SELECT 'f2_3_astre', * FROM conventions
ORDER BY ALL
