-- Rates per 10 000 inhabitants (sql/macros/taux_publies.sql) on the rows the territory sheets and maps read (yearly
-- « ensemble » figures), as the internal edition reads them: every territory of a level that has populations has its
-- own (a territory code the reference data do not know would silently get no rate) but « non_attribue », the records
-- no territory could be given, and a rate gives its value back with the population printed beside it.
SELECT t.fiche, t.indicateur, t.periode, t.niveau_territoire, t.territoire, t.valeur, t.population, t.taux_10000
FROM taux_publies(mart_indicateurs, mart_populations) AS t
WHERE t.type_periode = 'annee' AND t.ventilation = 'ensemble' AND t.modalite = 'ensemble'
  AND ((t.population IS NULL AND t.territoire <> 'non_attribue' AND t.niveau_territoire IN (SELECT niveau_territoire FROM mart_populations))
       OR abs(t.taux_10000 * t.population / 10000 - t.valeur) > 1e-9 * greatest(1, abs(t.valeur)))
