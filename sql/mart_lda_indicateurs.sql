-- Logement d'abord indicators (fiches 2.4 to 2.7) by calendar year and month, for each LDA territory, each AMI and
-- the whole département ('62'). Distinct counts are recounted at each level (a person followed in two territories
-- counts once in the département), so only sums and counts of measures, actions or months add up across territories.
-- Fiche 2.7 is also broken down by dispositif (adsl, vial), as its indicators section asks; a « mixte » action then
-- counts under each dispositif concerned, so those modalities need not add up to the total.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
-- test: accepted_values(type_periode: annee, mois)
-- test: accepted_values(fiche: f2_4_adsl, f2_5_vial, f2_6_envaul, f2_7_lda_extension)
WITH faits AS (
    SELECT * FROM int_lda_faits
    UNION ALL
    SELECT * REPLACE ('dispositif' AS ventilation, dispositif AS modalite)
    FROM int_lda_faits
    WHERE fiche = 'f2_7_lda_extension' AND ventilation = 'ensemble'
),
niveaux AS (
    -- Each fact once per territorial level; DISTINCT so that a key met twice in one group (a mixte action under
    -- two dispositifs, a person's two measures) weighs once.
    SELECT DISTINCT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'territoire_lda' AS niveau_territoire, territoire_lda AS territoire FROM faits
        UNION ALL
        SELECT *, 'ami', ami FROM faits
        UNION ALL
        SELECT *, 'departement', '62' FROM faits
    )
),
comptes AS (
    SELECT
        fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
        CAST(CASE any_value(agregation) WHEN 'distinct' THEN count(*) ELSE sum(poids) END AS DOUBLE) AS valeur
    FROM niveaux
    GROUP BY ALL
),
moyennes AS (
    -- i04 mean: (measure, category) pairs per measure active in P (x00), for every breakdown both share.
    SELECT c.fiche, 'i04_moyenne' AS indicateur, c.periode, c.type_periode, c.territoire, c.niveau_territoire,
           c.ventilation, c.modalite, round(c.valeur / d.valeur, 2) AS valeur
    FROM comptes AS c
    JOIN comptes AS d USING (fiche, periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE c.indicateur = 'i04' AND d.indicateur = 'x00'
),
grille AS (
    -- Every indicator of the catalogue, for every period and every territory where its fiche applies (2.7 on the
    -- 2024 extension, the others on the AMI territories), so that « nothing happened » is published as 0, not left out.
    -- The mean (i04_moyenne) has no value without active measures and stays absent then.
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
        WHERE (c.fiche, c.indicateur, c.periode, c.territoire, c.ventilation, c.modalite)
            = (g.fiche, g.indicateur, g.periode, g.territoire, g.ventilation, g.modalite)
    )
)
SELECT r.*, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i USING (fiche, indicateur)
