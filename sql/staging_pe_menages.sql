-- Fiche 2.12 (précarité énergétique, projet 1): households' individual bilans of the active files, one row per
-- (operator, household), the latest snapshot winning. Name and address arrive pseudonymised and are dropped here
-- (never published). Adds the date the file was drawn up, the MDS territory of the dwelling's commune and that
-- commune's 2.12 lot (sources/reference/lots.csv), the age and age band (§A.5) and the per-operator household key.
-- test: unique(code_operateur, id_menage)
-- test: not_null(code_operateur, id_menage, cle_menage, lot, date_validation_slisl, date_debut, date_arrete, statut_occupation)
-- test: accepted_values(tranche_age: moins_18, 18_25, 26_35, 36_50, 51_65, plus_65, non_renseigne)
WITH actives AS (
    SELECT
        r.* EXCLUDE (nom_menage, adresse_logement),
        f.date_arrete,
        f.rang
    FROM raw.pe_menages AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
),
latest AS (
    SELECT * FROM actives
    QUALIFY row_number() OVER (PARTITION BY code_operateur, id_menage ORDER BY rang DESC, _ligne) = 1
)
SELECT
    l.* EXCLUDE (rang),
    c.territoire_mds,
    lo.lot AS lot_commune,
    l.code_operateur || '/' || l.id_menage AS cle_menage,
    coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) AS age,
    CASE
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) IS NULL THEN 'non_renseigne'
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) < 18 THEN 'moins_18'
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) <= 25 THEN '18_25'
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) <= 35 THEN '26_35'
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) <= 50 THEN '36_50'
        WHEN coalesce(l.age_entree, year(l.date_debut) - l.annee_naissance) <= 65 THEN '51_65'
        ELSE 'plus_65'
    END AS tranche_age,
    -- The accompaniment runs to date_fin or, still running, to the snapshot date.
    least(coalesce(l.date_fin, l.date_arrete), l.date_arrete) AS date_fin_effective
FROM latest AS l
LEFT JOIN ref.communes AS c ON c.code_commune = l.code_commune
LEFT JOIN ref.lots AS lo ON lo.fiche = 'f2_12_prevention_pe' AND lo.territoire_mds = c.territoire_mds
