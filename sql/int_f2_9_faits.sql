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
-- Each day of each period: a fact finds its periods by an equality on its date (a hash join) instead of a range
-- join sorting every fact against every period (issue 16).
jours AS (
    SELECT type_periode, periode, CAST(unnest(generate_series(debut, fin, INTERVAL 1 DAY)) AS DATE) AS jour
    FROM int_f2_9_periodes
),
faits AS (
    -- The facts of a record are unnested from a list in the select list: a LATERAL (VALUES …) on its columns was
    -- planned as a join back on every column it names (issue 16).
    -- Deliverables.
    SELECT l.date AS date_evenement, t.territoire_mds, NULL::VARCHAR AS code_commune, unnest([
        {indicateur: 'i00', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: true},
        {indicateur: 'i00', ventilation: 'type_livrable', modalite: l.type_livrable, agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: true},
        {indicateur: 'i01', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: l.type_livrable = 'cartographie'},
        {indicateur: 'i02', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: l.type_livrable = 'fiche_thematique'},
        {indicateur: 'i03', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: l.type_livrable = 'fiche_synthese'},
        {indicateur: 'i04', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: l.code_operateur || '/' || l.id_livrable, poids: 1, retenu: l.type_livrable = 'rapport_complet'}
    ], recursive := true)
    FROM staging_obs_livrables AS l
    CROSS JOIN LATERAL (
        SELECT unnest(CASE WHEN l.perimetre IS NULL OR len(list_filter(l.perimetre, p -> p <> 'departement')) = 0 THEN [NULL::VARCHAR]
                           ELSE list_filter(l.perimetre, p -> p <> 'departement') END) AS territoire_mds
    ) AS t
    UNION ALL
    -- Partnership meetings, study days, participatory research (x01).
    SELECT r.date, coalesce(r.territoire_mds, 'non_attribue'), NULL, unnest([
        {indicateur: 'x01', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: r.code_operateur || '/' || r.id_rencontre, poids: 1, retenu: true},
        {indicateur: 'x01', ventilation: 'type', modalite: r.type, agregation: 'distinct', cle: r.code_operateur || '/' || r.id_rencontre, poids: 1, retenu: true},
        {indicateur: 'x01', ventilation: 'avec_jeunes', modalite: CASE WHEN r.nb_jeunes > 0 THEN 'oui' ELSE 'non' END, agregation: 'distinct', cle: r.code_operateur || '/' || r.id_rencontre, poids: 1, retenu: true},
        {indicateur: 'x01_professionnels', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'somme', cle: r.code_operateur || '/' || r.id_rencontre, poids: r.nb_participants_professionnels, retenu: true},
        {indicateur: 'x01_professionnels', ventilation: 'type', modalite: r.type, agregation: 'somme', cle: r.code_operateur || '/' || r.id_rencontre, poids: r.nb_participants_professionnels, retenu: true},
        {indicateur: 'x01_jeunes', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'somme', cle: r.code_operateur || '/' || r.id_rencontre, poids: r.nb_jeunes, retenu: true},
        {indicateur: 'x01_jeunes', ventilation: 'type', modalite: r.type, agregation: 'somme', cle: r.code_operateur || '/' || r.id_rencontre, poids: r.nb_jeunes, retenu: true}
    ], recursive := true)
    FROM staging_obs_rencontres AS r
    UNION ALL
    SELECT r.date, coalesce(r.territoire_mds, 'non_attribue'), NULL,
           'x01', 'categories_participants', unnest(r.categories_participants), 'distinct', r.code_operateur || '/' || r.id_rencontre, 1, true
    FROM staging_obs_rencontres AS r
    UNION ALL
    -- Cohort (x02).
    SELECT c.date_observation, coalesce(c.territoire_mds, 'non_attribue'), NULL, unnest([
        {indicateur: 'x02', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: true},
        {indicateur: 'x02', ventilation: 'sexe', modalite: c.sexe, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: true},
        {indicateur: 'x02', ventilation: 'tranche_age', modalite: c.tranche_age, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: true},
        {indicateur: 'x02', ventilation: 'jeunes', modalite: 'moins_25', agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: c.age < 25},
        {indicateur: 'x02', ventilation: 'jeunes', modalite: 'jeune_18_25', agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: c.age BETWEEN 18 AND 25},
        {indicateur: 'x02', ventilation: 'parcours_ase', modalite: c.parcours_ase, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: true},
        {indicateur: 'x02', ventilation: 'vague', modalite: CAST(c.vague AS VARCHAR), agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: true},
        {indicateur: 'x02_suivis', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: NOT c.perdu_de_vue},
        {indicateur: 'x02_suivis', ventilation: 'situation_logement', modalite: c.situation_logement, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: NOT c.perdu_de_vue},
        {indicateur: 'x02_suivis', ventilation: 'situation_professionnelle', modalite: c.situation_professionnelle, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: NOT c.perdu_de_vue},
        {indicateur: 'x02_suivis', ventilation: 'type_ressources', modalite: c.type_ressources, agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: NOT c.perdu_de_vue},
        {indicateur: 'x02_taux_suivi', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'part', cle: c.cle_observation, poids: CASE WHEN c.perdu_de_vue THEN 0 ELSE 1 END, retenu: c.vague > 1},
        {indicateur: 'x02_taux_suivi', ventilation: 'vague', modalite: CAST(c.vague AS VARCHAR), agregation: 'part', cle: c.cle_observation, poids: CASE WHEN c.perdu_de_vue THEN 0 ELSE 1 END, retenu: c.vague > 1},
        {indicateur: 'x02_releges', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: c.cle_jeune, poids: 1, retenu: c.relogement_depuis_vague_precedente}
    ], recursive := true)
    FROM cohorte_tranches AS c
    UNION ALL
    SELECT c.date_observation, coalesce(c.territoire_mds, 'non_attribue'), NULL,
           'x02_suivis', 'accompagnements_en_cours', unnest(c.accompagnements_en_cours), 'distinct', c.cle_jeune, 1, NOT c.perdu_de_vue
    FROM cohorte_tranches AS c
    UNION ALL
    -- SIAO / 115 requests (x03), all ages, and the young people's slice.
    SELECT d.date_demande, d.antenne_siao, d.code_commune, unnest([
        {indicateur: 'x03', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: true},
        {indicateur: 'x03', ventilation: 'tranche_age', modalite: d.tranche_age, agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: true},
        {indicateur: 'x03', ventilation: 'sexe', modalite: d.sexe, agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: true},
        {indicateur: 'x03', ventilation: 'canal', modalite: d.canal, agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: true},
        {indicateur: 'x03', ventilation: 'reponse', modalite: d.reponse, agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: true},
        {indicateur: 'x03_personnes', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: d.cle_personne, poids: 1, retenu: true},
        {indicateur: 'x03_part_jeunes', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'part', cle: d.cle_demande, poids: CASE WHEN d.age < 25 THEN 1 ELSE 0 END, retenu: true},
        {indicateur: 'x03_part_jeunes_18_25', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'part', cle: d.cle_demande, poids: CASE WHEN d.age BETWEEN 18 AND 25 THEN 1 ELSE 0 END, retenu: true},
        {indicateur: 'x03_jeunes_18_25', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: d.cle_demande, poids: 1, retenu: d.age BETWEEN 18 AND 25},
        {indicateur: 'x03_jeunes_personnes', ventilation: 'ensemble', modalite: 'ensemble', agregation: 'distinct', cle: d.cle_personne, poids: 1, retenu: d.age < 25}
    ], recursive := true)
    FROM demandes_tranches AS d
    UNION ALL
    SELECT date_demande, antenne_siao, code_commune, 'x03_jeunes', ventilation, modalite, 'distinct', cle_demande, 1, true
    FROM (
        SELECT d.date_demande, d.antenne_siao, d.code_commune, d.cle_demande, unnest([
            {ventilation: 'ensemble', modalite: 'ensemble'}, {ventilation: 'sexe', modalite: d.sexe},
            {ventilation: 'sexe_tranche_age', modalite: d.sexe || '|' || d.tranche_age}, {ventilation: 'canal', modalite: d.canal},
            {ventilation: 'reponse', modalite: d.reponse}, {ventilation: 'type_hebergement_propose', modalite: d.type_hebergement_propose},
            {ventilation: 'composition_familiale', modalite: d.composition_familiale}, {ventilation: 'situation_logement', modalite: d.situation_logement},
            {ventilation: 'parcours_ase', modalite: d.parcours_ase}, {ventilation: 'sortie_institution', modalite: d.sortie_institution},
            {ventilation: 'type_ressources', modalite: d.type_ressources}
        ], recursive := true)
        FROM demandes_tranches AS d
        WHERE d.age < 25
    )
)
SELECT f.indicateur, p.type_periode, p.periode, l.niveau_territoire, l.territoire, f.ventilation, f.modalite,
       f.cle, f.poids, f.agregation
FROM faits AS f
JOIN jours AS p ON p.jour = f.date_evenement
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
SELECT indicateur, type_periode, periode, 'departement', '62', 'ensemble', 'ensemble', cle, jeune, agregation
FROM (
    SELECT j.type_periode, j.periode, j.cle, j.jeune,
           unnest([{indicateur: j.indicateur, agregation: 'somme'}, {indicateur: j.indicateur || '_part', agregation: 'part'}], recursive := true)
    FROM int_f2_9_jeunes_fiches AS j
)
