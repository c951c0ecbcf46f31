-- Fiche 2.9 §5, youth slices of the other fiches' records (besides Logement d'abord, int_f2_9_jeunes_lda): one row
-- per record and period (its calendar year and month) with jeune = 1 when the person (or household's reference person)
-- is young at the record's date, else 0; records whose age is unknown are left out. Age: age_entree, else year of the
-- date − annee_naissance; 2.1 gives only an age band (18_25 is the only youth band it has).
--   y02 2.2 numéro vert consultations (date_consultation), person < 25;  y03 2.1 consultations in band 18_25;
--   y04 2.10 équipes mobiles interventions (date_signalement), reference person < 25;
--   y05 2.12 households (date_validation_slisl), reference person < 25;  y06 2.3 ASTRE measures (date_debut) < 25.
-- Keys: operator / record identifier. Published at the département level (the fiches' territories differ).
-- test: not_null(indicateur, type_periode, periode, cle, jeune)
-- test: accepted_values(indicateur: y02, y03, y04, y05, y06)
-- test: expression(jeune IN (0, 1))
WITH enregistrements AS (
    SELECT 'y02' AS indicateur, code_operateur || '/' || id_consultation AS cle, date_consultation AS date,
           CASE WHEN coalesce(age_entree, year(date_consultation) - annee_naissance) < 25 THEN 1 ELSE 0 END AS jeune,
           coalesce(age_entree, annee_naissance) IS NOT NULL AS age_connu
    FROM staging_nv_consultations
    UNION ALL
    SELECT 'y03', code_operateur || '/' || id_consultation, date_consultation, CASE WHEN tranche_age = '18_25' THEN 1 ELSE 0 END,
           tranche_age IS NOT NULL AND tranche_age <> 'non_renseigne'
    FROM staging_info_consultations
    UNION ALL
    SELECT 'y04', code_operateur || '/' || id_intervention, date_signalement,
           CASE WHEN coalesce(age_entree, year(date_signalement) - annee_naissance) < 25 THEN 1 ELSE 0 END,
           coalesce(age_entree, annee_naissance) IS NOT NULL
    FROM staging_em_interventions
    UNION ALL
    SELECT 'y05', code_operateur || '/' || id_menage, date_validation_slisl,
           CASE WHEN coalesce(age_entree, year(date_validation_slisl) - annee_naissance) < 25 THEN 1 ELSE 0 END,
           coalesce(age_entree, annee_naissance) IS NOT NULL
    FROM staging_pe_menages
    UNION ALL
    SELECT 'y06', code_operateur || '/' || id_mesure, date_debut,
           CASE WHEN coalesce(age_entree, year(date_debut) - annee_naissance) < 25 THEN 1 ELSE 0 END,
           coalesce(age_entree, annee_naissance) IS NOT NULL
    FROM staging_astre_mesures
)
SELECT e.indicateur, p.type_periode, p.periode, e.cle, e.jeune
FROM enregistrements AS e
CROSS JOIN LATERAL (VALUES ('annee', strftime(e.date, '%Y')), ('mois', strftime(e.date, '%Y-%m'))) AS p(type_periode, periode)
WHERE e.age_connu AND e.date IS NOT NULL
