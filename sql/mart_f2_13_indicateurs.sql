-- Fiche 2.13 « Animation du schéma départemental d'accueil et d'habitat des gens du voyage » indicators (spec 2.13 §3)
-- by calendar year and month, for each commune (INSEE) and EPCI (SIREN) where the record has one, each MDS territory
-- ('non_attribue' gathers records whose place is unknown, so that territories add up) and the département ('62').
-- Facts come from int_f2_13_faits; keys are recounted at each level. Counts are published for every period, the MDS
-- territories and '62' in their « ensemble » row (and i04 for each of the six natures), 0 when nothing happened;
-- communes and EPCI appear only where something happened.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, territoire_mds, epci, commune)
-- test: accepted_values(type_periode: annee, mois)
WITH niveaux AS (
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'commune' AS niveau_territoire, code_commune AS territoire FROM int_f2_13_faits WHERE code_commune IS NOT NULL
        UNION ALL
        SELECT *, 'epci', code_epci FROM int_f2_13_faits WHERE code_epci IS NOT NULL
        UNION ALL
        SELECT *, 'territoire_mds', territoire_mds FROM int_f2_13_faits
        UNION ALL
        SELECT *, 'departement', '62' FROM int_f2_13_faits
    )
),
comptes AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           CAST(CASE any_value(agregation) WHEN 'distinct' THEN count(*) ELSE sum(poids) END AS DOUBLE) AS valeur
    FROM niveaux
    GROUP BY ALL
),
grille AS (
    SELECT i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, v.ventilation, v.modalite
    FROM ref.indicateurs AS i
    CROSS JOIN int_f2_13_periodes AS p
    CROSS JOIN (SELECT code AS territoire, 'territoire_mds' AS niveau_territoire FROM ref.territoires_mds UNION ALL SELECT '62', 'departement') AS t
    JOIN (
        SELECT NULL AS pour, 'ensemble' AS ventilation, 'ensemble' AS modalite
        UNION ALL
        SELECT 'i04', 'nature', unnest(['stationnement_illicite', 'pv_stationnement_illicite', 'scolarisation', 'conflit_administration', 'demande_information', 'autre'])
    ) AS v ON v.pour IS NULL OR v.pour = i.indicateur
    WHERE i.fiche = 'f2_13_gens_du_voyage'
),
publies AS (
    SELECT * FROM comptes
    UNION ALL
    SELECT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.indicateur, c.periode, c.territoire, c.ventilation, c.modalite) = (g.indicateur, g.periode, g.territoire, g.ventilation, g.modalite)
    )
)
SELECT 'f2_13_gens_du_voyage' AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = 'f2_13_gens_du_voyage' AND i.indicateur = r.indicateur
