-- Facts behind every Logement d'abord indicator (spec 2.4 §3), in the facts shape publier_indicateurs reads: one row
-- per (fiche, indicateur, period, LDA territory, ventilation, modalite) and key. mart_lda_indicateurs counts the
-- distinct keys (agregation 'distinct') or sums the weight of each distinct key ('somme') at every territorial level,
-- so the same person or measure met twice is never counted twice.
-- A convention period of int_lda_periodes is its fiche's only (p.fiche); months and years are every fiche's.
-- "Active in P" = date_debut ≤ end of P and date_fin_effective (date_fin, capped at the snapshot date) ≥ start of P.
-- Persons are keyed per operator (cle_personne): two operators' pseudonyms cannot be matched.
-- Every row keeps the measure's operator and dispositif, from which the mart derives the 2.7 breakdown by dispositif.
-- test: not_null(fiche, indicateur, type_periode, periode, niveau_territoire, territoire, code_operateur, dispositif, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, somme)
-- test: expression(agregation = 'somme' OR poids = 1)
WITH actives AS (
    SELECT m.*, p.type_periode, p.periode, p.debut, p.fin
    FROM staging_lda_mesures AS m
    JOIN int_lda_periodes AS p ON m.date_debut <= p.fin AND m.date_fin_effective >= p.debut AND (p.fiche IS NULL OR p.fiche = m.fiche)
    -- A measure sent before it starts (date_debut after the snapshot date) is active nowhere yet.
    WHERE m.date_debut <= m.date_fin_effective
),
evenements AS (
    -- Events dated in P, one per measure date column that feeds an indicator. Goals count only when evaluated
    -- (date_evaluation_objectifs in P); « partiellement atteint » is published apart, as the spec asks.
    SELECT m.*, p.type_periode, p.periode, e.indicateur, e.ventilation, e.modalite,
           CASE WHEN e.par_mesure THEN m.cle_mesure ELSE m.cle_personne END AS cle
    FROM staging_lda_mesures AS m
    CROSS JOIN LATERAL (
        VALUES
            ('i01_entrees', m.date_debut, 'ensemble', 'ensemble', false),
            ('i02', m.date_relogement, 'ensemble', 'ensemble', false),
            ('i02', m.date_relogement, 'type_logement_relogement', m.type_logement_relogement, false),
            ('i03', m.date_debut_sous_location, 'ensemble', 'ensemble', true),
            ('i03_glissements', m.date_glissement_bail, 'ensemble', 'ensemble', true),
            ('i06', m.date_entree_formation, 'ensemble', 'ensemble', false),
            ('i07', m.date_acces_emploi, 'ensemble', 'ensemble', false),
            ('i07', m.date_acces_emploi, 'type_contrat_emploi', m.type_contrat_emploi, false),
            ('i10', CASE WHEN m.objectif_budget = 'atteint' THEN m.date_evaluation_objectifs END, 'ensemble', 'ensemble', false),
            ('i10_partiel', CASE WHEN m.objectif_budget = 'partiellement_atteint' THEN m.date_evaluation_objectifs END, 'ensemble', 'ensemble', false),
            -- i11 is a 2.6 indicator only (« entretien du logement »).
            ('i11', CASE WHEN m.fiche = 'f2_6_envaul' AND m.objectif_entretien_logement = 'atteint' THEN m.date_evaluation_objectifs END, 'ensemble', 'ensemble', false),
            ('i11_partiel', CASE WHEN m.fiche = 'f2_6_envaul' AND m.objectif_entretien_logement = 'partiellement_atteint' THEN m.date_evaluation_objectifs END, 'ensemble', 'ensemble', false)
    ) AS e(indicateur, date_evenement, ventilation, modalite, par_mesure)
    JOIN int_lda_periodes AS p ON e.date_evenement BETWEEN p.debut AND p.fin AND (p.fiche IS NULL OR p.fiche = m.fiche)
    -- A date after the snapshot date is a plan, not an event (mart_lda_alertes r12 flags it).
    WHERE e.modalite IS NOT NULL AND e.date_evenement <= m.date_arrete
),
actions AS (
    -- An action of one dispositif belongs to the fiche that dispositif has on the action's territory (2.7 on the
    -- 2024 extension). A « mixte » action counts once for each fiche concerned: each fiche of which the operator
    -- had a measure active on that territory on the action's date.
    SELECT a.code_operateur, a.id_action, a.date, a.nb_participants, a.dispositif, a.territoire_lda, t.ami,
           CASE WHEN t.ami = 'extension_2024' THEN 'f2_7_lda_extension'
                WHEN a.dispositif = 'adsl' THEN 'f2_4_adsl'
                WHEN a.dispositif = 'vial' THEN 'f2_5_vial'
                ELSE 'f2_6_envaul' END AS fiche
    FROM staging_lda_actions_collectives AS a
    JOIN ref.territoires_lda AS t ON t.code = a.territoire_lda
    WHERE a.dispositif <> 'mixte'
    UNION
    SELECT a.code_operateur, a.id_action, a.date, a.nb_participants, m.dispositif, a.territoire_lda, m.ami, m.fiche
    FROM staging_lda_actions_collectives AS a
    JOIN staging_lda_mesures AS m
      ON m.code_operateur = a.code_operateur AND m.territoire_lda = a.territoire_lda
     AND a.date BETWEEN m.date_debut AND m.date_fin_effective
    WHERE a.dispositif = 'mixte'
),
participants AS (
    -- Persons listed as present, attributed to the measure they held with that operator on the action's date.
    SELECT DISTINCT m.fiche, m.territoire_lda, m.ami, m.code_operateur, m.dispositif, a.date, m.cle_personne
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
-- i01: persons accompanied; by sex, age band (§A.5), both, the two youth flags; ENVAUL also by single year of age.
SELECT fiche, 'i01' AS indicateur, type_periode, periode, 'territoire_lda' AS niveau_territoire, territoire_lda AS territoire, code_operateur, dispositif,
       v.ventilation, v.modalite, cle_personne AS cle, 1 AS poids, 'distinct' AS agregation
FROM actives
CROSS JOIN LATERAL (
    VALUES ('ensemble', 'ensemble'), ('sexe', sexe), ('tranche_age', tranche_age), ('sexe_tranche_age', sexe || '|' || tranche_age),
           ('jeunes', CASE WHEN moins_25 THEN 'moins_25' END), ('jeunes', CASE WHEN jeune_18_25 THEN 'jeune_18_25' END),
           ('age', CASE WHEN fiche = 'f2_6_envaul' THEN CAST(age AS VARCHAR) END)
) AS v(ventilation, modalite)
WHERE v.modalite IS NOT NULL
UNION ALL
-- x00: measures active in P, the denominator of i04's mean (not published on its own).
SELECT fiche, 'x00', type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, 'ensemble', 'ensemble', cle_mesure, 1, 'distinct'
FROM actives
UNION ALL
-- Dated events (i01_entrees, i02, i03, i06, i07, i10, i11).
SELECT fiche, indicateur, type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, ventilation, modalite, cle, 1, 'distinct'
FROM evenements
UNION ALL
-- i04: (measure, category) pairs over measures active in P, in all and by category.
SELECT fiche, 'i04', type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, 'ensemble', 'ensemble', cle_mesure || '#' || categorie, 1, 'distinct'
FROM categories
UNION ALL
SELECT fiche, 'i04', type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, 'categorie_partenaire', categorie, cle_mesure, 1, 'distinct'
FROM categories
UNION ALL
-- i05: actions dated in P; participations = Σ nb_participants (each action's weight, summed once per action).
SELECT a.fiche, v.indicateur, p.type_periode, p.periode, 'territoire_lda', a.territoire_lda, a.code_operateur, a.dispositif, 'ensemble', 'ensemble',
       a.code_operateur || '/' || a.id_action, v.poids, v.agregation
FROM actions AS a
JOIN int_lda_periodes AS p ON a.date BETWEEN p.debut AND p.fin AND (p.fiche IS NULL OR p.fiche = a.fiche)
CROSS JOIN LATERAL (VALUES ('i05', 1, 'distinct'), ('i05_participations', a.nb_participants, 'somme')) AS v(indicateur, poids, agregation)
UNION ALL
-- i05 participants: distinct persons listed in lda_participations_collectives for actions dated in P…
SELECT pa.fiche, 'i05_participants', p.type_periode, p.periode, 'territoire_lda', pa.territoire_lda, pa.code_operateur, pa.dispositif, 'ensemble', 'ensemble',
       pa.cle_personne, 1, 'distinct'
FROM participants AS pa
JOIN int_lda_periodes AS p ON pa.date BETWEEN p.debut AND p.fin AND (p.fiche IS NULL OR p.fiche = pa.fiche)
UNION ALL
-- …or, for an operator who did not send that table, the spec's fallback: persons with nb_actions_collectives > 0
-- among measures active in P.
SELECT fiche, 'i05_participants', type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, 'ensemble', 'ensemble', cle_personne, 1, 'distinct'
FROM actives
WHERE nb_actions_collectives > 0 AND code_operateur NOT IN (SELECT code_operateur FROM operateurs_avec_participations)
UNION ALL
-- i08, i09: follow-ups set up (cumulative per measure at the snapshot date) over measures active in P, and the
-- measures with at least one.
SELECT fiche, v.indicateur, type_periode, periode, 'territoire_lda', territoire_lda, code_operateur, dispositif, 'ensemble', 'ensemble', cle_mesure, v.poids, v.agregation
FROM actives
CROSS JOIN LATERAL (
    VALUES ('i08', coalesce(nb_suivis_sante, 0), 'somme'), ('i09', coalesce(nb_suivis_sante_mentale, 0), 'somme'),
           ('i08_mesures', CASE WHEN nb_suivis_sante > 0 THEN 1 END, 'distinct'),
           ('i09_mesures', CASE WHEN nb_suivis_sante_mentale > 0 THEN 1 END, 'distinct')
) AS v(indicateur, poids, agregation)
WHERE v.poids IS NOT NULL
UNION ALL
-- x01: mois-mesures, in the period where each starts; also by operator, the unit the conventions pay.
SELECT mm.fiche, 'x01', p.type_periode, p.periode, 'territoire_lda', mm.territoire_lda, mm.code_operateur, mm.dispositif, v.ventilation, v.modalite,
       mm.cle_mesure || '#' || mm.rang, 1, 'distinct'
FROM int_lda_mois_mesures AS mm
JOIN int_lda_periodes AS p ON mm.debut_mois_mesure BETWEEN p.debut AND p.fin AND (p.fiche IS NULL OR p.fiche = mm.fiche)
CROSS JOIN LATERAL (VALUES ('ensemble', 'ensemble'), ('operateur', mm.code_operateur)) AS v(ventilation, modalite)
