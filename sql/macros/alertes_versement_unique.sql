-- The single-payment rule of fiches 2.1, 2.2, 2.9 and 2.13 (spec §0.5.5: r01 of 2.1, 2.2 and 2.13, r02 of 2.9) as
-- alerts, read from the fiche's financing mart (macros/financer_versement_unique.sql) and the payments:
--   a convention not paid in one payment at signature (mode versement_unique_signature, the fiche's taux_avance);
--   the conventions of an exercice over the fiche's cap (`plafond`: one convention above it, or several together);
--   a payment other than the one versement_unique (a second one too; a restitution of trop-perçu is not a payment).
-- The caller names its rule and passes its tables, so that the model names what it reads:
--   SELECT * FROM alertes_versement_unique('<règle>', mart_<fiche>_financement, staging_versements)
CREATE OR REPLACE MACRO alertes_versement_unique(regle_code, financement_table, versements_table) AS TABLE
WITH conventions AS (SELECT * FROM query_table(financement_table)),
exercices AS (
    SELECT year(date_debut) AS exercice, sum(montant_conventionne) AS total, count(*) AS conventions, max(plafond) AS plafond
    FROM conventions GROUP BY ALL
),
versements AS (
    SELECT v.*, count(*) FILTER (WHERE v.type = 'versement_unique') OVER (PARTITION BY v.id_convention) AS uniques
    FROM query_table(versements_table) AS v SEMI JOIN conventions USING (id_convention)
)
SELECT fiche, code_operateur, id_convention AS id_enregistrement, regle_code AS regle, 'erreur' AS severite,
       format('convention en {} (taux d''avance {} %) : la fiche prévoit un versement unique à la signature',
              mode_versement, nombre_fr(100 * taux_avance)) AS detail
FROM conventions
WHERE mode_versement <> 'versement_unique_signature' OR taux_avance <> taux_avance_fiche
UNION ALL
SELECT c.fiche, c.code_operateur, c.id_convention, regle_code, 'erreur',
       CASE WHEN e.conventions = 1
            THEN format('montant conventionné {} € au-delà du plafond de la fiche ({} €)', montant_fr(c.montant_conventionne), montant_fr(e.plafond))
            ELSE format('conventions {} : {} € au total pour un plafond de {} €', e.exercice, montant_fr(e.total), montant_fr(e.plafond)) END
FROM conventions AS c
JOIN exercices AS e ON e.exercice = year(c.date_debut)
WHERE e.total > e.plafond
UNION ALL
SELECT c.fiche, c.code_operateur, v.id_versement, regle_code, 'erreur',
       format('versement de type {} du {} ({} €) : la fiche prévoit un versement unique à la signature', v.type,
              strftime(v.date, '%d/%m/%Y'), montant_fr(v.montant))
FROM versements AS v
JOIN conventions AS c USING (id_convention)
WHERE v.type NOT IN ('versement_unique', 'reversement_trop_percu') OR (v.type = 'versement_unique' AND v.uniques > 1)
