-- The one publisher of a fiche's indicators (issue 13 item 3): its facts → mart_indicateurs rows.
-- Facts, one long shape for every fiche (int_<fiche>_faits): one row per indicateur, type_periode/periode, finest
-- known territorial unit (niveau_territoire, territoire), ventilation/modalite and counted key `cle`, with `poids` and
-- `agregation` = distinct | somme | moyenne | mediane | part.
-- Roll-up: a fact counts in its own unit, in every unit containing it (`appartenances`, keyed by
-- (niveau, code); lots are the fiche's own) and in the département ('62'), even when its unit is outside the reference
-- ('non_attribue'); only the levels in `niveaux` are published (those of the mart's accepted_values test). A fact
-- with two independent places (a declared lot, the commune's MDS territory) is given once per place, and the mart
-- leaves the link between them out of `appartenances`; its key still counts once in each cell.
-- Aggregation per published cell, over the distinct (cle, poids) of the cell — a key met twice in one unit weighs
-- once, and distinct keys are recounted at each level (a person seen on two territories counts once in '62'):
-- distinct = number of keys, somme = Σ poids (to the cent: the order of a float sum varies from run to run),
-- moyenne/mediane of poids, part = 100 × mean of a 0/1 poids: 2 decimals, or what `decimales` (indicateur → decimals)
-- gives when the catalogue's definition says otherwise (the default map names no indicator).
-- Absent cells: for every period of `periodes` and every unit of the published levels but communes and EPCIs (890
-- mostly empty cells a period), each catalogue indicator whose `cellule_absente` is 'zero' gets its « ensemble » row
-- with 0 when no record reaches it; 'vide' ones (means, medians, shares, rates) stay absent.
-- Usage: SELECT * FROM publier_indicateurs('<fiche>', <faits>, <periodes>, int_territoires_appartenances, ['<niveau>', …])
-- (the call names every table the macro reads, so that the model runner orders the mart after them).
CREATE OR REPLACE MACRO publier_indicateurs(fiche_code, faits, periodes, appartenances, niveaux, decimales := MAP {'': 2}) AS TABLE
WITH faits_fiche AS (
    SELECT indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, agregation, cle, poids
    FROM query_table(faits)
),
parents AS (
    SELECT niveau, code, niveau_parent, code_parent
    FROM query_table(appartenances)
    WHERE (fiche IS NULL OR fiche = fiche_code) AND niveau_parent <> 'departement'
),
niveaux_faits AS (
    SELECT DISTINCT indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT * FROM faits_fiche
        UNION ALL
        SELECT f.* REPLACE (a.niveau_parent AS niveau_territoire, a.code_parent AS territoire)
        FROM faits_fiche AS f
        JOIN parents AS a ON a.niveau = f.niveau_territoire AND a.code = f.territoire
        UNION ALL
        SELECT * REPLACE ('departement' AS niveau_territoire, '62' AS territoire) FROM faits_fiche WHERE niveau_territoire <> 'departement'
    )
    WHERE list_contains(niveaux, niveau_territoire)
),
agreges AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           any_value(agregation) IN ('moyenne', 'mediane', 'part') AS ratio,
           CAST(CASE any_value(agregation)
                    WHEN 'distinct' THEN count(*)
                    WHEN 'somme' THEN round(sum(poids), 2)
                    WHEN 'moyenne' THEN avg(poids)
                    WHEN 'mediane' THEN median(poids)
                    WHEN 'part' THEN 100 * avg(poids)
                END AS DOUBLE) AS brut
    FROM niveaux_faits
    GROUP BY ALL
),
comptes AS (
    SELECT * EXCLUDE (ratio, brut),
           CASE WHEN ratio THEN round(brut, coalesce(decimales[indicateur], 2)) ELSE brut END AS valeur
    FROM agreges
),
unites_grille AS (
    SELECT DISTINCT niveau_parent AS niveau_territoire, code_parent AS territoire
    FROM query_table(appartenances)
    WHERE (fiche IS NULL OR fiche = fiche_code) AND niveau_parent NOT IN ('commune', 'epci') AND list_contains(niveaux, niveau_parent)
),
grille AS (
    SELECT i.indicateur, p.periode, p.type_periode, u.territoire, u.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS i
    CROSS JOIN (SELECT DISTINCT periode, type_periode FROM query_table(periodes)) AS p
    CROSS JOIN unites_grille AS u
    WHERE i.fiche = fiche_code AND i.cellule_absente = 'zero'
),
publies AS (
    SELECT * FROM comptes
    UNION ALL
    SELECT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.indicateur, c.periode, c.territoire, c.niveau_territoire, c.ventilation, c.modalite)
            = (g.indicateur, g.periode, g.territoire, g.niveau_territoire, g.ventilation, g.modalite)
    )
)
SELECT fiche_code AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = fiche_code AND i.indicateur = r.indicateur
