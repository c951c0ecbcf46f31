-- The one publisher of a fiche's indicators (issue 13 item 3): its facts → mart_indicateurs rows.
-- Facts, one long shape for every fiche (int_<fiche>_faits): one row per indicateur, type_periode/periode, finest
-- known territorial unit (niveau_territoire, territoire), ventilation/modalite and counted key `cle`, with `poids` and
-- `agregation` = distinct | somme | moyenne | mediane | part.
-- Roll-up: a fact counts in its own unit, in every unit containing it (`appartenances`, keyed by
-- (niveau, code); lots are the fiche's own) and in the département ('62'), even when its unit is outside the reference
-- ('non_attribue'); only the fiche's published levels are (ref.niveaux_publies: the accepted_values(niveau_territoire)
-- test of its mart's header, the one place they are written, pipelines/models/niveaux-publies.ts). A fact
-- with two independent places (a declared lot, the commune's MDS territory) is given once per place, and the mart
-- leaves the link between them out of `appartenances`; its key still counts once in each cell.
-- Aggregation per published cell, over the distinct (cle, poids) of the cell — a key met twice in one unit weighs
-- once, and distinct keys are recounted at each level (a person seen on two territories counts once in '62'):
-- distinct = number of keys, somme = Σ poids (to the cent: the order of a float sum varies from run to run),
-- moyenne/mediane of poids, part = 100 × mean of a 0/1 poids over the cell's keys, each key once with its largest
-- weight (a person young in one of her two measures is young): 2 decimals, or what `decimales` (indicateur →
-- decimals) gives when the catalogue's definition says otherwise (the default map names no indicator); a mean and a
-- share are divided once, exactly, and rounded half away from zero (macros/arrondi_centimes.sql, arrondi_quotient).
-- Absent cells: for every period of `periodes` and every unit `appartenances` names (as a unit or as a parent) at the
-- published levels but communes and EPCIs (890 mostly empty cells a period), each catalogue indicator whose
-- `cellule_absente` is 'zero' gets its « ensemble » row with 0 when no record reaches it; 'vide' ones (means,
-- medians, shares, rates) stay absent.
-- Usage: SELECT * FROM publier_indicateurs('<fiche>', <faits>, <periodes>, int_territoires_appartenances)
-- (the call names every table the macro reads, so that the model runner orders the mart after them).
CREATE OR REPLACE MACRO publier_indicateurs(fiche_code, faits, periodes, appartenances, decimales := MAP {'': 2}) AS TABLE
WITH niveaux_publies AS (
    SELECT niveau_territoire FROM ref.niveaux_publies WHERE fiche = fiche_code
),
-- Read again by each of its four readers, each for its own columns, rather than materialised whole once: at 100× the
-- copy of every column and its four scans cost more than the table's scans (mart_f2_1_indicateurs 15 → 9 s).
faits_brut AS NOT MATERIALIZED (
    SELECT indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, agregation, cle, poids
    FROM query_table(faits)
),
-- Cells, units and keys are numbered before the roll-up, so that the DISTINCT over facts × levels and the aggregation
-- hash integers, not texts (a key such as « ASSO-LDA-01/M12345 » is too long to be stored inline): at 100× the LDA
-- mart took half the time (80 → 38 s). The inner joins lose no fact: every facts model tests these columns not_null.
cellules AS MATERIALIZED (
    SELECT row_number() OVER () AS c, *
    FROM (SELECT DISTINCT indicateur, type_periode, periode, ventilation, modalite, agregation FROM faits_brut)
),
cles_codes AS (
    SELECT row_number() OVER () AS k, cle FROM (SELECT DISTINCT cle FROM faits_brut)
),
parents AS (
    SELECT niveau, code, niveau_parent, code_parent
    FROM query_table(appartenances)
    WHERE (fiche IS NULL OR fiche = fiche_code) AND niveau_parent <> 'departement'
),
unites AS MATERIALIZED (
    SELECT row_number() OVER () AS u, niveau_territoire, territoire
    FROM (
        SELECT niveau_territoire, territoire FROM faits_brut
        UNION
        SELECT niveau_parent, code_parent FROM parents
        UNION
        SELECT 'departement', '62'
    )
),
-- Each unit, to itself, to its parents and to the département ('62') unless it is the département.
liens AS (
    SELECT e.u AS u, e.u AS u_publie FROM unites AS e
    UNION ALL
    SELECT e.u, p.u FROM parents AS a
    JOIN unites AS e ON e.niveau_territoire = a.niveau AND e.territoire = a.code
    JOIN unites AS p ON p.niveau_territoire = a.niveau_parent AND p.territoire = a.code_parent
    UNION ALL
    SELECT e.u, d.u FROM unites AS e, unites AS d
    WHERE e.niveau_territoire <> 'departement' AND d.niveau_territoire = 'departement' AND d.territoire = '62'
),
liens_publies AS (
    SELECT l.u, l.u_publie FROM liens AS l JOIN unites AS p ON p.u = l.u_publie
    WHERE p.niveau_territoire IN (SELECT niveau_territoire FROM niveaux_publies)
),
faits_fiche AS (
    SELECT k.c, e.u, q.k AS cle, f.poids, k.agregation
    FROM faits_brut AS f
    JOIN cellules AS k USING (indicateur, type_periode, periode, ventilation, modalite, agregation)
    JOIN unites AS e USING (niveau_territoire, territoire)
    JOIN cles_codes AS q USING (cle)
),
niveaux_faits AS (
    SELECT DISTINCT f.c, l.u_publie AS u, f.agregation, f.cle, f.poids
    FROM faits_fiche AS f JOIN liens_publies AS l USING (u)
),
cles AS (
    SELECT * FROM niveaux_faits WHERE agregation <> 'part'
    UNION ALL
    SELECT c, u, agregation, cle, max(poids)
    FROM niveaux_faits WHERE agregation = 'part'
    GROUP BY ALL
),
agreges_codes AS (
    SELECT c, u,
           CAST(CASE any_value(agregation)
                    WHEN 'distinct' THEN count(*)
                    WHEN 'somme' THEN round(sum(poids) FILTER (WHERE agregation = 'somme'), 2)
                    WHEN 'mediane' THEN median(poids) FILTER (WHERE agregation = 'mediane')
                END AS DOUBLE) AS brut,
           -- A mean's terms, exact, so that its rounding does not hang on the order DuckDB adds the weights in: at
           -- 10× a mean of 7,865 came out 7,86499… in one run and 7,86500… in another (7,86 against 7,87).
           sum(CAST(poids AS DECIMAL(38, 6))) FILTER (WHERE agregation IN ('moyenne', 'part')) AS somme_exacte,
           count(poids) FILTER (WHERE agregation IN ('moyenne', 'part')) AS nombre
    FROM cles
    GROUP BY ALL
),
agreges AS (
    SELECT k.indicateur, k.periode, k.type_periode, t.territoire, t.niveau_territoire, k.ventilation, k.modalite,
           k.agregation, a.brut, a.somme_exacte, a.nombre
    FROM agreges_codes AS a JOIN cellules AS k USING (c) JOIN unites AS t USING (u)
),
comptes AS (
    SELECT * EXCLUDE (agregation, brut, somme_exacte, nombre),
           CASE agregation
               WHEN 'moyenne' THEN CAST(arrondi_quotient(somme_exacte, nullif(nombre, 0), coalesce(decimales[indicateur], 2)) AS DOUBLE)
               WHEN 'part' THEN CAST(arrondi_quotient(100 * somme_exacte, nullif(nombre, 0), coalesce(decimales[indicateur], 2)) AS DOUBLE)
               WHEN 'mediane' THEN round(brut, coalesce(decimales[indicateur], 2))
               ELSE brut
           END AS valeur
    FROM agreges
),
unites_grille AS (
    SELECT DISTINCT u.niveau_territoire, u.territoire
    FROM query_table(appartenances) AS a
    CROSS JOIN LATERAL (VALUES (a.niveau, a.code), (a.niveau_parent, a.code_parent)) AS u(niveau_territoire, territoire)
    WHERE (a.fiche IS NULL OR a.fiche = fiche_code) AND u.niveau_territoire NOT IN ('commune', 'epci')
      AND u.niveau_territoire IN (SELECT niveau_territoire FROM niveaux_publies)
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
