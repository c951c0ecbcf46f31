-- Logement d'abord measures of the active files, one row per (operator, measure): the latest snapshot wins.
-- Derives the fiche (2.4 ADSL, 2.5 VIAL, 2.6 ENVAUL on AMI 1/AMI 2 territories; 2.7 on the 2024 extension),
-- the AMI, the age and age band (spec §A.5) and the date the snapshot was drawn up.
-- test: unique(code_operateur, id_mesure)
-- test: not_null(fiche, ami, age, tranche_age, date_arrete, date_fin_effective)
-- test: accepted_values(fiche: f2_4_adsl, f2_5_vial, f2_6_envaul, f2_7_lda_extension)
-- test: accepted_values(tranche_age: moins_18, 18_25, 26_35, 36_50, 51_65, plus_65)
-- test: expression(date_fin_effective >= date_debut OR date_debut > date_arrete)  -- a measure may be sent before it starts
WITH actives AS (
    SELECT
        m.*,
        f.date_arrete,
        f.rang
    FROM raw.lda_mesures AS m
    JOIN fichiers_actifs() AS f ON f.fichier = m._fichier
),
latest AS (
    SELECT * FROM actives
    QUALIFY row_number() OVER (PARTITION BY code_operateur, id_mesure ORDER BY rang DESC, _ligne) = 1
),
derived AS (
    SELECT
        l.*,
        t.ami,
        CASE
            WHEN t.ami = 'extension_2024' THEN 'f2_7_lda_extension'
            WHEN l.dispositif = 'adsl' THEN 'f2_4_adsl'
            WHEN l.dispositif = 'vial' THEN 'f2_5_vial'
            ELSE 'f2_6_envaul'
        END AS fiche,
        coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) AS age,
        -- Persons are keyed per operator: identifiers are pseudonyms each operator chooses.
        l.code_operateur || '/' || l.id_personne AS cle_personne,
        l.code_operateur || '/' || l.id_mesure AS cle_mesure,
        -- Months after the snapshot date are not served yet, even when the planned end is later.
        least(coalesce(l.date_fin, l.date_arrete), l.date_arrete) AS date_fin_effective
    FROM latest AS l
    JOIN ref.territoires_lda AS t ON t.code = l.territoire_lda
)
SELECT
    * EXCLUDE (rang),
    CASE
        WHEN age < 18 THEN 'moins_18'
        WHEN age <= 25 THEN '18_25'
        WHEN age <= 35 THEN '26_35'
        WHEN age <= 50 THEN '36_50'
        WHEN age <= 65 THEN '51_65'
        ELSE 'plus_65'
    END AS tranche_age,
    age < 25 AS moins_25,
    age BETWEEN 18 AND 25 AS jeune_18_25
FROM derived
