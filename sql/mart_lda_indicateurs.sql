-- Logement d'abord indicators (fiches 2.4 to 2.7) by year and month, for each LDA territory, each AMI and the
-- whole département. Distinct counts are recounted at each level (a person followed in two territories counts
-- once in the département), so only sums and counts of measures or actions add up across territories.
-- test: unique(fiche, indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite)
-- test: not_null(valeur, unite)  -- a missing unit means the indicator is absent from sources/reference/indicateurs.csv
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
WITH niveaux AS (
    SELECT *, 'territoire_lda' AS niveau_territoire, territoire_lda AS territoire FROM int_lda_faits
    UNION ALL
    SELECT *, 'ami', ami FROM int_lda_faits
    UNION ALL
    SELECT *, 'departement', '62' FROM int_lda_faits
),
comptes AS (
    SELECT
        fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
        CASE any_value(agregation) WHEN 'distinct' THEN count(DISTINCT cle) ELSE sum(poids) END AS valeur
    FROM niveaux
    GROUP BY ALL
),
moyennes AS (
    -- i04 mean: (measure, category) pairs per active measure.
    SELECT c.fiche, 'i04_moyenne' AS indicateur, c.periode, c.type_periode, c.territoire, c.niveau_territoire,
           'ensemble' AS ventilation, 'ensemble' AS modalite, round(c.valeur / d.valeur, 2) AS valeur
    FROM comptes AS c
    JOIN comptes AS d USING (fiche, periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE c.indicateur = 'i04' AND d.indicateur = 'x00' AND c.ventilation = 'ensemble'
),
grille AS (
    -- Every counted indicator of the catalogue, for every period and territory where its fiche applies, so that
    -- « none » is published as 0 rather than left out.
    SELECT i.fiche, i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS i
    CROSS JOIN int_lda_periodes AS p
    JOIN (
        SELECT code AS territoire, 'territoire_lda' AS niveau_territoire, ami FROM ref.territoires_lda
        UNION ALL SELECT DISTINCT ami, 'ami', ami FROM ref.territoires_lda
        UNION ALL SELECT DISTINCT '62', 'departement', ami FROM ref.territoires_lda
    ) AS t ON (i.fiche = 'f2_7_lda_extension') = (t.ami = 'extension_2024')
    WHERE i.indicateur <> 'i04_moyenne' AND i.fiche IN (SELECT DISTINCT fiche FROM int_lda_faits)
),
publies AS (
    SELECT * FROM comptes WHERE indicateur <> 'x00'
    UNION ALL
    SELECT * FROM moyennes
    UNION ALL
    SELECT DISTINCT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.fiche, c.indicateur, c.periode, c.type_periode, c.territoire, c.niveau_territoire, c.ventilation)
            = (g.fiche, g.indicateur, g.periode, g.type_periode, g.territoire, g.niveau_territoire, g.ventilation)
    )
)
SELECT r.*, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i USING (fiche, indicateur)
