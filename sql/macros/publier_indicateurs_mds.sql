-- A fiche's facts (one row per indicator, period, MDS territory, breakdown and counted key, with how to aggregate
-- it: agregation = distinct | somme | moyenne | mediane | part, and its weight) published as mart_indicateurs rows for
-- each MDS territory and the département ('62'). Distinct keys are recounted at each level, so a key seen on two
-- territories counts once in the département. Every catalogue indicator of the fiche gets its « ensemble » row for
-- every period and territory, 0 when nothing happened; means, medians, shares and rates stay absent without a record.
-- Used by the 2.1, 2.2 and 2.3 indicator marts: SELECT * FROM publier_indicateurs_mds('<fiche>', <faits>, <periodes>).
CREATE OR REPLACE MACRO publier_indicateurs_mds(fiche_code, faits, periodes) AS TABLE
WITH niveaux AS (
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'territoire_mds' AS niveau_territoire, territoire_mds AS territoire FROM query_table(faits)
        UNION ALL
        SELECT *, 'departement', '62' FROM query_table(faits)
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
    CROSS JOIN query_table(periodes) AS p
    CROSS JOIN (SELECT code AS territoire, 'territoire_mds' AS niveau_territoire FROM ref.territoires_mds UNION ALL SELECT '62', 'departement') AS t
    WHERE i.fiche = fiche_code AND i.unite NOT IN ('%', 'moyenne', 'mois', 'taux') AND i.indicateur NOT LIKE '%\_moyenne' ESCAPE '\'
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
SELECT fiche_code AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = fiche_code AND i.indicateur = r.indicateur
