-- Fiche 2.11 (sensibilisation des professionnels à la précarité énergétique) indicators (spec 2.11 §3) by calendar
-- year and month, for each 2.11 lot (the session's lot), each MDS territory (of the session's commune) and the
-- département ('62'): int_f2_11_faits (what each indicator counts) published by publier_indicateurs; totals are
-- published 0 where nothing happened (catalogue `cellule_absente`). Fiche-specific, which the catalogue cannot say:
--   - a session's declared lot is its lot, not its commune's: the hierarchy the macro gets has no MDS territory → lot
--     row (the facts give both places);
--   - i01_moyenne_presents = x_presents_declares / i01 and i02_taux_reponse = 100 × i02_evaluations / i01_presences
--     (one decimal; totals and programmes only), in each cell with sessions (x_presents_declares is not published).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, lot, territoire_mds)
-- test: accepted_values(type_periode: annee, mois, convention)
WITH appartenances AS (
    SELECT * FROM int_territoires_appartenances WHERE NOT (niveau = 'territoire_mds' AND niveau_parent = 'lot')
),
comptes AS (
    SELECT * FROM publier_indicateurs('f2_11_sensibilisation_pe', int_f2_11_faits, int_f2_11_periodes, appartenances)
),
ratios AS (
    SELECT 'i01_moyenne_presents' AS indicateur, n.periode, n.type_periode, n.territoire, n.niveau_territoire, n.ventilation, n.modalite,
           round(n.valeur / d.valeur, 2) AS valeur
    FROM comptes AS n JOIN comptes AS d USING (periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE n.indicateur = 'x_presents_declares' AND d.indicateur = 'i01' AND d.valeur > 0
    UNION ALL
    SELECT 'i02_taux_reponse', n.periode, n.type_periode, n.territoire, n.niveau_territoire, n.ventilation, n.modalite,
           round(100 * n.valeur / d.valeur, 1)
    FROM comptes AS n JOIN comptes AS d USING (periode, type_periode, territoire, niveau_territoire, ventilation, modalite)
    WHERE n.indicateur = 'i02_evaluations' AND d.indicateur = 'i01_presences' AND n.ventilation IN ('ensemble', 'programme')
      AND d.valeur > 0
)
SELECT * FROM comptes WHERE indicateur <> 'x_presents_declares'
UNION ALL
SELECT 'f2_11_sensibilisation_pe', r.indicateur, r.periode, r.type_periode, r.territoire, r.niveau_territoire, r.ventilation, r.modalite,
       r.valeur, c.unite
FROM ratios AS r
JOIN ref.indicateurs AS c ON c.fiche = 'f2_11_sensibilisation_pe' AND c.indicateur = r.indicateur
