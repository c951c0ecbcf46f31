-- Facts behind every fiche 2.3 ASTRE indicator (spec 2.3 §3, ambiguity 13), in the long shape mart_f2_3_indicateurs
-- aggregates (see int_f2_1_faits for the meaning of `agregation`).
-- « Active in P »: date_debut ≤ end of P and date_fin_effective (date_fin capped at the snapshot date) ≥ start of P.
-- « Ended in P »: date_fin in P and on or before the snapshot date. A household is keyed per operator (cle_menage).
-- Territory: MDS territory of the commune of the dwelling (saisine or measure); an aid takes its measure's; a
-- partnership its declared territory, else 'non_attribue' (départemental).
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, code_operateur, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme, moyenne, mediane, part)
-- test: expression(agregation <> 'distinct' OR poids = 1)
-- Each day of each period: a dated fact finds its periods by an equality on its date (a hash join) instead of a range
-- join sorting every fact against every period (issue 16).
WITH jours AS (
    SELECT type_periode, periode, CAST(unnest(generate_series(debut, fin, INTERVAL 1 DAY)) AS DATE) AS jour
    FROM int_f2_3_periodes
),
saisines AS (
    SELECT s.*, coalesce(r.territoire_mds, 'non_attribue') AS territoire_mds, s.code_operateur || '/' || s.id_saisine AS cle
    FROM staging_astre_saisines AS s
    LEFT JOIN ref.communes AS r ON r.code_commune = s.code_commune
),
faits_saisines AS (
    -- i01 situations identified eligible (date_identification); i02 applications filed and i05 difficulties (date_depot_demande).
    SELECT s.code_operateur, v.date_fait, s.territoire_mds, v.indicateur, v.ventilation, v.modalite, s.cle, 1 AS poids, 'distinct' AS agregation
    FROM saisines AS s
    CROSS JOIN LATERAL (
        VALUES
            ('i01', 'ensemble', 'ensemble', CASE WHEN s.eligible_identifie THEN s.date_identification END),
            ('i01', 'structure_origine_type', s.structure_origine_type, CASE WHEN s.eligible_identifie THEN s.date_identification END),
            ('i02', 'ensemble', 'ensemble', s.date_depot_demande),
            ('i02', 'structure_origine_type', s.structure_origine_type, s.date_depot_demande),
            ('i02', 'decision_spslh', coalesce(s.decision_spslh, 'non_renseigne'), s.date_depot_demande),
            ('i05', 'ensemble', 'ensemble', s.date_depot_demande)
    ) AS v(indicateur, ventilation, modalite, date_fait)
    WHERE v.date_fait IS NOT NULL
    UNION ALL
    SELECT s.code_operateur, s.date_depot_demande, s.territoire_mds, 'i05', 'difficulte', unnest(s.difficultes_demande), s.cle, 1, 'distinct'
    FROM saisines AS s
    WHERE s.date_depot_demande IS NOT NULL
),
actives AS (
    SELECT m.*, p.type_periode, p.periode, p.debut, p.fin,
           -- i04: the measure's length at the end of P, in mois-mesures started by then.
           (SELECT count(*) FROM int_f2_3_mois_mesures AS mm WHERE mm.cle_mesure = m.cle_mesure AND mm.debut_mois_mesure <= p.fin) AS duree_mois
    FROM int_f2_3_mesures AS m
    JOIN int_f2_3_periodes AS p ON m.date_debut <= p.fin AND m.date_fin_effective >= p.debut
    WHERE m.date_debut <= m.date_fin_effective
),
menages_actifs AS (
    -- i03 persons: each household once per period, with the largest household size its measures give.
    SELECT type_periode, periode, cle_menage, any_value(territoire_mds ORDER BY date_debut DESC) AS territoire_mds,
           any_value(code_operateur) AS code_operateur, max(nb_personnes) AS nb_personnes
    FROM actives GROUP BY ALL
),
faits_actives AS (
    SELECT a.type_periode, a.periode, a.territoire_mds, a.code_operateur, v.indicateur, v.ventilation, v.modalite,
           CASE WHEN v.par_menage THEN a.cle_menage ELSE a.cle_mesure END AS cle, v.poids, v.agregation
    FROM actives AS a
    CROSS JOIN LATERAL (
        VALUES
            ('i03', 'ensemble', 'ensemble', 1, 'distinct', true, true),
            ('i03', 'operateur', a.code_operateur, 1, 'distinct', true, true),
            ('i04', 'ensemble', 'ensemble', 1, 'distinct', false, true),
            ('i04', 'mois_mesures', CAST(a.duree_mois AS VARCHAR), 1, 'distinct', false, true),
            ('i04_moyenne', 'ensemble', 'ensemble', a.duree_mois, 'moyenne', false, true),
            ('i04_mediane', 'ensemble', 'ensemble', a.duree_mois, 'mediane', false, true),
            ('i06', 'ensemble', 'ensemble', 1, 'distinct', true, true),
            ('i06', 'composition_familiale', a.composition_familiale, 1, 'distinct', true, true),
            ('i06', 'tranche_age', a.tranche_age, 1, 'distinct', true, true),
            ('i06', 'sexe', coalesce(a.sexe, 'non_renseigne'), 1, 'distinct', true, true),
            ('i06', 'type_ressources_principal', coalesce(a.type_ressources_principal, 'non_renseigne'), 1, 'distinct', true, true),
            ('i06_ressources_mediane', 'ensemble', 'ensemble', a.ressources_mensuelles, 'mediane', true, a.ressources_mensuelles IS NOT NULL),
            ('i07', 'ensemble', 'ensemble', 1, 'distinct', false, true),
            ('i07', 'commune', a.code_commune, 1, 'distinct', false, true),
            ('i07', 'perimetre_operation', a.perimetre_operation, 1, 'distinct', false, true),
            ('i08', 'ensemble', 'ensemble', 1, 'distinct', false, true),
            ('i14_photos_avant', 'ensemble', 'ensemble', 1, 'distinct', false, a.photos_avant_transmises),
            ('i14_photos_apres', 'ensemble', 'ensemble', 1, 'distinct', false, a.photos_apres_transmises),
            ('i14_part_avant', 'ensemble', 'ensemble', CASE WHEN a.photos_avant_transmises THEN 1 ELSE 0 END, 'part', false, true),
            ('i14_part_apres', 'ensemble', 'ensemble', CASE WHEN a.photos_apres_transmises THEN 1 ELSE 0 END, 'part', false, true)
    ) AS v(indicateur, ventilation, modalite, poids, agregation, par_menage, retenu)
    WHERE v.retenu AND v.modalite IS NOT NULL
    UNION ALL
    -- i08: a measure counts once under each type of works planned, and each type realised.
    SELECT type_periode, periode, territoire_mds, code_operateur, 'i08', 'travaux_prevus', unnest(types_travaux_prevus), cle_mesure, 1, 'distinct'
    FROM actives
    UNION ALL
    SELECT type_periode, periode, territoire_mds, code_operateur, 'i08', 'travaux_realises', unnest(types_travaux_realises), cle_mesure, 1, 'distinct'
    FROM actives
    UNION ALL
    SELECT type_periode, periode, territoire_mds, code_operateur, 'i03_personnes', 'ensemble', 'ensemble', cle_menage, coalesce(nb_personnes, 0), 'somme'
    FROM menages_actifs
),
faits_dates AS (
    -- Events of a measure: start (i03 new measures), end (i11 satisfaction, i13 reasons), completion of works (i09).
    SELECT m.code_operateur, v.date_fait, m.territoire_mds, v.indicateur, v.ventilation, v.modalite, m.cle_mesure AS cle, v.poids, v.agregation
    FROM int_f2_3_mesures AS m
    CROSS JOIN LATERAL (
        VALUES
            ('i03_nouvelles_mesures', 'ensemble', 'ensemble', m.date_debut, 1, 'distinct', m.date_debut <= m.date_arrete),
            ('i11', 'ensemble', 'ensemble', m.date_fin, 1, 'distinct', m.terminee),
            ('i11', 'satisfaction', coalesce(m.satisfaction, 'non_renseigne'), m.date_fin, 1, 'distinct', m.terminee),
            ('i13', 'ensemble', 'ensemble', m.date_fin, 1, 'distinct', m.terminee),
            ('i13', 'motif_arret', coalesce(m.motif_arret, 'non_renseigne'), m.date_fin, 1, 'distinct', m.terminee),
            -- i09: projects whose works are achieved, dated at the end of works (else the end of the measure).
            ('i09_projets', 'ensemble', 'ensemble', coalesce(m.date_fin_travaux, m.date_fin), 1, 'distinct', m.statut_travaux = 'acheves'),
            ('i09_moyenne', 'ensemble', 'ensemble', coalesce(m.date_fin_travaux, m.date_fin),
                round(100 * (m.montant_travaux_realises - m.montant_travaux_prevus) / m.montant_travaux_prevus, 2), 'moyenne',
                m.statut_travaux = 'acheves' AND m.montant_travaux_prevus > 0 AND m.montant_travaux_realises IS NOT NULL),
            ('i09_mediane', 'ensemble', 'ensemble', coalesce(m.date_fin_travaux, m.date_fin),
                round(100 * (m.montant_travaux_realises - m.montant_travaux_prevus) / m.montant_travaux_prevus, 2), 'mediane',
                m.statut_travaux = 'acheves' AND m.montant_travaux_prevus > 0 AND m.montant_travaux_realises IS NOT NULL),
            ('i09_types_modifies', 'ensemble', 'ensemble', coalesce(m.date_fin_travaux, m.date_fin),
                CASE WHEN list_sort(list_distinct(m.types_travaux_prevus)) = list_sort(list_distinct(m.types_travaux_realises)) THEN 0 ELSE 1 END, 'part',
                m.statut_travaux = 'acheves' AND len(coalesce(m.types_travaux_realises, [])) > 0)
    ) AS v(indicateur, ventilation, modalite, date_fait, poids, agregation, retenu)
    WHERE v.retenu AND v.date_fait IS NOT NULL AND v.date_fait <= m.date_arrete
),
faits_aides AS (
    -- i10: aids dated in P (an undated aid is dated at the start of its measure), count and amount.
    SELECT a.code_operateur, coalesce(a.date, m.date_debut) AS date_fait, coalesce(m.territoire_mds, 'non_attribue') AS territoire_mds,
           v.indicateur, v.ventilation, v.modalite, a.code_operateur || '/' || a.id_aide AS cle, v.poids, v.agregation
    FROM staging_astre_aides AS a
    LEFT JOIN int_f2_3_mesures AS m ON m.code_operateur = a.code_operateur AND m.id_mesure = a.id_mesure
    CROSS JOIN LATERAL (
        VALUES
            ('i10', 'ensemble', 'ensemble', 1, 'distinct'),
            ('i10', 'type_aide', a.type_aide, 1, 'distinct'),
            ('i10', 'objet', a.objet, 1, 'distinct'),
            ('i10', 'statut', a.statut, 1, 'distinct'),
            ('i10', 'type_aide_objet', a.type_aide || '|' || a.objet, 1, 'distinct'),
            ('i10_montant', 'ensemble', 'ensemble', a.montant, 'somme'),
            ('i10_montant', 'type_aide', a.type_aide, a.montant, 'somme'),
            ('i10_montant', 'objet', a.objet, a.montant, 'somme'),
            ('i10_montant', 'statut', a.statut, a.montant, 'somme'),
            ('i10_montant', 'type_aide_objet', a.type_aide || '|' || a.objet, a.montant, 'somme')
    ) AS v(indicateur, ventilation, modalite, poids, agregation)
),
faits_partenariats AS (
    SELECT p.code_operateur, p.date AS date_fait, coalesce(p.territoire_mds, 'non_attribue') AS territoire_mds, 'i12' AS indicateur,
           v.ventilation, v.modalite, p.code_operateur || '/' || p.id_partenariat AS cle, 1 AS poids, 'distinct' AS agregation
    FROM staging_astre_partenariats AS p
    CROSS JOIN LATERAL (
        VALUES ('ensemble', 'ensemble'), ('type_partenaire', p.type_partenaire), ('nature', p.nature),
               ('type_partenaire_nature', p.type_partenaire || '|' || p.nature)
    ) AS v(ventilation, modalite)
),
dates AS (
    SELECT * FROM faits_saisines WHERE modalite IS NOT NULL
    UNION ALL SELECT * FROM faits_dates
    UNION ALL SELECT * FROM faits_aides
    UNION ALL SELECT * FROM faits_partenariats
)
SELECT f.indicateur, p.type_periode, p.periode, 'territoire_mds' AS niveau_territoire, f.territoire_mds AS territoire, f.code_operateur, f.ventilation, f.modalite, f.cle,
       CAST(f.poids AS DOUBLE) AS poids, f.agregation
FROM dates AS f
JOIN jours AS p ON p.jour = f.date_fait
UNION ALL
SELECT indicateur, type_periode, periode, 'territoire_mds', territoire_mds, code_operateur, ventilation, modalite, cle, CAST(poids AS DOUBLE), agregation
FROM faits_actives
WHERE modalite IS NOT NULL
