-- Facts behind every Logement d'abord indicator (spec 2.4 §3), in one long shape:
-- (fiche, indicateur, period, territory, ventilation, modalite) → a key to count distinctly, or a weight to sum.
-- "Active in P" = date_debut ≤ end of P and (date_fin, or the snapshot date) ≥ start of P.
-- test: not_null(fiche, indicateur, type_periode, periode, territoire_lda, ami, ventilation, modalite, cle, agregation)
-- test: accepted_values(agregation: distinct, somme)
WITH actives AS (
    SELECT m.*, p.type_periode, p.periode, p.debut, p.fin
    FROM staging_lda_mesures AS m
    JOIN int_lda_periodes AS p ON m.date_debut <= p.fin AND m.date_fin_effective >= p.debut
),
dated AS (
    -- Events dated in P: each measure date column that feeds an indicator.
    SELECT m.*, p.type_periode, p.periode, e.indicateur, e.modalite
    FROM staging_lda_mesures AS m
    CROSS JOIN LATERAL (
        VALUES
            ('i01_entrees', m.date_debut, 'ensemble'),
            ('i02', m.date_relogement, m.type_logement_relogement),
            ('i03', m.date_debut_sous_location, 'ensemble'),
            ('i03_glissements', m.date_glissement_bail, 'ensemble'),
            ('i06', m.date_entree_formation, 'ensemble'),
            ('i07', m.date_acces_emploi, m.type_contrat_emploi),
            ('i10', CASE WHEN m.objectif_budget = 'atteint' THEN m.date_evaluation_objectifs END, 'ensemble'),
            ('i10_partiel', CASE WHEN m.objectif_budget = 'partiellement_atteint' THEN m.date_evaluation_objectifs END, 'ensemble'),
            ('i11', CASE WHEN m.dispositif = 'envaul' AND m.objectif_entretien_logement = 'atteint' THEN m.date_evaluation_objectifs END, 'ensemble'),
            ('i11_partiel', CASE WHEN m.dispositif = 'envaul' AND m.objectif_entretien_logement = 'partiellement_atteint' THEN m.date_evaluation_objectifs END, 'ensemble')
    ) AS e(indicateur, date_evenement, modalite)
    JOIN int_lda_periodes AS p ON e.date_evenement BETWEEN p.debut AND p.fin
),
actions AS (
    -- A collective action counts for each fiche concerned: its own dispositif's, or for « mixte » every
    -- dispositif the operator had an active measure of on that territory at that date.
    SELECT DISTINCT a.code_operateur, a.id_action, a.date, a.nb_participants, m.fiche, m.territoire_lda, m.ami
    FROM staging_lda_actions_collectives AS a
    JOIN staging_lda_mesures AS m
      ON m.code_operateur = a.code_operateur AND m.territoire_lda = a.territoire_lda
     AND (a.dispositif = 'mixte' OR a.dispositif = m.dispositif)
     AND a.date BETWEEN m.date_debut AND m.date_fin_effective
),
participants AS (
    -- Persons present, attributed to the fiche of the measure they held at the action's date.
    SELECT DISTINCT m.fiche, m.territoire_lda, m.ami, a.date, m.cle_personne
    FROM staging_lda_participations_collectives AS pc
    JOIN staging_lda_actions_collectives AS a USING (code_operateur, id_action)
    JOIN staging_lda_mesures AS m
      ON m.code_operateur = pc.code_operateur AND m.id_personne = pc.id_personne
     AND a.date BETWEEN m.date_debut AND m.date_fin_effective
),
operateurs_avec_participations AS (SELECT DISTINCT code_operateur FROM staging_lda_participations_collectives),
categories AS (
    SELECT a.*, unnest(a.partenaires_mobilises) AS categorie FROM actives AS a
)
-- i01: persons accompanied, by sex, age band, both, dispositif; ENVAUL also by single year of age.
SELECT fiche, 'i01' AS indicateur, type_periode, periode, territoire_lda, ami, v.ventilation, v.modalite,
       cle_personne AS cle, 1 AS poids, 'distinct' AS agregation
FROM actives
CROSS JOIN LATERAL (
    VALUES ('ensemble', 'ensemble'), ('sexe', sexe), ('tranche_age', tranche_age), ('sexe_tranche_age', sexe || '|' || tranche_age),
           ('dispositif', dispositif), ('age', CASE WHEN dispositif = 'envaul' THEN CAST(age AS VARCHAR) END)
) AS v(ventilation, modalite)
WHERE v.modalite IS NOT NULL
UNION ALL
-- x00: measures active in P (denominator of the mean number of partner categories).
SELECT fiche, 'x00', type_periode, periode, territoire_lda, ami, 'ensemble', 'ensemble', cle_mesure, 1, 'distinct' FROM actives
UNION ALL
-- Dated events; i02 and i07 also by their type.
SELECT fiche, indicateur, type_periode, periode, territoire_lda, ami, 'ensemble', 'ensemble',
       CASE WHEN indicateur LIKE 'i03%' THEN cle_mesure ELSE cle_personne END, 1, 'distinct'
FROM dated
UNION ALL
SELECT fiche, indicateur, type_periode, periode, territoire_lda, ami,
       CASE indicateur WHEN 'i02' THEN 'type_logement_relogement' ELSE 'type_contrat_emploi' END, modalite, cle_personne, 1, 'distinct'
FROM dated WHERE indicateur IN ('i02', 'i07') AND modalite IS NOT NULL
UNION ALL
-- i04: (measure, category) pairs over active measures, in all and by category.
SELECT fiche, 'i04', type_periode, periode, territoire_lda, ami, 'ensemble', 'ensemble', cle_mesure || '#' || categorie, 1, 'distinct' FROM categories
UNION ALL
SELECT fiche, 'i04', type_periode, periode, territoire_lda, ami, 'categorie_partenaire', categorie, cle_mesure, 1, 'distinct' FROM categories
UNION ALL
-- i05: actions, participations (sum of those present) and distinct participants.
SELECT a.fiche, 'i05', p.type_periode, p.periode, a.territoire_lda, a.ami, 'ensemble', 'ensemble', a.code_operateur || '/' || a.id_action, 1, 'distinct'
FROM actions AS a JOIN int_lda_periodes AS p ON a.date BETWEEN p.debut AND p.fin
UNION ALL
SELECT a.fiche, 'i05_participations', p.type_periode, p.periode, a.territoire_lda, a.ami, 'ensemble', 'ensemble', a.code_operateur || '/' || a.id_action, a.nb_participants, 'somme'
FROM actions AS a JOIN int_lda_periodes AS p ON a.date BETWEEN p.debut AND p.fin
UNION ALL
SELECT pa.fiche, 'i05_participants', p.type_periode, p.periode, pa.territoire_lda, pa.ami, 'ensemble', 'ensemble', pa.cle_personne, 1, 'distinct'
FROM participants AS pa JOIN int_lda_periodes AS p ON pa.date BETWEEN p.debut AND p.fin
UNION ALL
-- Without a participation table, the spec's fallback: persons with nb_actions_collectives > 0 among active measures.
SELECT fiche, 'i05_participants', type_periode, periode, territoire_lda, ami, 'ensemble', 'ensemble', cle_personne, 1, 'distinct'
FROM actives
WHERE nb_actions_collectives > 0 AND code_operateur NOT IN (SELECT code_operateur FROM operateurs_avec_participations)
UNION ALL
-- i08, i09: follow-ups set up (cumulative per measure at the snapshot), and measures with at least one.
SELECT fiche, v.indicateur, type_periode, periode, territoire_lda, ami, 'ensemble', 'ensemble', cle_mesure, v.poids, v.agregation
FROM actives
CROSS JOIN LATERAL (
    VALUES ('i08', coalesce(nb_suivis_sante, 0), 'somme'), ('i09', coalesce(nb_suivis_sante_mentale, 0), 'somme'),
           ('i08_mesures', CASE WHEN nb_suivis_sante > 0 THEN 1 END, 'distinct'),
           ('i09_mesures', CASE WHEN nb_suivis_sante_mentale > 0 THEN 1 END, 'distinct')
) AS v(indicateur, poids, agregation)
WHERE v.poids IS NOT NULL
UNION ALL
-- x01: mois-mesures, counted in the period where each starts.
SELECT mm.fiche, 'x01', p.type_periode, p.periode, mm.territoire_lda, mm.ami, 'ensemble', 'ensemble', mm.cle_mesure || '#' || mm.rang, 1, 'distinct'
FROM int_lda_mois_mesures AS mm JOIN int_lda_periodes AS p ON mm.debut_mois_mesure BETWEEN p.debut AND p.fin
