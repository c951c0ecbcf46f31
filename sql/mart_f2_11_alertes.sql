-- Fiche 2.11 (sensibilisation des professionnels) rule checks (spec 2.11 §2) as alerts. id_enregistrement is the
-- session (r01, r02, r06, r07, r09), the participant's session|participant pair (r10), the convention (r03-r05, r08,
-- r11; r04 lot cap and envelope) or 'ensemble' for the département-wide total of r03 (code_operateur 'tous').
-- Thresholds of a convention are those in force for it (int_parametres_conventions); the département-wide objective
-- (r03 total) that in force on the latest snapshot date (int_parametres_en_vigueur).
-- Checks over a whole convention (r03 minimum of professionals, r05 both programmes) are warnings once the convention
-- has ended (the latest snapshot is past its end) and « info » while it runs (a figure to date, not yet a break).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11)
WITH s AS (SELECT * FROM int_f2_11_sessions),
arrete AS (SELECT max(date_arrete) AS date_arrete FROM s),
departement AS (
    SELECT max(p.valeur) FILTER (WHERE p.parametre = 'professionnels_min_total') AS professionnels_min_total
    FROM int_parametres_en_vigueur AS p JOIN arrete AS a ON a.date_arrete BETWEEN p.du AND p.au
    WHERE p.fiche = 'f2_11_sensibilisation_pe'
),
prm AS (
    SELECT id_convention,
           max(valeur) FILTER (WHERE parametre = 'taux_avance') AS taux_avance_max,
           max(valeur) FILTER (WHERE parametre = 'bilan_intermediaire_min_mois') AS bilan_min_mois,
           max(valeur) FILTER (WHERE parametre = 'bilan_intermediaire_max_mois') AS bilan_max_mois
    FROM int_parametres_conventions WHERE fiche = 'f2_11_sensibilisation_pe'
    GROUP BY id_convention
),
f AS (
    SELECT m.*, CASE WHEN m.date_fin <= a.date_arrete THEN 'avertissement' ELSE 'info' END AS severite_cumul
    FROM mart_f2_11_financement AS m CROSS JOIN arrete AS a
),
bilans AS (SELECT * FROM staging_bilans WHERE fiche = 'f2_11_sensibilisation_pe'),
-- The fiche's ceiling on the advance rate for each convention (r11, macros/alertes_avance.sql).
avances_fiche AS (
    SELECT f.fiche, f.code_operateur, f.id_convention, f.montant_conventionne, f.taux_avance, prm.taux_avance_max AS taux_avance_fiche
    FROM f JOIN prm ON prm.id_convention = f.id_convention
),
alertes AS (
    SELECT s.code_operateur, s.id_session AS id_enregistrement, 'r01' AS regle, 'erreur' AS severite,
           format('session du {} : {} présent(s) à l''émargement ({} déclaré(s)), moins de {} : session non financée',
                  strftime(s.date, '%d/%m/%Y'), s.participants_retenus, s.nb_participants_presents,
                  CAST(s.participants_min AS INTEGER)) AS detail
    FROM s WHERE NOT s.seuil_atteint
    UNION ALL
    -- A session no convention pays (§0.5.1: acts dated inside the convention period, on its lot) is not funded either.
    SELECT s.code_operateur, s.id_session, 'r01', 'erreur',
           format('session du {} hors de toute convention 2.11 de l''opérateur sur le {} : session non financée', strftime(s.date, '%d/%m/%Y'), s.lot)
    FROM s WHERE s.id_convention IS NULL
    UNION ALL
    SELECT code_operateur, id_session, 'r02', 'avertissement',
           CASE WHEN date_validation_inscriptions_slisl IS NULL THEN 'inscriptions non validées par le SLISL'
                ELSE format('inscriptions validées par le SLISL le {}, après la session du {}', strftime(date_validation_inscriptions_slisl, '%d/%m/%Y'), strftime(date, '%d/%m/%Y')) END
    FROM s WHERE date_validation_inscriptions_slisl IS NULL OR date_validation_inscriptions_slisl > date
    UNION ALL
    SELECT code_operateur, id_convention, 'r03', severite_cumul,
           format('{} professionnel(s) distinct(s) sensibilisé(s) sur la convention, minimum attendu {}', nb_professionnels, CAST(professionnels_min AS INTEGER))
    FROM f WHERE nb_professionnels < professionnels_min
    UNION ALL
    SELECT 'tous', 'ensemble', 'r03', CASE WHEN bool_and(f.severite_cumul = 'avertissement') THEN 'avertissement' ELSE 'info' END,
           format('{} professionnels distincts sensibilisés au total (somme des conventions), objectif départemental {}',
                  sum(f.nb_professionnels), CAST(any_value(prm.professionnels_min_total) AS INTEGER))
    FROM f CROSS JOIN departement AS prm
    HAVING count(*) > 0 AND sum(f.nb_professionnels) < any_value(prm.professionnels_min_total)
    UNION ALL
    SELECT code_operateur, id_convention, 'r04', 'erreur',
           format('dû au service fait {} € au-delà du plafond du lot ({} €) : retenu {} €',
                  montant_fr(du_service_fait), montant_fr(plafond_lots), montant_fr(du_retenu))
    FROM f WHERE du_service_fait > plafond_lots
    UNION ALL
    -- The conventions of the exercice together above the envelope: each one is retained in proportion (financing).
    SELECT code_operateur, id_convention, 'r04', 'erreur',
           format('conventions 2.11 {} : {} € dus au total pour une enveloppe de {} € ; montant retenu réduit en proportion ({} € sur {} €)',
                  exercice, montant_fr(du_exercice), montant_fr(enveloppe),
                  montant_fr(du_retenu), montant_fr(du_convention))
    FROM f WHERE du_exercice > enveloppe
    UNION ALL
    SELECT f.code_operateur, f.id_convention, 'r05', f.severite_cumul,
           format('aucune session du programme « {} » sur la convention', x.programme)
    FROM f CROSS JOIN (VALUES ('niveau_1_decouverte'), ('niveau_2_approfondissement')) AS x(programme)
    WHERE NOT EXISTS (SELECT 1 FROM s JOIN staging_conventions AS c ON c.id_convention = f.id_convention
                      WHERE s.code_operateur = c.code_operateur AND s.date BETWEEN c.date_debut AND c.date_fin
                        AND list_contains(c.perimetre, s.lot) AND s.programme = x.programme)
    UNION ALL
    SELECT code_operateur, id_session, 'r06', 'avertissement', 'support de formation non remis aux participants'
    FROM s WHERE NOT support_remis
    UNION ALL
    SELECT s.code_operateur, s.id_session, 'r07', 'avertissement',
           CASE WHEN s.lignes_emargement = 0 THEN 'session sans feuille d''émargement'
                ELSE format('{} présent(s) à l''émargement pour {} participant(s) déclaré(s)', s.presents_emargement, s.nb_participants_presents) END
    FROM s
    WHERE s.lignes_emargement = 0 OR s.presents_emargement <> s.nb_participants_presents
    UNION ALL
    -- r08: interim bilan between start + 4 months and start + 6 months; final bilan once the convention has ended.
    SELECT f.code_operateur, f.id_convention, 'r08', 'avertissement',
           CASE WHEN b.id_bilan IS NULL THEN format('aucun bilan intermédiaire entre le {} et le {}',
                        strftime(f.date_debut + to_months(CAST(prm.bilan_min_mois AS INTEGER)), '%d/%m/%Y'), strftime(f.date_debut + to_months(CAST(prm.bilan_max_mois AS INTEGER)), '%d/%m/%Y'))
                ELSE format('bilan intermédiaire du {} hors de la fenêtre du {} au {}', strftime(b.date_remise, '%d/%m/%Y'),
                        strftime(f.date_debut + to_months(CAST(prm.bilan_min_mois AS INTEGER)), '%d/%m/%Y'), strftime(f.date_debut + to_months(CAST(prm.bilan_max_mois AS INTEGER)), '%d/%m/%Y')) END
    FROM f JOIN prm ON prm.id_convention = f.id_convention CROSS JOIN arrete AS a
    LEFT JOIN (SELECT * FROM bilans WHERE type_bilan = 'bilan_intermediaire_action') AS b ON b.id_objet = f.id_convention
    WHERE (b.id_bilan IS NULL AND a.date_arrete > f.date_debut + to_months(CAST(prm.bilan_max_mois AS INTEGER)))
       OR b.date_remise NOT BETWEEN f.date_debut + to_months(CAST(prm.bilan_min_mois AS INTEGER)) AND f.date_debut + to_months(CAST(prm.bilan_max_mois AS INTEGER))
    UNION ALL
    SELECT f.code_operateur, f.id_convention, 'r08', 'avertissement', format('convention terminée le {} : bilan final non remis', strftime(f.date_fin, '%d/%m/%Y'))
    FROM f CROSS JOIN arrete AS a
    WHERE f.date_fin < a.date_arrete AND NOT EXISTS (SELECT 1 FROM bilans AS b WHERE b.type_bilan = 'bilan_final_action' AND b.id_objet = f.id_convention)
    UNION ALL
    SELECT code_operateur, id_session, 'r09', 'erreur',
           CASE WHEN lot_commune IS NULL THEN format('commune {} inconnue ou hors Pas-de-Calais', code_commune_lieu)
                ELSE format('commune {} (territoire {}) hors du {} déclaré pour la session', code_commune_lieu, territoire_mds, lot) END
    FROM s WHERE lot_commune IS DISTINCT FROM lot
    UNION ALL
    SELECT s.code_operateur, s.id_session, 'r09', 'erreur', format('session du {} sur le {}, hors des conventions 2.11 de l''opérateur', strftime(s.date, '%d/%m/%Y'), s.lot)
    FROM s WHERE NOT EXISTS (SELECT 1 FROM staging_conventions AS c WHERE c.fiche = 'f2_11_sensibilisation_pe' AND c.code_operateur = s.code_operateur
                               AND list_contains(c.perimetre, s.lot) AND s.date BETWEEN c.date_debut AND c.date_fin)
    UNION ALL
    SELECT code_operateur, id_session || '|' || id_participant, 'r10', 'avertissement', 'catégorie professionnelle du participant non renseignée'
    FROM staging_sens_emargements WHERE categorie_professionnelle IS NULL
    UNION ALL
    SELECT code_operateur, id_enregistrement, regle, severite, detail
    FROM alertes_avance('r11', avances_fiche, staging_versements, au_plus := true)
)
SELECT 'f2_11_sensibilisation_pe' AS fiche, * FROM alertes
