-- Facts behind every fiche 2.9 indicator (spec 2.9 §3 and §5), in the facts shape publier_indicateurs reads: one
-- row per (indicateur, period, place, ventilation, modalite) and key ('distinct' counts keys, 'somme' sums each key's
-- weight, 'part' = 100 × the share of keys whose weight is 1).
--   Deliverables (i00-i04): placed in each MDS territory of their perimetre (a deliverable on two territories counts in
--   each); a departmental or unstated perimetre places them at the département only.
--   Meetings (x01): their MDS territory, else 'non_attribue'. Cohort (x02): the young person's territory of the
--   observation, else 'non_attribue'; age = year of the observation − birth year. SIAO/115 requests (x03): two
--   independent places, the MDS territory of the SIAO antenna and the commune where the person is when given (its
--   EPCI is the commune's, the antenna's territory may not be); age at the request (age_entree, else year of the
--   request − birth year). Age bands §A.5: moins_18, 18_25, 26_35, 36_50, 51_65, plus_65; youth flags moins_25
--   (age < 25) and jeune_18_25 (18 ≤ age ≤ 25). Keys: operator / identifier (persons are keyed per operator, the
--   SIAO's pseudonyms). Periods: int_f2_9_periodes.
--   §5 youth slices: y01* the Logement d'abord measures (int_f2_9_jeunes_lda: its LDA territory, on the LDA periods);
--   y02-y06 the other fiches' records (int_f2_9_jeunes_fiches), at the département only (the fiches' territories
--   differ): y0N sums a 0/1 youth weight, so a period with records but none of a young person publishes 0, and
--   y0N_part is its share.
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme, part)
-- test: accepted_values(niveau_territoire: commune, territoire_mds, territoire_lda, departement)
-- test: expression(agregation = 'somme' OR poids IN (0, 1))
WITH demandes AS (
    SELECT d.*, coalesce(d.age_entree, year(d.date_demande) - d.annee_naissance) AS age
    FROM staging_obs_demandes_siao AS d
),
demandes_tranches AS (
    SELECT *,
        CASE WHEN age < 18 THEN 'moins_18' WHEN age <= 25 THEN '18_25' WHEN age <= 35 THEN '26_35'
             WHEN age <= 50 THEN '36_50' WHEN age <= 65 THEN '51_65' ELSE 'plus_65' END AS tranche_age,
        code_operateur || '/' || id_demande AS cle_demande,
        code_operateur || '/' || id_personne AS cle_personne
    FROM demandes
),
cohorte AS (
    SELECT c.*, year(c.date_observation) - c.annee_naissance AS age, c.code_operateur || '/' || c.id_jeune AS cle_jeune,
           c.code_operateur || '/' || c.id_jeune || '/' || c.vague AS cle_observation
    FROM staging_obs_cohorte AS c
),
cohorte_tranches AS (
    SELECT *, CASE WHEN age < 18 THEN 'moins_18' WHEN age <= 25 THEN '18_25' WHEN age <= 35 THEN '26_35'
                   WHEN age <= 50 THEN '36_50' WHEN age <= 65 THEN '51_65' ELSE 'plus_65' END AS tranche_age
    FROM cohorte
),
faits AS (
    -- Deliverables.
    SELECT l.date AS date_evenement, t.territoire_mds, NULL::VARCHAR AS code_commune, v.*
    FROM staging_obs_livrables AS l
    CROSS JOIN LATERAL (
        SELECT unnest(CASE WHEN l.perimetre IS NULL OR len(list_filter(l.perimetre, p -> p <> 'departement')) = 0 THEN [NULL::VARCHAR]
                           ELSE list_filter(l.perimetre, p -> p <> 'departement') END) AS territoire_mds
    ) AS t
    CROSS JOIN LATERAL (VALUES
        ('i00', 'ensemble', 'ensemble', 'distinct', l.code_operateur || '/' || l.id_livrable, 1, true),
        ('i00', 'type_livrable', l.type_livrable, 'distinct', l.code_operateur || '/' || l.id_livrable, 1, true),
        ('i01', 'ensemble', 'ensemble', 'distinct', l.code_operateur || '/' || l.id_livrable, 1, l.type_livrable = 'cartographie'),
        ('i02', 'ensemble', 'ensemble', 'distinct', l.code_operateur || '/' || l.id_livrable, 1, l.type_livrable = 'fiche_thematique'),
        ('i03', 'ensemble', 'ensemble', 'distinct', l.code_operateur || '/' || l.id_livrable, 1, l.type_livrable = 'fiche_synthese'),
        ('i04', 'ensemble', 'ensemble', 'distinct', l.code_operateur || '/' || l.id_livrable, 1, l.type_livrable = 'rapport_complet')
    ) AS v(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    UNION ALL
    -- Partnership meetings, study days, participatory research (x01).
    SELECT r.date, coalesce(r.territoire_mds, 'non_attribue'), NULL, v.*
    FROM staging_obs_rencontres AS r
    CROSS JOIN LATERAL (VALUES
        ('x01', 'ensemble', 'ensemble', 'distinct', r.code_operateur || '/' || r.id_rencontre, 1, true),
        ('x01', 'type', r.type, 'distinct', r.code_operateur || '/' || r.id_rencontre, 1, true),
        ('x01', 'avec_jeunes', CASE WHEN r.nb_jeunes > 0 THEN 'oui' ELSE 'non' END, 'distinct', r.code_operateur || '/' || r.id_rencontre, 1, true),
        ('x01_professionnels', 'ensemble', 'ensemble', 'somme', r.code_operateur || '/' || r.id_rencontre, r.nb_participants_professionnels, true),
        ('x01_professionnels', 'type', r.type, 'somme', r.code_operateur || '/' || r.id_rencontre, r.nb_participants_professionnels, true),
        ('x01_jeunes', 'ensemble', 'ensemble', 'somme', r.code_operateur || '/' || r.id_rencontre, r.nb_jeunes, true),
        ('x01_jeunes', 'type', r.type, 'somme', r.code_operateur || '/' || r.id_rencontre, r.nb_jeunes, true)
    ) AS v(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    UNION ALL
    SELECT r.date, coalesce(r.territoire_mds, 'non_attribue'), NULL,
           'x01', 'categories_participants', unnest(r.categories_participants), 'distinct', r.code_operateur || '/' || r.id_rencontre, 1, true
    FROM staging_obs_rencontres AS r
    UNION ALL
    -- Cohort (x02).
    SELECT c.date_observation, coalesce(c.territoire_mds, 'non_attribue'), NULL, v.*
    FROM cohorte_tranches AS c
    CROSS JOIN LATERAL (VALUES
        ('x02', 'ensemble', 'ensemble', 'distinct', c.cle_jeune, 1, true),
        ('x02', 'sexe', c.sexe, 'distinct', c.cle_jeune, 1, true),
        ('x02', 'tranche_age', c.tranche_age, 'distinct', c.cle_jeune, 1, true),
        ('x02', 'jeunes', 'moins_25', 'distinct', c.cle_jeune, 1, c.age < 25),
        ('x02', 'jeunes', 'jeune_18_25', 'distinct', c.cle_jeune, 1, c.age BETWEEN 18 AND 25),
        ('x02', 'parcours_ase', c.parcours_ase, 'distinct', c.cle_jeune, 1, true),
        ('x02', 'vague', CAST(c.vague AS VARCHAR), 'distinct', c.cle_jeune, 1, true),
        ('x02_suivis', 'ensemble', 'ensemble', 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue),
        ('x02_suivis', 'situation_logement', c.situation_logement, 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue),
        ('x02_suivis', 'situation_professionnelle', c.situation_professionnelle, 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue),
        ('x02_suivis', 'type_ressources', c.type_ressources, 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue),
        ('x02_taux_suivi', 'ensemble', 'ensemble', 'part', c.cle_observation, CASE WHEN c.perdu_de_vue THEN 0 ELSE 1 END, c.vague > 1),
        ('x02_taux_suivi', 'vague', CAST(c.vague AS VARCHAR), 'part', c.cle_observation, CASE WHEN c.perdu_de_vue THEN 0 ELSE 1 END, c.vague > 1),
        ('x02_releges', 'ensemble', 'ensemble', 'distinct', c.cle_jeune, 1, c.relogement_depuis_vague_precedente)
    ) AS v(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    UNION ALL
    SELECT c.date_observation, coalesce(c.territoire_mds, 'non_attribue'), NULL,
           'x02_suivis', 'accompagnements_en_cours', unnest(c.accompagnements_en_cours), 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue
    FROM cohorte_tranches AS c
    UNION ALL
    -- SIAO / 115 requests (x03), all ages, and the young people's slice.
    SELECT d.date_demande, d.antenne_siao, d.code_commune, v.*
    FROM demandes_tranches AS d
    CROSS JOIN LATERAL (VALUES
        ('x03', 'ensemble', 'ensemble', 'distinct', d.cle_demande, 1, true),
        ('x03', 'tranche_age', d.tranche_age, 'distinct', d.cle_demande, 1, true),
        ('x03', 'sexe', d.sexe, 'distinct', d.cle_demande, 1, true),
        ('x03', 'canal', d.canal, 'distinct', d.cle_demande, 1, true),
        ('x03', 'reponse', d.reponse, 'distinct', d.cle_demande, 1, true),
        ('x03_personnes', 'ensemble', 'ensemble', 'distinct', d.cle_personne, 1, true),
        ('x03_part_jeunes', 'ensemble', 'ensemble', 'part', d.cle_demande, CASE WHEN d.age < 25 THEN 1 ELSE 0 END, true),
        ('x03_part_jeunes_18_25', 'ensemble', 'ensemble', 'part', d.cle_demande, CASE WHEN d.age BETWEEN 18 AND 25 THEN 1 ELSE 0 END, true),
        ('x03_jeunes_18_25', 'ensemble', 'ensemble', 'distinct', d.cle_demande, 1, d.age BETWEEN 18 AND 25),
        ('x03_jeunes_personnes', 'ensemble', 'ensemble', 'distinct', d.cle_personne, 1, d.age < 25)
    ) AS v(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    UNION ALL
    SELECT d.date_demande, d.antenne_siao, d.code_commune, 'x03_jeunes', b.ventilation, b.modalite, 'distinct', d.cle_demande, 1, true
    FROM demandes_tranches AS d
    CROSS JOIN LATERAL (VALUES
        ('ensemble', 'ensemble'), ('sexe', d.sexe), ('sexe_tranche_age', d.sexe || '|' || d.tranche_age), ('canal', d.canal),
        ('reponse', d.reponse), ('type_hebergement_propose', d.type_hebergement_propose), ('composition_familiale', d.composition_familiale),
        ('situation_logement', d.situation_logement), ('parcours_ase', d.parcours_ase), ('sortie_institution', d.sortie_institution),
        ('type_ressources', d.type_ressources)
    ) AS b(ventilation, modalite)
    WHERE d.age < 25
)
SELECT f.indicateur, p.type_periode, p.periode, l.niveau_territoire, l.territoire, f.ventilation, f.modalite,
       f.cle, f.poids, f.agregation
FROM faits AS f
JOIN int_f2_9_periodes AS p ON f.date_evenement BETWEEN p.debut AND p.fin
CROSS JOIN LATERAL (VALUES
    ('territoire_mds', f.territoire_mds),
    ('commune', f.code_commune),
    ('departement', CASE WHEN f.territoire_mds IS NULL AND f.code_commune IS NULL THEN '62' END)
) AS l(niveau_territoire, territoire)
WHERE f.retenu AND f.modalite IS NOT NULL AND f.poids IS NOT NULL AND l.territoire IS NOT NULL
UNION ALL
SELECT indicateur, type_periode, periode, CASE WHEN territoire_lda IS NULL THEN 'departement' ELSE 'territoire_lda' END,
       coalesce(territoire_lda, '62'), ventilation, modalite, cle, poids, agregation
FROM int_f2_9_jeunes_lda
UNION ALL
SELECT y.indicateur, j.type_periode, j.periode, 'departement', '62', 'ensemble', 'ensemble', j.cle, j.jeune, y.agregation
FROM int_f2_9_jeunes_fiches AS j
CROSS JOIN LATERAL (VALUES (j.indicateur, 'somme'), (j.indicateur || '_part', 'part')) AS y(indicateur, agregation)
