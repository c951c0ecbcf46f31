-- Facts behind every fiche 2.8 « Groupes d'échange de pratiques santé mentale » indicator (spec 2.8 §3), in the
-- facts shape publier_indicateurs reads (one row per indicateur, period, group, ventilation, modalite and key); the
-- mart publishes them by calendar year and month for each GEP group (niveau 'territoire_lda': the groups are the
-- Logement d'abord territories artois, audomarois, boulonnais, lens_henin), their AMI and the département ('62').
--   i01 groupe_echange meetings (by modality), i01_temps_information, i01_formations (other meeting types, counted
--       apart), i01_mois_avec_rencontre (months outside July-August with at least one groupe_echange meeting; summed
--       over groups at département level), i01_intervalle_moyen (mean days since the group's previous groupe_echange
--       meeting, attributed to the later meeting's period); the rhythm class is published by mart_f2_8_alertes (r02).
--   i02 Σ nb_participants of the meetings (by type and modality), i02_moyenne per meeting, i02_participants distinct
--       pseudonymised participants (operator / id_participant) where the operator tracks them.
--   i03 Σ gep_participations.nb (1 when empty) by provenance_professionnelle (§A.16).
-- test: not_null(indicateur, type_periode, periode, niveau_territoire, territoire, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme, moyenne)
WITH rencontres AS (
    SELECT r.*, p.type_periode, p.periode
    FROM int_f2_8_rencontres AS r
    JOIN int_f2_8_periodes AS p ON r.date BETWEEN p.debut AND p.fin
),
participations AS (
    SELECT s.*, r.territoire_groupe, r.type_periode, r.periode,
           s.code_operateur || '/' || s.id_rencontre || '/' || s.provenance_professionnelle || '/' || coalesce(s.id_participant, '') AS cle_ligne
    FROM staging_gep_participations AS s
    JOIN rencontres AS r USING (code_operateur, id_rencontre)
),
faits AS (
    SELECT r.type_periode, r.periode, r.territoire_groupe, f.*
    FROM rencontres AS r
    CROSS JOIN LATERAL (
        VALUES
            ('i01', 'ensemble', 'ensemble', 'distinct', r.cle, 1, r.type_rencontre = 'groupe_echange'),
            ('i01', 'modalite_rencontre', r.modalite, 'distinct', r.cle, 1, r.type_rencontre = 'groupe_echange'),
            ('i01_temps_information', 'ensemble', 'ensemble', 'distinct', r.cle, 1, r.type_rencontre = 'temps_information'),
            ('i01_formations', 'ensemble', 'ensemble', 'distinct', r.cle, 1, r.type_rencontre = 'formation_thematique'),
            ('i01_mois_avec_rencontre', 'ensemble', 'ensemble', 'distinct', r.territoire_groupe || '/' || strftime(r.date, '%Y-%m'), 1,
             r.type_rencontre = 'groupe_echange' AND NOT r.ete),
            ('i01_intervalle_moyen', 'ensemble', 'ensemble', 'moyenne', r.cle, r.intervalle,
             r.type_rencontre = 'groupe_echange' AND r.intervalle IS NOT NULL),
            ('i02', 'ensemble', 'ensemble', 'somme', r.cle, r.nb_participants, true),
            ('i02', 'type_rencontre', r.type_rencontre, 'somme', r.cle, r.nb_participants, true),
            ('i02', 'modalite_rencontre', r.modalite, 'somme', r.cle, r.nb_participants, true),
            ('i02_moyenne', 'ensemble', 'ensemble', 'moyenne', r.cle, r.nb_participants, true),
            ('i02_moyenne', 'type_rencontre', r.type_rencontre, 'moyenne', r.cle, r.nb_participants, true)
    ) AS f(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    WHERE f.retenu
    UNION ALL
    SELECT type_periode, periode, territoire_groupe, f.*
    FROM participations
    CROSS JOIN LATERAL (
        VALUES
            ('i02_participants', 'ensemble', 'ensemble', 'distinct', code_operateur || '/' || id_participant, 1, id_participant IS NOT NULL),
            ('i03', 'ensemble', 'ensemble', 'somme', cle_ligne, coalesce(nb, 1), true),
            ('i03', 'provenance_professionnelle', provenance_professionnelle, 'somme', cle_ligne, coalesce(nb, 1), true)
    ) AS f(indicateur, ventilation, modalite, agregation, cle, poids, retenu)
    WHERE f.retenu
)
SELECT indicateur, type_periode, periode, 'territoire_lda' AS niveau_territoire, territoire_groupe AS territoire,
       ventilation, modalite, cle, CAST(poids AS DOUBLE) AS poids, agregation
FROM faits
