-- Fiche 2.8 « Groupes d'échange de pratiques santé mentale » indicators (spec 2.8 §3) by calendar year and month, for
-- each GEP group (niveau 'territoire_lda': the groups are the Logement d'abord territories artois, audomarois,
-- boulonnais, lens_henin), their AMI (ami1: artois, lens_henin; ami2: audomarois, boulonnais: the 2.8 conventions
-- follow the AMI) and the whole département ('62').
--   i01 groupe_echange meetings (by modality), i01_temps_information, i01_formations (other meeting types, counted
--       apart), i01_mois_avec_rencontre (months outside July-August with at least one groupe_echange meeting; summed
--       over groups at département level), i01_intervalle_moyen (mean days since the group's previous groupe_echange
--       meeting, attributed to the later meeting's period); the rhythm class is published by mart_f2_8_alertes (r02).
--   i02 Σ nb_participants of the meetings (by type and modality), i02_moyenne per meeting, i02_participants distinct
--       pseudonymised participants (operator / id_participant) where the operator tracks them.
--   i03 Σ gep_participations.nb (1 when empty) by provenance_professionnelle (§A.16).
-- Counts are published for every period, group and '62' in their « ensemble » row (0 when nothing happened); means
-- have no value without a meeting and stay absent then.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
-- test: accepted_values(type_periode: annee, mois)
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
),
niveaux AS (
    SELECT DISTINCT indicateur, type_periode, periode, territoire, niveau_territoire, ventilation, modalite, agregation, cle, poids
    FROM (
        SELECT *, 'territoire_lda' AS niveau_territoire, territoire_groupe AS territoire FROM faits
        UNION ALL
        SELECT f.*, 'ami', t.ami FROM faits AS f JOIN ref.territoires_lda AS t ON t.code = f.territoire_groupe
        UNION ALL
        SELECT *, 'departement', '62' FROM faits
    )
),
comptes AS (
    SELECT indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite,
           CAST(CASE any_value(agregation)
                    WHEN 'distinct' THEN count(*)
                    WHEN 'somme' THEN sum(poids)
                    WHEN 'moyenne' THEN round(avg(poids), 2)
                END AS DOUBLE) AS valeur
    FROM niveaux
    GROUP BY ALL
),
grille AS (
    SELECT i.indicateur, p.periode, p.type_periode, t.territoire, t.niveau_territoire, 'ensemble' AS ventilation, 'ensemble' AS modalite
    FROM ref.indicateurs AS i
    CROSS JOIN int_f2_8_periodes AS p
    CROSS JOIN (
        SELECT code AS territoire, 'territoire_lda' AS niveau_territoire FROM ref.territoires_lda
        WHERE code IN ('artois', 'audomarois', 'boulonnais', 'lens_henin')
        UNION ALL SELECT DISTINCT ami, 'ami' FROM ref.territoires_lda WHERE code IN ('artois', 'audomarois', 'boulonnais', 'lens_henin')
        UNION ALL SELECT '62', 'departement'
    ) AS t
    WHERE i.fiche = 'f2_8_gep' AND i.unite NOT IN ('moyenne', 'jours')
),
publies AS (
    SELECT * FROM comptes
    UNION ALL
    SELECT g.*, 0 FROM grille AS g
    WHERE NOT EXISTS (
        SELECT 1 FROM comptes AS c
        WHERE (c.indicateur, c.periode, c.territoire, c.ventilation, c.modalite) = (g.indicateur, g.periode, g.territoire, g.ventilation, g.modalite)
    )
)
SELECT 'f2_8_gep' AS fiche, r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, i.unite
FROM publies AS r
LEFT JOIN ref.indicateurs AS i ON i.fiche = 'f2_8_gep' AND i.indicateur = r.indicateur
