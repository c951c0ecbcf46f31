-- Rule checks of fiche 2.9 (spec 2.9 §2) as alerts: fiche, operator, record, rule, severity, detail in French.
-- Caps, delays and ages come from ref.parametres (int_f2_9_conventions, mart_f2_9_financement), never from literals.
--   r01 a single operator (« 1 seul porteur de projet ») holds the 2.9 conventions of a period; observatory files from
--       an operator without a 2.9 convention are flagged too;
--   r02 one payment at signature, within the cap (montant ≤ 20 000 €, taux_avance 1, versement_unique_signature, a
--       single versement_unique payment): the rule of every single-payment fiche, macros/alertes_versement_unique.sql;
--   r03 a livrable_final remitted by the end of the convention (missing once ended, or late: the lateness is reported);
--   r04 the bilan final (bilan_final_action) within 6 months of the end (late, or missing once the deadline passed);
--   r05 the participatory research involves young people: an ended convention with no meeting where nb_jeunes > 0;
--   r06 cohort rows have the young person's consent (refused at ingest; caught here if one slips through) and an age
--       at the first wave ≤ 25 (25 exactly: avertissement, « moins de 25 ans » vs « 18-25 ans »; above: erreur).
--   r07 (share of SIAO requests with a known age) is not checked: the contract already requires the age or the birth
--   year of every request, and the seed sets no threshold.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06)
WITH c AS (SELECT * FROM int_f2_9_conventions),
operateurs_fichiers AS (
    SELECT DISTINCT code_operateur, table_rapport FROM raw.fichiers
    WHERE statut = 'charge' AND table_rapport IN ('obs_demandes_siao', 'obs_cohorte', 'obs_rencontres', 'obs_livrables')
),
livrables_finaux AS (
    -- The convention's own livrable final and bilan final (int_bilans_conventions: the convention whose end is nearest
    -- to the remittance), never the previous convention's.
    SELECT b.id_convention, min(b.date_remise) AS date, arg_min(b.id_document, b.date_remise) AS id_livrable
    FROM int_bilans_conventions AS b WHERE b.source = 'obs_livrables'
    GROUP BY ALL
),
bilans AS (
    SELECT b.id_convention, min(b.date_remise) AS date_remise, arg_min(b.id_document, b.date_remise) AS id_bilan
    FROM int_bilans_conventions AS b
    WHERE b.fiche = 'f2_9_observatoire_jeunes' AND b.source = 'bilans' AND b.type_document = 'bilan_final_action'
    GROUP BY ALL
),
age_max AS (
    -- In force on the day the young person is observed (int_parametres_en_vigueur).
    SELECT du, au, valeur AS age_max FROM int_parametres_en_vigueur
    WHERE fiche = 'f2_9_observatoire_jeunes' AND parametre = 'age_max_public'
)
SELECT 'f2_9_observatoire_jeunes' AS fiche, a.code_operateur, a.id_convention AS id_enregistrement, 'r01' AS regle, 'erreur' AS severite,
       format('convention {} de {} sur la même période : {} seul porteur de projet pour l''observatoire', b.id_convention, b.code_operateur,
              CAST(a.nb_porteurs_max AS INTEGER)) AS detail
FROM c AS a JOIN c AS b ON a.code_operateur <> b.code_operateur AND a.date_debut <= b.date_fin AND b.date_debut <= a.date_fin
UNION ALL
SELECT 'f2_9_observatoire_jeunes', o.code_operateur, o.table_rapport, 'r01', 'erreur',
       format('fichier {} d''un opérateur sans convention 2.9 (un seul porteur de projet)', o.table_rapport)
FROM operateurs_fichiers AS o
WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.code_operateur = o.code_operateur)
UNION ALL
SELECT * FROM alertes_versement_unique('r02', mart_f2_9_financement, staging_versements)
UNION ALL
SELECT 'f2_9_observatoire_jeunes', c.code_operateur, coalesce(l.id_livrable, c.id_convention), 'r03', 'avertissement',
       CASE WHEN l.id_livrable IS NULL THEN format('livrable final manquant : la convention a pris fin le {}', strftime(c.date_fin, '%d/%m/%Y'))
            ELSE format('livrable final remis le {}, {} jours après la fin de la convention ({})', strftime(l.date, '%d/%m/%Y'),
                        l.date - c.date_fin, strftime(c.date_fin, '%d/%m/%Y')) END
FROM c LEFT JOIN livrables_finaux AS l USING (id_convention)
WHERE (l.id_livrable IS NULL AND c.date_fin <= c.date_arrete) OR l.date > c.date_fin
UNION ALL
SELECT 'f2_9_observatoire_jeunes', c.code_operateur, coalesce(b.id_bilan, c.id_convention), 'r04', 'erreur',
       CASE WHEN b.id_bilan IS NULL
            THEN format('bilan final manquant : attendu au plus tard le {}', strftime(c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER)), '%d/%m/%Y'))
            ELSE format('bilan final remis le {}, après l''échéance du {} (fin de convention + {} mois)', strftime(b.date_remise, '%d/%m/%Y'),
                        strftime(c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER)), '%d/%m/%Y'), CAST(c.delai_bilan_final_mois AS INTEGER)) END
FROM c LEFT JOIN bilans AS b USING (id_convention)
WHERE coalesce(b.date_remise, c.date_arrete) > c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER))
UNION ALL
SELECT 'f2_9_observatoire_jeunes', c.code_operateur, c.id_convention, 'r05', 'avertissement',
       'aucune rencontre de la recherche participative n''a associé de jeunes (nombre de jeunes participants à 0)'
FROM c
WHERE c.date_fin <= c.date_arrete
  AND NOT EXISTS (SELECT 1 FROM staging_obs_rencontres AS r
                  WHERE r.code_operateur = c.code_operateur AND r.nb_jeunes > 0 AND r.date BETWEEN c.date_debut AND c.date_fin)
UNION ALL
SELECT 'f2_9_observatoire_jeunes', code_operateur, id_jeune || ' vague ' || vague, 'r06', 'erreur',
       'observation enregistrée sans le consentement du jeune'
FROM staging_obs_cohorte WHERE NOT consentement
UNION ALL
SELECT 'f2_9_observatoire_jeunes', o.code_operateur, o.id_jeune || ' vague 1', 'r06',
       CASE WHEN year(o.date_observation) - o.annee_naissance > m.age_max THEN 'erreur' ELSE 'avertissement' END,
       format('jeune de {} ans à la première vague ({}) : public de moins de {} ans (18-25 ans pour l''étude)',
              year(o.date_observation) - o.annee_naissance, strftime(o.date_observation, '%d/%m/%Y'), CAST(m.age_max AS INTEGER))
FROM staging_obs_cohorte AS o JOIN age_max AS m ON o.date_observation BETWEEN m.du AND m.au
WHERE o.vague = 1 AND year(o.date_observation) - o.annee_naissance >= m.age_max
