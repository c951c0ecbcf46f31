-- ASTRE measures (staging_astre_mesures) with what the indicators, the financing and the rules derive from them:
-- MDS territory of the dwelling's commune ('non_attribue' if unknown to the reference), age of the reference person
-- at the start (age_entree, else year of date_debut − birth year) and its band (§A.5), operator-scoped keys, and
-- date_fin_effective = date_fin capped at the snapshot date (a month after the snapshot is not served yet).
-- test: unique(cle_mesure)
-- test: not_null(cle_mesure, cle_menage, territoire_mds, tranche_age, date_fin_effective)
SELECT
    m.*,
    coalesce(r.territoire_mds, 'non_attribue') AS territoire_mds,
    m.code_operateur || '/' || m.id_mesure AS cle_mesure,
    m.code_operateur || '/' || m.id_menage AS cle_menage,
    coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) AS age,
    CASE
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) IS NULL THEN 'non_renseigne'
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) < 18 THEN 'moins_18'
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) <= 25 THEN '18_25'
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) <= 35 THEN '26_35'
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) <= 50 THEN '36_50'
        WHEN coalesce(m.age_entree, year(m.date_debut) - m.annee_naissance) <= 65 THEN '51_65'
        ELSE 'plus_65'
    END AS tranche_age,
    least(coalesce(m.date_fin, m.date_arrete), m.date_arrete) AS date_fin_effective,
    m.date_fin IS NOT NULL AND m.date_fin <= m.date_arrete AS terminee
FROM staging_astre_mesures AS m
LEFT JOIN ref.communes AS r ON r.code_commune = m.code_commune
