-- Rule checks of the Logement d'abord fiches (spec 2.4 §2, 2.5 r03, 2.6 r13-r16) as alerts a person can follow up:
-- which operator, which record, which rule, what is wrong. Thresholds come from ref.parametres (latest exercice).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
WITH p AS (
    SELECT fiche,
        max(valeur) FILTER (WHERE parametre = 'duree_initiale_mois') AS duree_initiale,
        max(valeur) FILTER (WHERE parametre = 'duree_renouvellement_max_mois') AS renouvellement_max,
        max(valeur) FILTER (WHERE parametre = 'renouvellement_cumule_max_mois') AS renouvellement_cumule_max,
        max(valeur) FILTER (WHERE parametre = 'derogation_max_mois') AS derogation_max,
        max(valeur) FILTER (WHERE parametre = 'bilan_6m_mois') AS bilan_6m,
        max(valeur) FILTER (WHERE parametre = 'bilan_12m_mois') AS bilan_12m,
        max(valeur) FILTER (WHERE parametre = 'age_max_envaul') AS age_max,
        max(valeur) FILTER (WHERE parametre = 'plafond_subsides_12_mois_envaul') AS plafond_subsides
    FROM ref.parametres
    WHERE exercice = (SELECT max(exercice) FROM ref.parametres)
    GROUP BY fiche
),
m AS (
    SELECT s.*, p.* EXCLUDE (fiche),
        -- Length in months, counting a started month in full (same convention as mois-mesures).
        (SELECT count(*) FROM int_lda_mois_mesures AS mm WHERE mm.cle_mesure = s.cle_mesure) AS duree_mois,
        coalesce(s.mois_renouvellement, 0) AS renouvellement,
        coalesce(s.derogation_mois, 0) AS derogation
    FROM staging_lda_mesures AS s
    -- VIAL measures of 2.7 follow fiche 2.5's durations (« pour le VIAL, la fiche 2.5 »).
    JOIN p ON p.fiche = CASE WHEN s.fiche = 'f2_7_lda_extension' AND s.dispositif = 'vial' THEN 'f2_5_vial'
                             WHEN s.fiche = 'f2_7_lda_extension' THEN 'f2_4_adsl' ELSE s.fiche END
),
regles AS (
    SELECT fiche, code_operateur, id_mesure, 'r02' AS regle, 'erreur' AS severite,
           format('contrat signé le {} après le début de la mesure ({})', strftime(date_signature_contrat, '%d/%m/%Y'), strftime(date_debut, '%d/%m/%Y')) AS detail
    FROM m WHERE date_signature_contrat > date_debut
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r02', 'avertissement',
           CASE WHEN date_envoi_contrat_coordinateur IS NULL THEN 'contrat non transmis au coordinateur Logement d''abord'
                ELSE format('contrat transmis au coordinateur le {}, après le début de la mesure', strftime(date_envoi_contrat_coordinateur, '%d/%m/%Y')) END
    FROM m WHERE date_envoi_contrat_coordinateur IS NULL OR date_envoi_contrat_coordinateur > date_debut
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('{} mois de renouvellement pour {} renouvellement(s) : {} mois au plus par renouvellement, {} mois au total',
                  renouvellement, coalesce(nb_renouvellements, 0), CAST(renouvellement_max AS INTEGER), CAST(renouvellement_cumule_max AS INTEGER))
    FROM m WHERE renouvellement > renouvellement_max * coalesce(nb_renouvellements, 0) OR renouvellement > renouvellement_cumule_max
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur', 'mesure renouvelée sans avis du coordinateur'
    FROM m WHERE renouvellement > 0 AND avis_coordinateur_renouvellement IS NOT TRUE
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('dérogation de {} mois non conforme : au plus {} mois, après 12 mois de renouvellement, avec l''accord du coordinateur et du chef SLISL (VIAL seulement)',
                  derogation, CAST(coalesce(derogation_max, 0) AS INTEGER))
    FROM m WHERE derogation > 0 AND (dispositif <> 'vial' OR derogation > derogation_max OR renouvellement < renouvellement_cumule_max OR accord_derogation_coordinateur_slisl IS NOT TRUE)
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('durée de {} mois au-delà des {} mois permis ({} + {} de renouvellement{})', duree_mois,
                  CAST(duree_initiale + renouvellement + derogation AS INTEGER), CAST(duree_initiale AS INTEGER), renouvellement,
                  CASE WHEN derogation > 0 THEN format(' + {} de dérogation', derogation) ELSE '' END)
    FROM m WHERE duree_mois > duree_initiale + renouvellement + derogation
    UNION ALL
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r05', 'avertissement',
           format('{} manquant : la mesure a atteint {} mois', b.type_attendu, CAST(b.mois AS INTEGER))
    FROM m
    CROSS JOIN LATERAL (VALUES ('bilan_6m', m.bilan_6m), ('bilan_12m', m.bilan_12m)) AS b(type_attendu, mois)
    -- A measure has run N months once date_debut + N months is at most the day after its (effective) end.
    WHERE m.date_debut + to_months(CAST(b.mois AS INTEGER)) <= m.date_fin_effective + 1
      AND NOT EXISTS (SELECT 1 FROM staging_bilans AS x WHERE x.code_operateur = m.code_operateur AND x.objet = 'mesure'
                      AND x.id_objet = m.id_mesure AND x.type_bilan = b.type_attendu)
    UNION ALL
    SELECT x.fiche, x.code_operateur, x.id_objet, 'r05', 'avertissement',
           format('{} remis le {} sans préciser la fréquence d''intervention', x.type_bilan, strftime(x.date_remise, '%d/%m/%Y'))
    FROM staging_bilans AS x
    WHERE x.fiche IN ('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension') AND x.type_bilan IN ('bilan_6m', 'bilan_12m')
      AND x.frequence_intervention_precisee IS NOT TRUE
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r06', 'avertissement',
           CASE WHEN type_sortie IS NULL THEN 'mesure terminée sans type de sortie' ELSE 'sortie non signalée au coordinateur' END
    FROM m WHERE date_fin IS NOT NULL AND (type_sortie IS NULL OR date_signalement_sortie IS NULL)
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r12', 'avertissement',
           format('{} du {} hors de la période de la mesure', e.quoi, strftime(e.quand, '%d/%m/%Y'))
    FROM m
    CROSS JOIN LATERAL (VALUES ('début de sous-location', date_debut_sous_location), ('relogement', date_relogement),
                               ('entrée en formation', date_entree_formation), ('accès à l''emploi', date_acces_emploi)) AS e(quoi, quand)
    WHERE e.quand < date_debut OR e.quand > date_fin_effective
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r13',
           CASE WHEN age > age_max THEN 'erreur' ELSE 'avertissement' END,
           format('jeune de {} ans à l''entrée en ENVAUL (public : moins de {} ans, 18 à 25 ans)', age, CAST(age_max AS INTEGER))
    FROM m WHERE dispositif = 'envaul' AND (age >= age_max OR age < 18)
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r16', 'erreur', 'mesure ENVAUL hors des territoires AMI 1 et AMI 2'
    FROM m WHERE dispositif = 'envaul' AND ami = 'extension_2024'
)
SELECT fiche, code_operateur, id_mesure AS id_enregistrement, regle, severite, detail FROM regles
UNION ALL
-- r07: the operator's monthly count disagrees with the mois-mesures computed from the measure's dates.
SELECT m.fiche, m.code_operateur, m.id_mesure, 'r07', 'avertissement',
       format('comptage mensuel de l''opérateur : {} mois ; calculé d''après les dates : {} mois', coalesce(o.n, 0), c.n)
FROM staging_lda_mesures AS m
JOIN (SELECT cle_mesure, count(*) AS n FROM int_lda_mois_mesures GROUP BY ALL) AS c USING (cle_mesure)
LEFT JOIN (SELECT code_operateur || '/' || id_mesure AS cle_mesure, count(*) AS n FROM staging_lda_mois_mesures GROUP BY ALL) AS o USING (cle_mesure)
WHERE coalesce(o.n, 0) <> c.n
  AND m.code_operateur IN (SELECT code_operateur FROM staging_lda_mois_mesures)
UNION ALL
-- r14: ENVAUL subsides of a measure above 5 000 € per 12 of its mois-mesures.
SELECT m.fiche, m.code_operateur, m.id_mesure, 'r14', 'erreur',
       format('subsides de {} € pour {} mois-mesures : plafond {} €', round(s.total, 2), c.n, round(p.plafond_subsides * c.n / 12, 2))
FROM staging_lda_mesures AS m
JOIN (SELECT code_operateur || '/' || id_mesure AS cle_mesure, sum(montant) AS total FROM staging_envaul_subsides GROUP BY ALL) AS s USING (cle_mesure)
JOIN (SELECT cle_mesure, count(*) AS n FROM int_lda_mois_mesures GROUP BY ALL) AS c USING (cle_mesure)
JOIN p ON p.fiche = 'f2_6_envaul'
WHERE s.total > p.plafond_subsides * c.n / 12
ORDER BY ALL
