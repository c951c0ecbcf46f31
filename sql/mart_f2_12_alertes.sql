-- Fiche 2.12 (précarité énergétique) rule checks (spec 2.12 §2) as alerts. id_enregistrement is the act
-- (id_prestation: r01, r03-r07), the household (r02, r03 warning « id_menage|mois », r08 « id_menage|mois », r09, r14),
-- the action (r10) or the convention (r11 envelope, r12, r13, r15).
-- Acts' funding conditions are computed once, in int_f2_12_prestations (motif_non_finance); thresholds are those in
-- force on the date of what is checked (int_parametres_en_vigueur): the SLISL validation of a household, the month of
-- an accompaniment, the day of an action, the start of a convention (also for the envelope). Checks over a whole convention (r12 lot coverage) are warnings once it has ended
-- and « info » while it runs.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15)
WITH m AS (SELECT * FROM staging_pe_menages),
arrete AS (SELECT max(date_arrete) AS date_arrete FROM m),
prm AS (
    SELECT du, au,
           max(valeur) FILTER (WHERE parametre = 'duree_min_mois') AS duree_min,
           max(valeur) FILTER (WHERE parametre = 'duree_max_mois') AS duree_max,
           max(valeur) FILTER (WHERE parametre = 'visites_min_mois') AS visites_min,
           max(valeur) FILTER (WHERE parametre = 'visites_infructueuses_porte_close') AS visites_porte_close,
           max(valeur) FILTER (WHERE parametre = 'participants_min_action_projet_2') AS participants_min,
           max(valeur) FILTER (WHERE parametre = 'enveloppe_totale') AS enveloppe,
           max(valeur) FILTER (WHERE parametre = 'taux_avance') AS taux_avance_max,
           max(valeur) FILTER (WHERE parametre = 'comite_suivi_min_mois') AS comite_min,
           max(valeur) FILTER (WHERE parametre = 'comite_suivi_max_mois') AS comite_max
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_12_prevention_pe'
    GROUP BY du, au
),
a AS (SELECT * FROM int_f2_12_prestations),
f AS (
    SELECT fi.*, CASE WHEN fi.date_fin <= ar.date_arrete THEN 'avertissement' ELSE 'info' END AS severite_cumul
    FROM mart_f2_12_financement AS fi CROSS JOIN arrete AS ar
),
bilans AS (SELECT * FROM staging_bilans WHERE fiche = 'f2_12_prevention_pe'),
mois_acc AS (
    -- Months with a billed accompaniment, per household.
    SELECT DISTINCT code_operateur, id_menage, mois_accompagnement AS mois FROM a WHERE accompagnement
),
visites_mois AS (
    SELECT code_operateur, id_menage, strftime(date, '%Y-%m') AS mois, count(*) FILTER (WHERE fructueuse) AS fructueuses
    FROM staging_pe_visites GROUP BY ALL
),
span AS (
    -- r03 warning: every month from the first to the last billed accompaniment month of a household.
    SELECT code_operateur, id_menage,
           strftime(unnest(generate_series(CAST(min(mois) || '-01' AS DATE), CAST(max(mois) || '-01' AS DATE), INTERVAL 1 MONTH)), '%Y-%m') AS mois
    FROM mois_acc GROUP BY ALL
),
-- The fiche's ceiling on the advance rate for each convention (r15, macros/alertes_avance.sql).
avances_fiche AS (
    SELECT f.fiche, f.code_operateur, f.id_convention, f.montant_conventionne, f.taux_avance, prm.taux_avance_max AS taux_avance_fiche
    FROM f JOIN prm ON f.date_debut BETWEEN prm.du AND prm.au
),
conventions AS (SELECT * FROM staging_conventions WHERE fiche = 'f2_12_prevention_pe'),
alertes AS (
    -- Acts not funded, each under the rule it breaks.
    SELECT a.code_operateur, a.id_prestation AS id_enregistrement,
           CASE a.motif_non_finance
               WHEN 'menage_inconnu' THEN 'r01' WHEN 'avant_validation_slisl' THEN 'r01'
               WHEN 'visites_insuffisantes' THEN 'r03'
               WHEN 'porte_close_sans_visites_infructueuses' THEN 'r04'
               WHEN 'diagnostic_technique_hors_parc_prive' THEN 'r05' WHEN 'restitution_sans_diagnostic_technique' THEN 'r05'
               WHEN 'restitution_hors_bailleur_prive' THEN 'r05'
               WHEN 'bonus_sans_reperage' THEN 'r06'
               WHEN 'doublon' THEN CASE WHEN a.type_prestation = 'porte_close' THEN 'r04' ELSE 'r07' END
           END AS regle,
           'erreur' AS severite,
           format('{} du {} non financé : {}', a.type_prestation, strftime(a.date_prestation, '%d/%m/%Y'),
               CASE a.motif_non_finance
                   WHEN 'menage_inconnu' THEN format('ménage {} absent des bilans individuels', a.id_menage)
                   WHEN 'avant_validation_slisl' THEN CASE WHEN a.date_validation_slisl IS NULL THEN 'entrée non validée par le SLISL'
                        ELSE format('antérieur à la validation de l''entrée par le SLISL ({})', strftime(a.date_validation_slisl, '%d/%m/%Y')) END
                   WHEN 'visites_insuffisantes' THEN format('{} visite(s) fructueuse(s) en {}, {} exigées', a.visites_fructueuses_mois, a.mois_accompagnement, CAST(a.visites_min_mois AS INTEGER))
                   WHEN 'porte_close_sans_visites_infructueuses' THEN format('{} visite(s) infructueuse(s) enregistrée(s) auparavant, {} exigées', a.visites_infructueuses_avant, CAST(a.visites_porte_close AS INTEGER))
                   WHEN 'diagnostic_technique_hors_parc_prive' THEN format('logement hors parc privé ({})', a.statut_occupation)
                   WHEN 'restitution_sans_diagnostic_technique' THEN 'aucun diagnostic technique antérieur'
                   WHEN 'restitution_hors_bailleur_prive' THEN format('pas de bailleur privé ({})', a.statut_occupation)
                   WHEN 'bonus_sans_reperage' THEN 'ménage non repéré par l''opérateur'
                   WHEN 'doublon' THEN CASE WHEN a.accompagnement THEN format('accompagnement déjà facturé pour {}', a.mois_accompagnement)
                                            ELSE 'déjà facturé pour ce ménage' END
               END) AS detail
    FROM a WHERE NOT a.finance
    UNION ALL
    -- r07: price above the tariff cap (only the cap is retained).
    SELECT code_operateur, id_prestation, 'r07', 'erreur',
           format('{} facturé {} € au-delà du plafond de {} € : {} € retenus', type_prestation, montant_fr(montant_facture),
                  montant_fr(plafond), montant_fr(plafond))
    FROM a WHERE montant_facture > plafond AND finance
    UNION ALL
    -- r02: duration set by the SLISL 3 to 6 months; billed months beyond it.
    SELECT m.code_operateur, m.id_menage, 'r02', 'erreur',
           format('durée fixée par le SLISL de {} mois, hors de {} à {} mois', m.duree_fixee_slisl_mois, CAST(prm.duree_min AS INTEGER), CAST(prm.duree_max AS INTEGER))
    FROM m JOIN prm ON m.date_validation_slisl BETWEEN prm.du AND prm.au WHERE m.duree_fixee_slisl_mois NOT BETWEEN prm.duree_min AND prm.duree_max
    UNION ALL
    SELECT m.code_operateur, m.id_menage, 'r02', 'avertissement',
           format('{} mois d''accompagnement facturés pour une durée fixée par le SLISL de {} mois', count(*), any_value(m.duree_fixee_slisl_mois))
    FROM m JOIN mois_acc AS x USING (code_operateur, id_menage)
    GROUP BY m.code_operateur, m.id_menage
    HAVING count(*) > any_value(m.duree_fixee_slisl_mois)
    UNION ALL
    -- r03 warning: a month inside the accompaniment without the 2 successful visits and without billed accompaniment.
    SELECT s.code_operateur, s.id_menage || '|' || s.mois, 'r03', 'avertissement',
           format('{} : {} visite(s) fructueuse(s), {} attendues par mois d''accompagnement', s.mois, coalesce(v.fructueuses, 0), CAST(prm.visites_min AS INTEGER))
    FROM span AS s JOIN prm ON CAST(s.mois || '-01' AS DATE) BETWEEN prm.du AND prm.au
    LEFT JOIN visites_mois AS v USING (code_operateur, id_menage, mois)
    WHERE coalesce(v.fructueuses, 0) < prm.visites_min
      AND NOT EXISTS (SELECT 1 FROM mois_acc AS x WHERE (x.code_operateur, x.id_menage, x.mois) = (s.code_operateur, s.id_menage, s.mois))
    UNION ALL
    -- r08: a signed monthly point d'étape for each month of billed accompaniment.
    SELECT x.code_operateur, x.id_menage || '|' || x.mois, 'r08', 'avertissement',
           format('point d''étape mensuel de {} absent ou non signé par le ménage', x.mois)
    FROM mois_acc AS x
    WHERE NOT EXISTS (SELECT 1 FROM bilans AS b
                      WHERE b.code_operateur = x.code_operateur AND b.id_objet = x.id_menage AND b.type_bilan = 'point_etape_mensuel'
                        AND b.mois_reference = x.mois AND b.signe_menage)
    UNION ALL
    -- r09: an ended accompaniment has an end bilan signed by the household.
    SELECT m.code_operateur, m.id_menage, 'r09', 'avertissement',
           format('accompagnement terminé le {} sans bilan de fin signé par le ménage', strftime(m.date_fin, '%d/%m/%Y'))
    FROM m
    WHERE m.date_fin IS NOT NULL AND m.date_fin <= m.date_arrete
      AND NOT EXISTS (SELECT 1 FROM bilans AS b WHERE b.code_operateur = m.code_operateur AND b.id_objet = m.id_menage
                        AND b.type_bilan = 'bilan_fin_mesure' AND b.signe_menage)
    UNION ALL
    -- r10: projet 2 action under the minimum number of participants.
    SELECT x.code_operateur, x.id_action, 'r10', 'erreur',
           format('action du {} : {} participant(s), moins de {} : action non financée', strftime(x.date, '%d/%m/%Y'), x.nb_participants, CAST(prm.participants_min AS INTEGER))
    FROM staging_pe_actions_innovantes AS x JOIN prm ON x.date BETWEEN prm.du AND prm.au WHERE x.nb_participants < prm.participants_min
    UNION ALL
    -- r11: the conventions of the exercice are together due more than the envelope: each one's retained amount is its
    -- share in proportion (mart_f2_12_financement), said on each convention as 2.3 r09 does.
    SELECT f.code_operateur, f.id_convention, 'r11', 'erreur',
           format('conventions 2.12 {} : {} € dus au total pour une enveloppe de {} € ; montant retenu réduit en proportion ({} € sur {} €)',
                  f.exercice, montant_fr(f.du_exercice), montant_fr(f.enveloppe),
                  montant_fr(f.du_retenu), montant_fr(f.du_convention))
    FROM f WHERE f.du_exercice > f.enveloppe
    UNION ALL
    -- r12: each MDS territory of the convention's lots has at least one household accompanied in the convention.
    SELECT f.code_operateur, f.id_convention, 'r12', f.severite_cumul,
           format('aucun ménage accompagné sur le territoire {} du {}', l.territoire_mds, l.lot)
    FROM f
    JOIN ref.lots AS l ON l.fiche = 'f2_12_prevention_pe' AND list_contains(f.perimetre, l.lot)
    WHERE list_contains(f.projets, 'projet_1')
      AND NOT EXISTS (SELECT 1 FROM m WHERE m.code_operateur = f.code_operateur AND m.territoire_mds = l.territoire_mds
                        AND m.date_debut <= f.date_fin AND m.date_fin_effective >= f.date_debut)
    UNION ALL
    -- r13: a comité de suivi between start + 4 and start + 6 months, and one at the end of the exercise.
    SELECT f.code_operateur, f.id_convention, 'r13', 'avertissement',
           format('aucun comité de suivi entre le {} et le {}', strftime(f.date_debut + to_months(CAST(prm.comite_min AS INTEGER)), '%d/%m/%Y'),
                  strftime(f.date_debut + to_months(CAST(prm.comite_max AS INTEGER)), '%d/%m/%Y'))
    FROM f JOIN prm ON f.date_debut BETWEEN prm.du AND prm.au CROSS JOIN arrete AS ar
    WHERE ar.date_arrete > f.date_debut + to_months(CAST(prm.comite_max AS INTEGER))
      AND NOT EXISTS (SELECT 1 FROM bilans AS b WHERE b.type_bilan = 'comite_suivi' AND b.id_objet = f.id_convention
                        AND b.date_remise BETWEEN f.date_debut + to_months(CAST(prm.comite_min AS INTEGER)) AND f.date_debut + to_months(CAST(prm.comite_max AS INTEGER)))
    UNION ALL
    SELECT f.code_operateur, f.id_convention, 'r13', 'avertissement',
           format('convention terminée le {} sans comité de suivi de fin d''exercice', strftime(f.date_fin, '%d/%m/%Y'))
    FROM f JOIN prm ON f.date_debut BETWEEN prm.du AND prm.au CROSS JOIN arrete AS ar
    WHERE f.date_fin < ar.date_arrete
      AND NOT EXISTS (SELECT 1 FROM bilans AS b WHERE b.type_bilan = 'comite_suivi' AND b.id_objet = f.id_convention
                        AND b.date_remise > f.date_debut + to_months(CAST(prm.comite_max AS INTEGER)))
    UNION ALL
    -- r14: the household's commune belongs to its declared lot, and that lot to a convention of the operator.
    SELECT code_operateur, id_menage, 'r14', 'erreur',
           CASE WHEN lot_commune IS NULL THEN format('commune {} inconnue ou hors Pas-de-Calais', code_commune)
                ELSE format('commune {} (territoire {}) hors du {} déclaré', code_commune, territoire_mds, lot) END
    FROM m WHERE lot_commune IS DISTINCT FROM lot
    UNION ALL
    SELECT m.code_operateur, m.id_menage, 'r14', 'erreur', format('{} hors des conventions 2.12 de l''opérateur à la date de début ({})', m.lot, strftime(m.date_debut, '%d/%m/%Y'))
    FROM m WHERE NOT EXISTS (SELECT 1 FROM conventions AS c WHERE c.code_operateur = m.code_operateur AND list_contains(c.perimetre, m.lot)
                               AND m.date_debut BETWEEN c.date_debut AND c.date_fin)
    UNION ALL
    -- r15: advance at most 70 % (macros/alertes_avance.sql).
    SELECT code_operateur, id_enregistrement, regle, severite, detail
    FROM alertes_avance('r15', avances_fiche, staging_versements, au_plus := true)
)
SELECT 'f2_12_prevention_pe' AS fiche, * FROM alertes
