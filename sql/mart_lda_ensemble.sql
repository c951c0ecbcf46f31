-- The four Logement d'abord fiches together (2.4 ADSL, 2.5 VIAL, 2.6 ENVAUL, 2.7 extension), as the « Ensemble du Logement d'abord » view of the site shows them: for every indicator that
-- adds up across fiches (int_indicateurs_additifs), the sum of the fiches' cells of mart_indicateurs with the same
-- period, territory, breakdown and modality. fiche = 'lda_ensemble'; `fiches` lists the fiches summed, so that a
-- published edition can mask the sum wherever one of them is masked (sql/macros/ensemble_lda_publie.sql).
-- Interpretation: a person followed in two schemes counts in each (the page says so). The « dispositif » breakdown
-- exists for 2.7 alone: summed, it would describe 2.7 only, so it is left out. Years and months only: each fiche's
-- convention periods follow its own conventions, so a convention period of one fiche summed with whatever other fiches
-- happen to share its dates would be presented as the whole Logement d'abord.
-- Grain: one row per (indicateur, periode, territoire, ventilation, modalite).
-- test: unique(indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, fiches)
-- test: expression(ventilation <> 'dispositif')
-- test: accepted_values(type_periode: annee, mois)
SELECT 'lda_ensemble' AS fiche, m.indicateur, m.periode, m.type_periode, m.territoire, m.niveau_territoire, m.ventilation,
       m.modalite, sum(m.valeur) AS valeur, any_value(m.unite) AS unite, list_sort(list(m.fiche)) AS fiches
FROM mart_indicateurs AS m
JOIN int_indicateurs_additifs AS a ON a.fiche = m.fiche AND a.indicateur = m.indicateur AND a.additif
WHERE m.fiche IN ('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension') AND m.ventilation <> 'dispositif'
  AND m.type_periode IN ('annee', 'mois')
GROUP BY m.indicateur, m.periode, m.type_periode, m.territoire, m.niveau_territoire, m.ventilation, m.modalite
