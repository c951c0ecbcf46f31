-- The rate per 10 000 inhabitants and the share of the département's figure of every row of an edition's published
-- table, so that no page loader nor browser computes a figure: the territory sheets (pipelines/site/territoires.ts)
-- and the maps (pipelines/site/cartes.ts) read them as columns of the rows they show. A masked cell is a NULL valeur
-- in that table, so the same call serves both editions (it names every table it reads but the reference ones, as the
-- other macros do, so that the model runner orders a reader after them):
--   SELECT * FROM taux_publies(mart_indicateurs_publics, mart_populations)   -- public, under statistical secret
--   SELECT * FROM taux_publies(mart_indicateurs, mart_populations)           -- internal, nothing masked
-- Grain: the table's own, one row per (fiche, indicateur, periode, territoire, ventilation, modalite), with all its
-- columns and:
--   population        the unit's reference population (sql/mart_populations.sql), NULL where it has none
--   taux_10000        valeur × 10 000 ÷ population, where the unit counts people, households or their requests
--                     (ref.unites.par_habitant)
--   part_departement  100 × valeur ÷ the département's valeur of the same cell, where the unit adds up across
--                     territories (ref.unites.partageable)
-- Spec §A.1-A.3 (territories from the commune), §0.3 and the secret (pipelines/publish/secret.ts). Interpretation
-- (ours, methodology page « Taux pour 10 000 habitants »): both only for a count (catalogue agregation distinct or
-- somme): a mean or a median in euros has no share of the département; a département figure of 0 gives no share.
-- Privacy: the population is public, so a rate gives its value back (rate × population ÷ 10 000), and a share gives
-- back whichever of its two terms is masked (the territory's as share × département ÷ 100, the département's as
-- value × 100 ÷ share): both are NULL as soon as a term is, so nothing derived is published where a value is not.
-- test/taux-publies.test.ts checks it on hand-computed rows, test/taux-publics.test.ts on the public output.
CREATE OR REPLACE MACRO taux_publies(publie_table, populations) AS TABLE
WITH publie AS (
    SELECT * FROM query_table(publie_table)
),
departement AS (
    SELECT fiche, indicateur, periode, type_periode, ventilation, modalite, valeur AS valeur_departement
    FROM publie
    WHERE niveau_territoire = 'departement'
)
SELECT p.*, pop.population,
       CASE WHEN u.par_habitant = 'oui' AND i.agregation IN ('distinct', 'somme')
            THEN p.valeur * 10000 / nullif(pop.population, 0) END AS taux_10000,
       CASE WHEN u.partageable = 'oui' AND i.agregation IN ('distinct', 'somme')
            THEN 100 * p.valeur / nullif(d.valeur_departement, 0) END AS part_departement
FROM publie AS p
LEFT JOIN ref.indicateurs AS i ON i.fiche = p.fiche AND i.indicateur = p.indicateur
LEFT JOIN ref.unites AS u ON u.unite = i.unite
-- Lots are per fiche: only their rows carry one.
LEFT JOIN query_table(populations) AS pop
  ON pop.niveau_territoire = p.niveau_territoire AND pop.territoire = p.territoire
 AND pop.fiche IS NOT DISTINCT FROM (CASE WHEN p.niveau_territoire = 'lot' THEN p.fiche END)
LEFT JOIN departement AS d
  ON d.fiche = p.fiche AND d.indicateur = p.indicateur AND d.periode = p.periode AND d.type_periode = p.type_periode
 AND d.ventilation = p.ventilation AND d.modalite = p.modalite
