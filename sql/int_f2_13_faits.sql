-- Facts behind every fiche 2.13 indicator (spec 2.13 §3), in the facts shape publier_indicateurs reads: one row per
-- (indicateur, period, finest known place, ventilation, modalite) and key; mart_f2_13_indicateurs counts distinct
-- keys ('distinct') or sums each distinct key's weight ('somme') at each territorial level.
-- Place: the record's commune (INSEE) gives its EPCI and MDS territory (ref.communes); else its EPCI (SIREN) gives the
-- MDS territory (ref.epci); else the MDS territory it states (meetings); 'non_attribue' when none is known, so that the
-- territories add up to the département. The finest of these is the fact's unit (niveau_territoire, territoire): the
-- publisher finds its EPCI and MDS territory in int_territoires_appartenances. Keys are operator / record identifier.
-- A grand passage counts in the period of its arrival (date_arrivee) when it took place (realise); the planning side
-- (i03_prevus, i03_caravanes_prevues) in the period of its planned arrival (date_arrivee_prevue).
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme)
-- test: expression(agregation <> 'distinct' OR poids = 1)
WITH lieux AS (
    SELECT 'reunion' AS source, r.code_operateur || '/' || r.id_reunion AS cle, r.date, NULL::VARCHAR AS code_commune, NULL::VARCHAR AS code_epci,
           r.territoire_mds
    FROM staging_gdv_reunions AS r
    UNION ALL
    SELECT 'habitat', h.code_operateur || '/' || h.id_action, h.date, c.code_commune, coalesce(c.code_epci, e.code_epci), coalesce(c.territoire_mds, e.territoire_mds)
    FROM staging_gdv_habitat_adapte AS h
    LEFT JOIN ref.communes AS c ON c.code_commune = h.code_commune
    LEFT JOIN ref.epci AS e ON e.code_epci = h.epci_siren
    UNION ALL
    SELECT 'passage', g.code_operateur || '/' || g.id_passage, NULL, c.code_commune, c.code_epci, c.territoire_mds
    FROM staging_gdv_grands_passages AS g
    LEFT JOIN ref.communes AS c ON c.code_commune = g.code_commune
    UNION ALL
    SELECT 'saisine', s.code_operateur || '/' || s.id_saisine, s.date, c.code_commune, c.code_epci, c.territoire_mds
    FROM staging_gdv_saisines_familles AS s
    LEFT JOIN ref.communes AS c ON c.code_commune = s.code_commune
    UNION ALL
    -- A commune's request is placed at the commune; an EPCI's at the EPCI (a commune given too only says where).
    SELECT 'sollicitation', s.code_operateur || '/' || s.id_sollicitation, s.date,
           CASE WHEN s.type_collectivite = 'commune' THEN c.code_commune END,
           CASE WHEN s.type_collectivite = 'commune' THEN coalesce(c.code_epci, e.code_epci) ELSE coalesce(e.code_epci, c.code_epci) END,
           CASE WHEN s.type_collectivite = 'commune' THEN coalesce(c.territoire_mds, e.territoire_mds) ELSE coalesce(e.territoire_mds, c.territoire_mds) END
    FROM staging_gdv_sollicitations_collectivites AS s
    LEFT JOIN ref.communes AS c ON c.code_commune = s.code_commune
    LEFT JOIN ref.epci AS e ON e.code_epci = s.epci_siren
),
evenements AS (
    -- (source, key, event date, indicateur, ventilation, modalite, agregation, weight)
    SELECT 'reunion' AS source, r.code_operateur || '/' || r.id_reunion AS cle, r.date AS date_evenement, v.*
    FROM staging_gdv_reunions AS r
    CROSS JOIN LATERAL (VALUES
        ('i01', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i01', 'thematique', r.thematique, 'distinct', 1, true),
        ('i01', 'instance', r.instance, 'distinct', 1, true),
        ('i01', 'echelle', r.echelle, 'distinct', 1, true),
        ('i01_productions', 'ensemble', 'ensemble', 'distinct', 1, r.instance = 'groupe_travail' AND nullif(trim(r.productions), '') IS NOT NULL),
        ('i01_productions', 'thematique', r.thematique, 'distinct', 1, r.instance = 'groupe_travail' AND nullif(trim(r.productions), '') IS NOT NULL)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
    UNION ALL
    SELECT 'habitat', h.code_operateur || '/' || h.id_action, h.date, v.*
    FROM staging_gdv_habitat_adapte AS h
    CROSS JOIN LATERAL (VALUES
        ('i02', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i02', 'type_action', h.type_action, 'distinct', 1, true),
        ('i02', 'statut', h.statut, 'distinct', 1, true),
        ('i02_accompagnements', 'ensemble', 'ensemble', 'distinct', 1, h.type_action IN ('accompagnement_menage', 'accompagnement_bailleur')),
        ('i02_accompagnements', 'type_action', h.type_action, 'distinct', 1, h.type_action IN ('accompagnement_menage', 'accompagnement_bailleur')),
        ('i02_etudes', 'ensemble', 'ensemble', 'distinct', 1, h.etude_realisee),
        ('i02_menages', 'ensemble', 'ensemble', 'somme', h.nb_menages, h.nb_menages IS NOT NULL)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
    UNION ALL
    -- Studies by partner: a study with a landlord and a household counts under each (modalities do not add up).
    SELECT 'habitat', h.code_operateur || '/' || h.id_action, h.date, 'i02_etudes', 'avec', unnest(h.avec), 'distinct', 1, true
    FROM staging_gdv_habitat_adapte AS h
    WHERE h.etude_realisee
    UNION ALL
    SELECT 'passage', g.code_operateur || '/' || g.id_passage, g.date_arrivee, v.*
    FROM staging_gdv_grands_passages AS g
    CROSS JOIN LATERAL (SELECT CASE WHEN g.prevu_au_planning THEN 'prevu' ELSE 'hors_planning' END AS planning,
                               CASE WHEN g.installation_irreguliere THEN 'irreguliere' ELSE 'reguliere' END AS installation) AS x
    CROSS JOIN LATERAL (VALUES
        ('i03', 'ensemble', 'ensemble', 'somme', g.nb_caravanes, true),
        ('i03', 'planning', x.planning, 'somme', g.nb_caravanes, true),
        ('i03', 'type_site', g.type_site, 'somme', g.nb_caravanes, true),
        ('i03_personnes', 'ensemble', 'ensemble', 'somme', g.nb_personnes_estime, g.nb_personnes_estime IS NOT NULL),
        ('i03_personnes', 'planning', x.planning, 'somme', g.nb_personnes_estime, g.nb_personnes_estime IS NOT NULL),
        ('i03_passages', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i03_passages', 'planning', x.planning, 'distinct', 1, true),
        ('i03_passages', 'type_site', g.type_site, 'distinct', 1, true),
        ('i03_passages', 'installation', x.installation, 'distinct', 1, true)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
    WHERE g.realise AND g.nb_caravanes IS NOT NULL
    UNION ALL
    SELECT 'passage', g.code_operateur || '/' || g.id_passage, g.date_arrivee_prevue, v.*
    FROM staging_gdv_grands_passages AS g
    CROSS JOIN LATERAL (VALUES
        ('i03_prevus', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i03_prevus', 'realisation', CASE WHEN g.realise THEN 'realise' ELSE 'non_realise' END, 'distinct', 1, true),
        ('i03_caravanes_prevues', 'ensemble', 'ensemble', 'somme', g.nb_caravanes_prevu, g.nb_caravanes_prevu IS NOT NULL)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
    WHERE g.prevu_au_planning
    UNION ALL
    SELECT 'saisine', s.code_operateur || '/' || s.id_saisine, s.date, v.*
    FROM staging_gdv_saisines_familles AS s
    CROSS JOIN LATERAL (VALUES
        ('i04', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i04', 'nature', s.nature, 'distinct', 1, true)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
    UNION ALL
    SELECT 'sollicitation', s.code_operateur || '/' || s.id_sollicitation, s.date, v.*
    FROM staging_gdv_sollicitations_collectivites AS s
    CROSS JOIN LATERAL (VALUES
        ('i05', 'ensemble', 'ensemble', 'distinct', 1, true),
        ('i05', 'type_collectivite', s.type_collectivite, 'distinct', 1, true),
        ('i05', 'objet', s.objet, 'distinct', 1, true)
    ) AS v(indicateur, ventilation, modalite, agregation, poids, retenu)
)
SELECT e.indicateur, p.type_periode, p.periode,
       CASE WHEN l.code_commune IS NOT NULL THEN 'commune' WHEN l.code_epci IS NOT NULL THEN 'epci' ELSE 'territoire_mds' END AS niveau_territoire,
       coalesce(l.code_commune, l.code_epci, l.territoire_mds, 'non_attribue') AS territoire,
       e.ventilation, e.modalite, e.cle, e.poids, e.agregation
FROM evenements AS e
JOIN lieux AS l USING (source, cle)
JOIN int_f2_13_periodes AS p ON e.date_evenement BETWEEN p.debut AND p.fin
WHERE e.retenu AND e.modalite IS NOT NULL AND e.poids IS NOT NULL
