-- Fiche 2.9 §5 « youth slices computable from the other fiches' tables », Logement d'abord part (lda_mesures,
-- fiches 2.4-2.7): persons accompanied by a measure active in the period (date_debut ≤ end of P, date_fin capped at
-- the snapshot date ≥ start of P, as LDA i01), with their age at the start of the measure (staging_lda_mesures:
-- moins_25 = age < 25, jeune_18_25 = 18 ≤ age ≤ 25). One row per (indicateur, period, LDA territory, ventilation,
-- modalite) and person key (operator / pseudonym), facts of int_f2_9_faits: distinct keys at the LDA-territory and
-- département levels ('part' = 100 × share of keys whose weight is 1). Published on the LDA periods.
-- test: not_null(indicateur, type_periode, periode, territoire_lda, ventilation, modalite, cle, poids, agregation)
-- test: accepted_values(agregation: distinct, part)
WITH actives AS (
    SELECT m.*, p.type_periode, p.periode
    FROM staging_lda_mesures AS m
    JOIN int_lda_periodes AS p ON m.date_debut <= p.fin AND m.date_fin_effective >= p.debut
    -- Months and years: the Logement d'abord fiches' convention periods are not 2.9's (its conventions run calendar years).
    AND p.fiche IS NULL
    WHERE m.date_debut <= m.date_fin_effective
)
SELECT f.indicateur, a.type_periode, a.periode, a.territoire_lda, f.ventilation, f.modalite, a.cle_personne AS cle, f.poids, f.agregation
FROM actives AS a
CROSS JOIN LATERAL (VALUES
    ('y01', 'ensemble', 'ensemble', 1, 'distinct', a.moins_25),
    ('y01', 'fiche', a.fiche, 1, 'distinct', a.moins_25),
    ('y01', 'sexe', a.sexe, 1, 'distinct', a.moins_25),
    ('y01', 'parcours_ase', a.parcours_ase, 1, 'distinct', a.moins_25),
    ('y01_18_25', 'ensemble', 'ensemble', 1, 'distinct', a.jeune_18_25),
    ('y01_18_25', 'fiche', a.fiche, 1, 'distinct', a.jeune_18_25),
    ('y01_part', 'ensemble', 'ensemble', CASE WHEN a.moins_25 THEN 1 ELSE 0 END, 'part', true),
    ('y01_part', 'fiche', a.fiche, CASE WHEN a.moins_25 THEN 1 ELSE 0 END, 'part', true)
) AS f(indicateur, ventilation, modalite, poids, agregation, retenu)
WHERE f.retenu AND f.modalite IS NOT NULL
