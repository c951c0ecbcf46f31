-- The sums of the four Logement d'abord fiches (mart_lda_ensemble) as an edition publishes them: a sum is masked
-- (valeur NULL, secret true) wherever one of the cells it adds is masked in that edition's table — the sum of the
-- others would be wrong, and the sum minus the others would reveal the masked cell — and left out wherever one of them
-- is not published at all (operator-level rows of the public edition). A masked cell is a NULL valeur there, so the
-- same call serves both editions:
--   SELECT * FROM ensemble_lda_publie(mart_lda_ensemble, mart_indicateurs_publics)   -- public, under statistical secret
--   SELECT * FROM ensemble_lda_publie(mart_lda_ensemble, mart_indicateurs)           -- internal, nothing masked
CREATE OR REPLACE MACRO ensemble_lda_publie(ensemble_table, publie_table) AS TABLE
SELECT e.fiche, e.indicateur, e.periode, e.type_periode, e.territoire, e.niveau_territoire, e.ventilation, e.modalite,
       CASE WHEN bool_or(p.valeur IS NULL) THEN NULL ELSE any_value(e.valeur) END AS valeur, any_value(e.unite) AS unite,
       bool_or(p.valeur IS NULL) AS secret
FROM query_table(ensemble_table) AS e
JOIN query_table(publie_table) AS p
  ON list_contains(e.fiches, p.fiche) AND p.indicateur = e.indicateur AND p.periode = e.periode AND p.territoire = e.territoire
 AND p.ventilation = e.ventilation AND p.modalite = e.modalite
GROUP BY e.fiche, e.indicateur, e.periode, e.type_periode, e.territoire, e.niveau_territoire, e.ventilation, e.modalite
HAVING count(*) = len(any_value(e.fiches))
