-- The reference population of every territorial unit the marts publish, so that a rate per 10 000 inhabitants is
-- computed in SQL (sql/macros/taux_publies.sql) from the same figure the pages print beside it. Spec §A.1-A.3 (MDS
-- and Logement d'abord territories, AMI, lots, all derived from the commune). Grain: one row per (fiche,
-- niveau_territoire, territoire); lots are per fiche (lot2 of 2.11 is not lot2 of 2.12) and carry it, every other
-- row has fiche NULL.
-- Interpretation: a unit's population is the sum of its communes' (ref.communes: INSEE populations légales via
-- @etalab/decoupage-administratif), through the same memberships the secret uses (int_territoires_appartenances); the
-- summary files' own population columns (territoires_mds.csv, territoires_lda.csv, amis.csv, epci.csv) are that sum,
-- which test/hierarchies.test.ts holds. Units without communes (« non attribué ») have no row, hence no rate.
-- test: unique(fiche, niveau_territoire, territoire)
-- test: not_null(niveau_territoire, territoire, population, communes)
-- test: accepted_values(niveau_territoire: commune, epci, territoire_mds, territoire_lda, ami, lot, departement)
-- test: expression(population > 0)
-- test: expression((niveau_territoire = 'lot') = (fiche IS NOT NULL))
SELECT h.fiche, h.niveau_parent AS niveau_territoire, h.code_parent AS territoire,
       CAST(sum(c.population) AS BIGINT) AS population, count(*) AS communes
FROM int_territoires_appartenances AS h
JOIN ref.communes AS c ON c.code_commune = h.code
WHERE h.niveau = 'commune'
GROUP BY ALL
UNION ALL
SELECT NULL, 'commune', code_commune, population, 1 FROM ref.communes
ORDER BY ALL
