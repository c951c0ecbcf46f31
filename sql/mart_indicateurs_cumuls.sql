-- Cumulative figures from January to a month, for comparing the current (incomplete) year with the same months of
-- the previous one (issue 15, point 3): « cumul janvier–octobre 2026 » beside « janvier–octobre 2025 ».
-- Grain: one row per cell of mart_indicateurs (fiche, indicateur, territoire, ventilation, modalite), year and last
-- month M, for every M whose months January…M all have a row of that cell.
-- Spec: fiches.md, « indicateurs … par mois et par an »; the catalogue's somme_mois (sources/reference/indicateurs.csv,
-- int_indicateurs_additifs).
-- Interpretation: only indicators whose year is the sum of its months (somme_mois = oui, which
-- sql/tests/annees_sommes_des_mois.sql checks in every cell): the sum of their months is their cumul, and the
-- current year's own row is the cumul to the cut-off. Distinct persons over several months (somme_mois = non) are not
-- the sum of each month's persons, and no cumul is derived for them here. A month without a row is not taken as 0: the cumul is then absent
-- (« pas de donnée » on the site), never understated. Published only under the statistical secret: the site shows a
-- cumul only when each of its months is published unmasked (pipelines/site/cumuls.ts), so it tells a reader nothing
-- the published months do not, and adds no relation for the secondary suppression.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, annee, mois_fin, territoire, niveau_territoire, ventilation, modalite, valeur, mois)
-- test: accepted_values(type_periode: cumul)
-- test: expression(periode = annee || '-01..' || annee || '-' || lpad(CAST(mois_fin AS VARCHAR), 2, '0') AND mois = mois_fin)
WITH mensuel AS (
  SELECT m.*, left(m.periode, 4) AS annee, CAST(right(m.periode, 2) AS INTEGER) AS numero
  FROM mart_indicateurs AS m
  JOIN int_indicateurs_additifs AS c USING (fiche, indicateur)
  WHERE m.type_periode = 'mois' AND c.somme_mois
), cumule AS (
  SELECT *,
         sum(valeur) OVER cellule AS cumul,
         count(*) OVER cellule AS presents
  FROM mensuel
  WINDOW cellule AS (PARTITION BY fiche, indicateur, territoire, ventilation, modalite, annee ORDER BY numero)
)
SELECT fiche, indicateur, annee || '-01..' || periode AS periode, 'cumul' AS type_periode, annee, numero AS mois_fin,
       territoire, niveau_territoire, ventilation, modalite, cumul AS valeur, unite, presents AS mois
FROM cumule
-- January…M all present: as many rows as the month's number.
WHERE presents = numero
ORDER BY ALL
