-- Logement d'abord indicators (fiches 2.4 to 2.7) by calendar year, month and convention period, for each LDA territory, each AMI and
-- the whole département ('62'): int_lda_faits published fiche by fiche by publier_indicateurs. Distinct counts are
-- recounted at each level (a person followed in two territories counts once in the département), so only sums and
-- counts of measures, actions or months add up across territories.
-- Fiche-specific, which the catalogue cannot say:
--   - 2.7 is also broken down by dispositif (adsl, vial), as its indicators section asks; a « mixte » action then
--     counts under each dispositif concerned, so those modalities need not add up to the total;
--   - each fiche's absent cells (catalogue `cellule_absente`) are published on its own territories only: 2.7 on the
--     2024 extension, the others on the AMI 1 and 2 territories (appartenances_perimetre);
--   - i04_moyenne = i04 / x00 in each cell: (measure, category) pairs per measure active in P, for every breakdown
--     both share (x00, the active measures, is not published on its own).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
-- test: accepted_values(type_periode: annee, mois, convention)
-- test: accepted_values(fiche: f2_4_adsl, f2_5_vial, f2_6_envaul, f2_7_lda_extension)
WITH territoires AS (
    SELECT list(code ORDER BY code) FILTER (WHERE ami <> 'extension_2024') AS ami_1_2,
           list(code ORDER BY code) FILTER (WHERE ami = 'extension_2024') AS extension
    FROM ref.territoires_lda
),
perimetre_adsl AS (SELECT * FROM appartenances_perimetre('f2_4_adsl', int_territoires_appartenances, (SELECT ami_1_2 FROM territoires))),
perimetre_vial AS (SELECT * FROM appartenances_perimetre('f2_5_vial', int_territoires_appartenances, (SELECT ami_1_2 FROM territoires))),
perimetre_envaul AS (SELECT * FROM appartenances_perimetre('f2_6_envaul', int_territoires_appartenances, (SELECT ami_1_2 FROM territoires))),
perimetre_extension AS (
    SELECT * FROM appartenances_perimetre('f2_7_lda_extension', int_territoires_appartenances, (SELECT extension FROM territoires))
),
-- Each fiche's facts straight from int_lda_faits, filtered: one union of every fiche's facts, named four times, was
-- materialised whole (1,8 M rows at 10×) before being cut back by fiche.
faits_adsl AS (SELECT * FROM int_lda_faits WHERE fiche = 'f2_4_adsl'),
faits_vial AS (SELECT * FROM int_lda_faits WHERE fiche = 'f2_5_vial'),
faits_envaul AS (SELECT * FROM int_lda_faits WHERE fiche = 'f2_6_envaul'),
faits_extension AS (
    SELECT * FROM int_lda_faits WHERE fiche = 'f2_7_lda_extension'
    UNION ALL
    -- 2.7 by dispositif (see above).
    SELECT * REPLACE ('dispositif' AS ventilation, dispositif AS modalite)
    FROM int_lda_faits
    WHERE fiche = 'f2_7_lda_extension' AND ventilation = 'ensemble'
),
-- Months and years are every fiche's, convention periods their own fiche's (int_lda_periodes.fiche).
periodes_adsl AS (SELECT * FROM int_lda_periodes WHERE fiche IS NULL OR fiche = 'f2_4_adsl'),
periodes_vial AS (SELECT * FROM int_lda_periodes WHERE fiche IS NULL OR fiche = 'f2_5_vial'),
periodes_envaul AS (SELECT * FROM int_lda_periodes WHERE fiche IS NULL OR fiche = 'f2_6_envaul'),
periodes_extension AS (SELECT * FROM int_lda_periodes WHERE fiche IS NULL OR fiche = 'f2_7_lda_extension'),
publies AS (
    SELECT * FROM publier_indicateurs('f2_4_adsl', faits_adsl, periodes_adsl, perimetre_adsl)
    UNION ALL
    SELECT * FROM publier_indicateurs('f2_5_vial', faits_vial, periodes_vial, perimetre_vial)
    UNION ALL
    SELECT * FROM publier_indicateurs('f2_6_envaul', faits_envaul, periodes_envaul, perimetre_envaul)
    UNION ALL
    SELECT * FROM publier_indicateurs('f2_7_lda_extension', faits_extension, periodes_extension, perimetre_extension)
),
moyennes AS (
    SELECT c.fiche, 'i04_moyenne' AS indicateur, c.periode, c.type_periode, c.territoire, c.niveau_territoire,
           c.ventilation, c.modalite, round(c.valeur / d.valeur, 2) AS valeur, i.unite
    FROM publies AS c
    JOIN publies AS d USING (fiche, periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    JOIN ref.indicateurs AS i ON i.fiche = c.fiche AND i.indicateur = 'i04_moyenne'
    WHERE c.indicateur = 'i04' AND d.indicateur = 'x00'
)
SELECT * FROM publies WHERE indicateur <> 'x00'
UNION ALL
SELECT * FROM moyennes
