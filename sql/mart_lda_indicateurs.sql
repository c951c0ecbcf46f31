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
)
SELECT r.*, i.unite
FROM (SELECT * FROM comptes WHERE indicateur <> 'x00' UNION ALL SELECT * FROM moyennes) AS r
LEFT JOIN ref.indicateurs AS i USING (fiche, indicateur)
