-- Fiche 2.1 « Missions d'information sur le logement » indicators (spec 2.1 §3) by calendar year and month, for each
-- MDS territory (niveau 'territoire_mds'; 'non_attribue' gathers records whose territory is unknown) and the whole
-- département ('62'). Facts come from int_f2_1_faits; distinct keys are recounted at each level, so a user seen on
-- two territories counts once in the département (only consultations, permanences and actions add up).
-- Every indicator of the catalogue is published for every period and the 9 territories + '62' in its « ensemble »
-- row, 0 when nothing happened; means, medians and shares have no value without a record and stay absent then.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, territoire_mds)
-- test: accepted_values(type_periode: annee, mois)
WITH niveaux AS (
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'territoire_mds' AS niveau_territoire, territoire_mds AS territoire FROM int_f2_1_faits
        UNION ALL
        SELECT *, 'departement', '62' FROM int_f2_1_faits
    )
),
comptes AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           CAST(CASE any_value(agregation)
                    WHEN 'distinct' THEN count(*)
                    WHEN 'somme' THEN sum(poids)
                    WHEN 'moyenne' THEN round(avg(poids), 2)
                    WHEN 'mediane' THEN round(median(poids), 2)
                    WHEN 'part' THEN round(100 * avg(poids), 2)
                END AS DOUBLE) AS valeur
    FROM niveaux
    GROUP BY ALL
),
grille AS (
    SELECT i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS i
    CROSS JOIN int_f2_1_periodes AS p
    CROSS JOIN (SELECT code AS territoire, 'territoire_mds' AS niveau_territoire FROM ref.territoires_mds UNION ALL SELECT '62', 'departement') AS t
    WHERE i.fiche = 'f2_1_information' AND i.unite NOT IN ('%', 'moyenne', 'mois', 'taux') AND i.indicateur NOT LIKE '%\_moyenne' ESCAPE '\'
      AND i.indicateur NOT LIKE '%\_mediane' ESCAPE '\'
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
SELECT 'f2_1_information' AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = 'f2_1_information' AND i.indicateur = r.indicateur
