-- Facts behind every fiche 2.10 (équipes mobiles de prévention des expulsions) indicator (spec 2.10 §3), in the facts
-- shape publier_indicateurs reads: one row per (indicateur, period, LDA territory, ventilation, modalite) and key.
-- Every figure is a distinct count (a landlord contacted about households of two territories counts once in '62').
--   i01               eligible households: distinct (operator, id_menage) with eligible = true and date_signalement in P;
--                     by stade de la procédure, debt band (§A.15), parc, origine du signalement
--   i01_non_eligibles non-eligible households signalés in P, by motif_non_eligibilite (the spec's sub-figure)
--   i02               interventions « en cours et terminées »: in progress at the end of P (signalées by then, not ended
--                     by then) plus ended in P (statut terminee, date_fin_intervention in P); by statut, issue (ended
--                     ones), stade de la procédure, debt band, parc
--   i02_actes         acts carried out in P: diagnostic flash, diagnostic approfondi (dated in P), accompaniment
--                     (started in P), by type d'acte
--   i03               landlords contacted: distinct (operator, id_bailleur) with a contact dated in P; by type_bailleur
--                     and resultat (a landlord counts under each result it had, so results need not add up)
--   i03_contacts      contacts with landlords dated in P, by mode
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
WITH i AS (SELECT * FROM staging_em_interventions),
p AS (SELECT * FROM int_f2_10_periodes),
actes AS (
    SELECT cle_intervention, territoire_lda, ami, 'diagnostic_flash' AS acte, date_diagnostic_flash AS date_acte FROM i
    UNION ALL SELECT cle_intervention, territoire_lda, ami, 'diagnostic_approfondi', date_diagnostic_approfondi FROM i
    UNION ALL SELECT cle_intervention, territoire_lda, ami, 'accompagnement', date_debut_accompagnement FROM i
),
base AS (
    -- i01 / i01_non_eligibles: one row per household signalé in P, with its breakdowns.
    SELECT CASE WHEN i.eligible THEN 'i01' ELSE 'i01_non_eligibles' END AS indicateur, p.periode, p.type_periode,
           i.territoire_lda, i.ami, i.cle_menage AS cle,
           [['ensemble', 'ensemble'],
            ['stade_procedure', i.stade_procedure_signalement],
            ['tranche_dette', i.tranche_dette],
            ['parc', i.parc],
            ['source_signalement', i.source_signalement],
            ['motif_non_eligibilite', CASE WHEN NOT i.eligible THEN coalesce(i.motif_non_eligibilite, 'non_renseigne') END]] AS vm
    FROM i JOIN p ON i.date_signalement BETWEEN p.debut AND p.fin
    UNION ALL
    -- i02: in progress at the end of P, or ended in P.
    SELECT 'i02', p.periode, p.type_periode, i.territoire_lda, i.ami, i.cle_intervention,
           [['ensemble', 'ensemble'],
            ['statut', CASE WHEN i.statut = 'terminee' AND i.date_fin_intervention <= p.fin THEN 'terminee' ELSE 'en_cours' END],
            ['issue', CASE WHEN i.statut = 'terminee' AND i.date_fin_intervention <= p.fin THEN coalesce(i.issue, 'non_renseigne') END],
            ['stade_procedure', i.stade_procedure_signalement],
            ['tranche_dette', i.tranche_dette],
            ['parc', i.parc]]
    FROM i JOIN p ON i.date_signalement <= p.fin
    WHERE NOT (i.statut = 'terminee' AND i.date_fin_intervention < p.debut)
    UNION ALL
    -- i02_actes: each act in the period where it was carried out.
    SELECT 'i02_actes', p.periode, p.type_periode, a.territoire_lda, a.ami, a.cle_intervention || '/' || a.acte,
           [['ensemble', 'ensemble'], ['type_acte', a.acte]]
    FROM actes AS a JOIN p ON a.date_acte BETWEEN p.debut AND p.fin
    UNION ALL
    -- i03 landlords contacted, i03_contacts contacts.
    SELECT 'i03', p.periode, p.type_periode, c.territoire_lda, c.ami, c.cle_bailleur,
           [['ensemble', 'ensemble'], ['type_bailleur', c.type_bailleur], ['resultat', coalesce(c.resultat, 'non_renseigne')]]
    FROM int_f2_10_contacts AS c JOIN p ON c.date_contact BETWEEN p.debut AND p.fin
    UNION ALL
    SELECT 'i03_contacts', p.periode, p.type_periode, c.territoire_lda, c.ami, c.code_operateur || '/' || c.id_contact,
           [['ensemble', 'ensemble'], ['mode', coalesce(c.mode, 'non_renseigne')]]
    FROM int_f2_10_contacts AS c JOIN p ON c.date_contact BETWEEN p.debut AND p.fin
),
faits AS (
    SELECT indicateur, periode, type_periode, territoire_lda, ami, cle, v[1] AS ventilation, v[2] AS modalite
    FROM (SELECT * EXCLUDE (vm), unnest(vm) AS v FROM base)
    WHERE v[2] IS NOT NULL
)
-- A fact's unit: its LDA territory, else its AMI, else only the département.
SELECT indicateur, type_periode, periode,
       CASE WHEN territoire_lda IS NOT NULL THEN 'territoire_lda' WHEN ami IS NOT NULL THEN 'ami' ELSE 'departement' END AS niveau_territoire,
       coalesce(territoire_lda, ami, '62') AS territoire,
       ventilation, modalite, cle, CAST(1 AS DOUBLE) AS poids, 'distinct' AS agregation
FROM faits
