-- Fiche 2.3 ASTRE indicators (spec 2.3 §3) by calendar year and month, for each
-- MDS territory (niveau 'territoire_mds'; 'non_attribue' gathers records whose territory is unknown) and the whole
-- département ('62'). Facts come from int_f2_3_faits;
-- publier_indicateurs publishes them; distinct keys are recounted at each level, so a household seen on
-- two territories counts once in the département (only counts of measures, saisines, aids and partnerships add up).
-- Every indicator of the catalogue is published for every period and the 9 territories + '62' in its « ensemble »
-- row, 0 when nothing happened (catalogue `cellule_absente`); means, medians and shares have no value without a record.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0 OR indicateur IN ('i09_moyenne', 'i09_mediane'))  -- a project may cost less than planned
-- test: accepted_values(niveau_territoire: departement, territoire_mds)
-- test: accepted_values(type_periode: annee, mois, convention)
SELECT * FROM publier_indicateurs('f2_3_astre', int_f2_3_faits, int_f2_3_periodes, int_territoires_appartenances,
                                  ['territoire_mds', 'departement'])
