-- Facts behind every fiche 2.12 (prévention et accompagnement de la précarité énergétique) indicator (spec 2.12 §3),
-- in the facts shape publier_indicateurs reads. A household's two places are independent (its declared projet 1 lot,
-- the MDS territory of its dwelling's or the action's commune), so each fact is given once per place, both counted
-- once in the département. Projet 2 actions are not allotted: they count by MDS territory and département.
-- A household is « accompagné » in P when its accompaniment started by the end of P and had not ended before P began
-- (a running one is followed to the snapshot date); « sorti » in P when its date_fin is in P.
--   i01 profile of households accompanied (age band, sex, family, resources, budget situation; name and address are
--       personal and never published); i01_ressources_mediane median monthly resources
--   i02 statut d'occupation (detail, propriétaire / locataire, parc privé / social)     i03 referring organisation,
--       spotted by the operator; i03_part_reperes share spotted (%)
--   i04 motifs, i05 energy and housing difficulties, i06 related difficulties (a household counts under each code)
--   i07 starting energy situation (pe_situation_energie, phase depart) of households accompanied; i07_dette Σ debts;
--       i07_dette_mediane median of the households' starting debt (all energies) among those with a debt
--   i08 mean length (months of 30.4375 days, date_debut → date_fin) of households sortis; i08_mediane; i08_mois_factures
--       mean billed accompaniment months; i08_duree_fixee mean duration set by the SLISL
--   i09 change (evolution, budget at the end, budget transition départ>fin, freins non levés) of households sortis;
--       i09_energie départ vs fin situation (debt, monthly payment, repayment plan, adapted use); i09_dette_depart /
--       i09_dette_fin Σ debts of the same households at both phases
--   i10 referrals dated in P by vers, suite and vers × suite; i16 households referred, by partner type
--   i11 motif d'arrêt, i12 household's assessment, of households sortis
--   i13 acts dated in P by type and funded or not; i13_menages_diagnostiques; i13_menages_accompagnes (an accompaniment
--       month in P); i13_actions_projet_2 and i13_participants_projet_2
--   i14, i15, i18 text of the global evaluation, not ingested: bilans (intermédiaire, final) of a 2.12 convention
--       remitted in P;   i17 amount retained for the acts and funded projet 2 actions of P, by type
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(niveau_territoire: territoire_mds, lot, departement)
WITH p AS (SELECT * FROM int_f2_12_periodes),
m AS (SELECT * FROM staging_pe_menages),
conventions AS (
    SELECT *, TRY_CAST(regexp_extract(tarifs_unitaires, 'action\s*=\s*([0-9]+(\.[0-9]+)?)', 1) AS DOUBLE) AS tarif_action
    FROM staging_conventions WHERE fiche = 'f2_12_prevention_pe'
),
participants_min AS (
    -- In force on the action's day (int_parametres_en_vigueur).
    SELECT du, au, valeur FROM int_parametres_en_vigueur WHERE fiche = 'f2_12_prevention_pe' AND parametre = 'participants_min_action_projet_2'
),
actifs AS (
    SELECT m.*, p.periode, p.type_periode FROM m JOIN p ON m.date_debut <= p.fin AND m.date_fin_effective >= p.debut
),
sortis AS (
    SELECT m.*, p.periode, p.type_periode FROM m JOIN p ON m.date_fin BETWEEN p.debut AND p.fin AND m.date_fin <= m.date_arrete
),
energie AS (
    SELECT s.code_operateur, s.id_menage, s.phase,
           bool_or(s.montant_dette > 0) AS dette, bool_or(s.mensualisation) AS mensualisation,
           bool_or(s.plan_apurement) AS plan_apurement, bool_and(s.usage = 'adapte') AS usage_adapte,
           sum(s.montant_dette) AS montant_dette
    FROM staging_pe_situation_energie AS s GROUP BY ALL
),
mois_factures AS (
    SELECT code_operateur, id_menage, count(DISTINCT mois_accompagnement) AS mois
    FROM int_f2_12_prestations WHERE accompagnement GROUP BY ALL
),
base AS (
    SELECT 'i01' AS indicateur, periode, type_periode, lot, territoire_mds, cle_menage AS cle, 1.0 AS poids,
           [['ensemble', 'ensemble'], ['tranche_age', tranche_age], ['sexe', coalesce(sexe, 'non_renseigne')],
            ['composition_familiale', composition_familiale], ['type_ressources_principal', type_ressources_principal],
            ['situation_budgetaire_depart', situation_budgetaire_depart]] AS vm
    FROM actifs
    UNION ALL
    SELECT 'x_ressources', periode, type_periode, lot, territoire_mds, cle_menage, ressources_mensuelles, [['ensemble', 'ensemble']]
    FROM actifs WHERE ressources_mensuelles IS NOT NULL
    UNION ALL
    SELECT 'i02', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['statut_occupation', statut_occupation],
            ['statut', CASE WHEN statut_occupation IN ('proprietaire_occupant', 'proprietaire_bailleur', 'accedant') THEN 'proprietaire'
                            WHEN statut_occupation IN ('locataire_parc_prive', 'locataire_parc_social', 'sous_locataire') THEN 'locataire' ELSE 'autre' END],
            ['parc', CASE WHEN statut_occupation IN ('locataire_parc_prive', 'proprietaire_occupant', 'proprietaire_bailleur', 'accedant') THEN 'prive'
                          WHEN statut_occupation = 'locataire_parc_social' THEN 'social' ELSE 'autre' END]]
    FROM actifs
    UNION ALL
    SELECT 'i03', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['structure_origine_type', structure_origine_type],
            ['repere_par_operateur', CASE WHEN repere_par_operateur THEN 'oui' ELSE 'non' END]]
    FROM actifs
    UNION ALL
    SELECT 'i04', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble']] || list_transform(coalesce(motifs_demande, []), x -> ['motif_demande', x])
    FROM actifs
    UNION ALL
    SELECT 'i05', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble']] || list_transform(coalesce(difficultes_energie_logement, []), x -> ['difficulte', x])
    FROM actifs
    UNION ALL
    SELECT 'i06', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble']] || list_transform(coalesce(difficultes_connexes, []), x -> ['difficulte_connexe', x])
    FROM actifs
    UNION ALL
    SELECT 'i07', a.periode, a.type_periode, a.lot, a.territoire_mds, a.cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['energie', s.energie], ['type_fournisseur', coalesce(s.type_fournisseur, 'non_renseigne')],
            ['releve_compteurs', CASE s.releve_compteurs WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'non_renseigne' END],
            ['mensualisation', CASE s.mensualisation WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'non_renseigne' END],
            ['dette', CASE WHEN s.montant_dette > 0 THEN 'avec_dette' ELSE 'sans_dette' END],
            ['plan_apurement', CASE s.plan_apurement WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'non_renseigne' END],
            ['usage', coalesce(s.usage, 'non_renseigne')]]
    FROM actifs AS a JOIN staging_pe_situation_energie AS s ON s.code_operateur = a.code_operateur AND s.id_menage = a.id_menage AND s.phase = 'depart'
    UNION ALL
    SELECT 'i07_dette', a.periode, a.type_periode, a.lot, a.territoire_mds, a.cle_menage || '/' || s.energie, s.montant_dette,
           [['ensemble', 'ensemble'], ['energie', s.energie]]
    FROM actifs AS a JOIN staging_pe_situation_energie AS s ON s.code_operateur = a.code_operateur AND s.id_menage = a.id_menage AND s.phase = 'depart'
    WHERE s.montant_dette IS NOT NULL
    UNION ALL
    -- Per household with a starting debt: its total over energies (median i07_dette_mediane).
    SELECT 'x_dette_menage', a.periode, a.type_periode, a.lot, a.territoire_mds, a.cle_menage, e.montant_dette, [['ensemble', 'ensemble']]
    FROM actifs AS a JOIN energie AS e ON e.code_operateur = a.code_operateur AND e.id_menage = a.id_menage AND e.phase = 'depart'
    WHERE e.montant_dette > 0
    UNION ALL
    SELECT 'x_mois', periode, type_periode, lot, territoire_mds, cle_menage, date_diff('day', date_debut, date_fin) / 30.4375, [['ensemble', 'ensemble']]
    FROM sortis
    UNION ALL
    SELECT 'x_mois_factures', s.periode, s.type_periode, s.lot, s.territoire_mds, s.cle_menage, coalesce(f.mois, 0), [['ensemble', 'ensemble']]
    FROM sortis AS s LEFT JOIN mois_factures AS f USING (code_operateur, id_menage)
    UNION ALL
    SELECT 'x_duree_fixee', periode, type_periode, lot, territoire_mds, cle_menage, duree_fixee_slisl_mois, [['ensemble', 'ensemble']]
    FROM sortis
    UNION ALL
    SELECT 'i09', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['evolution_difficultes', coalesce(evolution_difficultes, 'non_renseigne')],
            ['situation_budgetaire_fin', coalesce(situation_budgetaire_fin, 'non_renseigne')],
            ['transition_budgetaire', situation_budgetaire_depart || '>' || coalesce(situation_budgetaire_fin, 'non_renseigne')]]
           || list_transform(coalesce(freins_non_leves, []), x -> ['frein_non_leve', x])
    FROM sortis
    UNION ALL
    SELECT 'i09_energie', s.periode, s.type_periode, s.lot, s.territoire_mds, s.cle_menage, 1.0,
           list_filter([['ensemble', 'ensemble'],
                        CASE WHEN d.dette THEN ['situation', 'dette_depart'] END, CASE WHEN f.dette THEN ['situation', 'dette_fin'] END,
                        CASE WHEN d.mensualisation THEN ['situation', 'mensualisation_depart'] END, CASE WHEN f.mensualisation THEN ['situation', 'mensualisation_fin'] END,
                        CASE WHEN d.plan_apurement THEN ['situation', 'plan_apurement_depart'] END, CASE WHEN f.plan_apurement THEN ['situation', 'plan_apurement_fin'] END,
                        CASE WHEN d.usage_adapte THEN ['situation', 'usage_adapte_depart'] END, CASE WHEN f.usage_adapte THEN ['situation', 'usage_adapte_fin'] END],
                       x -> x IS NOT NULL)
    FROM sortis AS s
    LEFT JOIN energie AS d ON d.code_operateur = s.code_operateur AND d.id_menage = s.id_menage AND d.phase = 'depart'
    LEFT JOIN energie AS f ON f.code_operateur = s.code_operateur AND f.id_menage = s.id_menage AND f.phase = 'fin'
    WHERE d.phase IS NOT NULL OR f.phase IS NOT NULL
    UNION ALL
    SELECT 'i09_dette_' || e.phase, s.periode, s.type_periode, s.lot, s.territoire_mds, s.cle_menage, e.montant_dette, [['ensemble', 'ensemble']]
    FROM sortis AS s JOIN energie AS e ON e.code_operateur = s.code_operateur AND e.id_menage = s.id_menage
    WHERE e.montant_dette IS NOT NULL
    UNION ALL
    SELECT 'i10', p.periode, p.type_periode, m.lot, m.territoire_mds, o.code_operateur || '/' || o.id_orientation, 1.0,
           [['ensemble', 'ensemble'], ['vers', o.vers], ['suite', o.suite], ['vers_suite', o.vers || '|' || o.suite]]
    FROM staging_pe_orientations AS o
    JOIN p ON o.date BETWEEN p.debut AND p.fin
    LEFT JOIN m USING (code_operateur, id_menage)
    UNION ALL
    SELECT 'i16', p.periode, p.type_periode, m.lot, m.territoire_mds, o.code_operateur || '/' || o.id_menage, 1.0,
           [['ensemble', 'ensemble'], ['vers', o.vers]]
    FROM staging_pe_orientations AS o
    JOIN p ON o.date BETWEEN p.debut AND p.fin
    LEFT JOIN m USING (code_operateur, id_menage)
    UNION ALL
    SELECT 'i11', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['motif_arret', coalesce(motif_arret, 'non_renseigne')]]
    FROM sortis
    UNION ALL
    SELECT 'i12', periode, type_periode, lot, territoire_mds, cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['evaluation_plus_value', coalesce(evaluation_plus_value, 'non_renseigne')]]
    FROM sortis
    UNION ALL
    SELECT 'i13', p.periode, p.type_periode, a.lot, a.territoire_mds, a.code_operateur || '/' || a.id_prestation, 1.0,
           [['ensemble', 'ensemble'], ['type_prestation', a.type_prestation], ['finance', CASE WHEN a.finance THEN 'oui' ELSE 'non' END]]
    FROM int_f2_12_prestations AS a JOIN p ON a.date_prestation BETWEEN p.debut AND p.fin
    UNION ALL
    SELECT 'i13_menages_diagnostiques', p.periode, p.type_periode, a.lot, a.territoire_mds, a.cle_menage, 1.0, [['ensemble', 'ensemble']]
    FROM int_f2_12_prestations AS a JOIN p ON a.date_prestation BETWEEN p.debut AND p.fin
    WHERE a.type_prestation = 'diagnostic_social_habitudes_vie' AND a.cle_menage IS NOT NULL
    UNION ALL
    SELECT 'i13_menages_accompagnes', p.periode, p.type_periode, a.lot, a.territoire_mds, a.cle_menage, 1.0,
           [['ensemble', 'ensemble'], ['type_prestation', a.type_prestation]]
    FROM int_f2_12_prestations AS a
    JOIN p ON CAST(a.mois_accompagnement || '-01' AS DATE) BETWEEN p.debut AND p.fin
    WHERE a.accompagnement AND a.cle_menage IS NOT NULL
    UNION ALL
    SELECT x.indicateur, p.periode, p.type_periode, NULL, c.territoire_mds, a.code_operateur || '/' || a.id_action,
           CASE x.indicateur WHEN 'i13_participants_projet_2' THEN a.nb_participants ELSE 1.0 END,
           [['ensemble', 'ensemble'], ['format', a.format], ['type_action', a.type_action],
            ['finance', CASE WHEN a.nb_participants >= pm.valeur THEN 'oui' ELSE 'non' END]]
           || list_transform(coalesce(a.themes, []), t -> ['theme', t])
    FROM staging_pe_actions_innovantes AS a
    JOIN participants_min AS pm ON a.date BETWEEN pm.du AND pm.au
    CROSS JOIN (VALUES ('i13_actions_projet_2'), ('i13_participants_projet_2')) AS x(indicateur)
    JOIN p ON a.date BETWEEN p.debut AND p.fin
    LEFT JOIN ref.communes AS c ON c.code_commune = a.code_commune
    UNION ALL
    SELECT x.indicateur, p.periode, p.type_periode, l.lot, NULL, b.code_operateur || '/' || b.id_bilan, 1.0,
           [['ensemble', 'ensemble'], ['type_bilan', b.type_bilan]]
    FROM staging_bilans AS b
    JOIN p ON b.date_remise BETWEEN p.debut AND p.fin
    LEFT JOIN (SELECT id_convention, unnest(list_filter(perimetre, x -> x IN ('lot1', 'lot2', 'lot3'))) AS lot FROM conventions) AS l ON l.id_convention = b.id_objet
    CROSS JOIN (VALUES ('i14'), ('i15'), ('i18')) AS x(indicateur)
    WHERE b.fiche = 'f2_12_prevention_pe' AND b.type_bilan IN ('bilan_intermediaire_action', 'bilan_final_action')
    UNION ALL
    SELECT 'i17', p.periode, p.type_periode, a.lot, a.territoire_mds, a.code_operateur || '/' || a.id_prestation, a.montant_retenu,
           [['ensemble', 'ensemble'], ['projet', 'projet_1'], ['type_prestation', a.type_prestation]]
    FROM int_f2_12_prestations AS a JOIN p ON a.date_prestation BETWEEN p.debut AND p.fin
    WHERE a.finance
    UNION ALL
    SELECT 'i17', p.periode, p.type_periode, NULL, co.territoire_mds, a.code_operateur || '/' || a.id_action,
           coalesce(c.tarif_action, a.montant_facture, 0),
           [['ensemble', 'ensemble'], ['projet', 'projet_2'], ['type_prestation', 'action_innovante']]
    FROM staging_pe_actions_innovantes AS a
    JOIN participants_min AS pm ON a.date BETWEEN pm.du AND pm.au
    JOIN p ON a.date BETWEEN p.debut AND p.fin
    LEFT JOIN conventions AS c ON c.code_operateur = a.code_operateur AND a.date BETWEEN c.date_debut AND c.date_fin
                               AND list_contains(coalesce(c.dispositif, ['projet_1', 'projet_2']), 'projet_2')
    LEFT JOIN ref.communes AS co ON co.code_commune = a.code_commune
    WHERE a.nb_participants >= pm.valeur
),
faits AS (
    SELECT indicateur, periode, type_periode, lot, territoire_mds, cle, poids, v[1] AS ventilation, v[2] AS modalite
    FROM (SELECT * EXCLUDE (vm), unnest(vm) AS v FROM base)
    WHERE v[2] IS NOT NULL
),
derives AS (
    -- Means, medians and the share, from the households' values above (x_*) and the i03 households' flag.
    SELECT * FROM (VALUES
        ('x_ressources', 'i01_ressources_mediane', 'mediane'), ('x_dette_menage', 'i07_dette_mediane', 'mediane'),
        ('x_mois', 'i08', 'moyenne'), ('x_mois', 'i08_mediane', 'mediane'), ('x_mois_factures', 'i08_mois_factures', 'moyenne'),
        ('x_duree_fixee', 'i08_duree_fixee', 'moyenne')
    ) AS d(source, indicateur, agregation)
),
indicateurs AS (
    SELECT coalesce(d.indicateur, f.indicateur) AS indicateur, f.periode, f.type_periode, f.lot, f.territoire_mds, f.ventilation,
           f.modalite, f.cle, f.poids,
           coalesce(d.agregation, CASE WHEN f.indicateur IN ('i07_dette', 'i09_dette_depart', 'i09_dette_fin', 'i13_participants_projet_2', 'i17')
                                       THEN 'somme' ELSE 'distinct' END) AS agregation
    FROM faits AS f
    LEFT JOIN derives AS d ON d.source = f.indicateur
    UNION ALL
    SELECT 'i03_part_reperes', periode, type_periode, lot, territoire_mds, 'ensemble', 'ensemble', cle,
           CASE WHEN modalite = 'oui' THEN 1 ELSE 0 END, 'part'
    FROM faits
    WHERE indicateur = 'i03' AND ventilation = 'repere_par_operateur'
),
places AS (
    SELECT *, 'territoire_mds' AS niveau_territoire, territoire_mds AS territoire FROM indicateurs WHERE territoire_mds IS NOT NULL
    UNION ALL SELECT *, 'lot', lot FROM indicateurs WHERE lot IS NOT NULL
    UNION ALL SELECT *, 'departement', '62' FROM indicateurs WHERE lot IS NULL AND territoire_mds IS NULL
)
SELECT indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, CAST(poids AS DOUBLE) AS poids, agregation
FROM places
-- A duration the SLISL did not set is left out of its mean (it was counted as a household with no duration before).
WHERE poids IS NOT NULL
