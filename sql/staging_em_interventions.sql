-- Fiche 2.10 (équipes mobiles): interventions of the active files, one row per (operator, intervention): the latest
-- snapshot wins (a file superseded by a resubmission no longer counts). Adds the date the snapshot was drawn up, the
-- AMI of the territory, the debt band (spec §A.15) and per-operator keys (identifiers are each operator's pseudonyms).
-- test: unique(code_operateur, id_intervention)
-- test: not_null(code_operateur, id_intervention, cle_menage, territoire_lda, ami, date_signalement, eligible, statut, date_arrete, tranche_dette)
-- test: accepted_values(tranche_dette: moins_1500, 1500_4000, plus_4000, non_renseigne)
WITH actives AS (
    SELECT
        r.*,
        f.date_arrete,
        f.rang
    FROM raw.em_interventions AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
)
SELECT
    a.* EXCLUDE (rang),
    t.ami,
    a.code_operateur || '/' || a.id_menage AS cle_menage,
    a.code_operateur || '/' || a.id_intervention AS cle_intervention,
    -- §A.15 bands from the 002 criterion « dettes de locataires comprises entre 1500 et 4000€ » (bounds included).
    CASE
        WHEN a.montant_dette IS NULL THEN 'non_renseigne'
        WHEN a.montant_dette < 1500 THEN 'moins_1500'
        WHEN a.montant_dette <= 4000 THEN '1500_4000'
        ELSE 'plus_4000'
    END AS tranche_dette
FROM actives AS a
LEFT JOIN ref.territoires_lda AS t ON t.code = a.territoire_lda
QUALIFY row_number() OVER (PARTITION BY a.code_operateur, a.id_intervention ORDER BY a.rang DESC, a._ligne) = 1
