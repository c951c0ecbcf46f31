-- Fiche 2.12 (prévention et accompagnement de la précarité énergétique) indicators (spec 2.12 §3) by calendar year and
-- month, for each projet 1 lot (the household's declared lot), each MDS territory (of the dwelling's or the action's
-- commune) and the département ('62'): int_f2_12_faits (what each indicator counts) published by publier_indicateurs;
-- totals are published 0 where nothing happened (catalogue `cellule_absente`). Fiche-specific, which the catalogue
-- cannot say:
--   - a household's declared lot is its lot, not its commune's: the hierarchy the macro gets has no MDS territory → lot
--     row (the facts give both places);
--   - projet 2 actions are not allotted: i13_actions_projet_2 and i13_participants_projet_2 have no lot figure;
--   - the durations (i08 « arrondie au dixième » in the catalogue, and its median, billed months and set duration)
--     and the share of households spotted keep one decimal.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, lot, territoire_mds)
-- test: accepted_values(type_periode: annee, mois, convention)
WITH appartenances AS (
    SELECT * FROM int_territoires_appartenances WHERE NOT (niveau = 'territoire_mds' AND niveau_parent = 'lot')
),
publies AS (
    SELECT * FROM publier_indicateurs('f2_12_prevention_pe', int_f2_12_faits, int_f2_12_periodes, appartenances,
                                      decimales := MAP {'i08': 1, 'i08_mediane': 1, 'i08_mois_factures': 1, 'i08_duree_fixee': 1,
                                                        'i03_part_reperes': 1})
)
SELECT * FROM publies
WHERE NOT (niveau_territoire = 'lot' AND indicateur IN ('i13_actions_projet_2', 'i13_participants_projet_2'))
