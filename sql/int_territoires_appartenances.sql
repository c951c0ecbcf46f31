-- Territory hierarchies (issue 13, item 1): every territorial unit → every unit of another level that contains it,
-- derived from the committed reference data alone (ref.communes: commune → EPCI, MDS territory, Logement d'abord
-- territory, AMI; ref.lots: MDS territory → lot of fiches 2.11 and 2.12). Grain: one row per (fiche, niveau, code,
-- niveau_parent, code_parent). Codes collide across levels (`artois` is an MDS and an LDA territory, `calaisis` too),
-- so a unit is always named by (niveau, code). Lots are per fiche (lot2 of 2.11 is not lot2 of 2.12): their rows carry
-- the fiche, every other row has fiche NULL (true for every fiche).
-- Interpretation: unit A is inside unit B when every commune of A is a commune of B (so a commune sits in its EPCI,
-- an EPCI in its MDS territory, an LDA territory in its AMI, an MDS territory in its lot, everything in '62'). Units
-- made of the same communes contain each other (LDA « calaisis » = MDS « calaisis »). The 46 communes of the CU
-- d'Arras belong to no LDA territory nor AMI (seed 000): those two levels do not cover the département.
-- The statistical secret reads it (pipelines/publish/secret.ts): a parent's figure is the sum of its children's.
-- test: unique(fiche, niveau, code, niveau_parent, code_parent)
-- test: not_null(niveau, code, niveau_parent, code_parent, communes)
-- test: accepted_values(niveau: commune, epci, territoire_mds, territoire_lda, ami, lot)
-- test: accepted_values(niveau_parent: epci, territoire_mds, territoire_lda, ami, lot, departement)
-- test: expression(niveau <> niveau_parent)
-- test: expression((niveau = 'lot' OR niveau_parent = 'lot') = (fiche IS NOT NULL))
WITH unites AS (
    SELECT code_commune, NULL AS fiche, 'commune' AS niveau, code_commune AS code FROM ref.communes
    UNION ALL SELECT code_commune, NULL, 'epci', code_epci FROM ref.communes
    UNION ALL SELECT code_commune, NULL, 'territoire_mds', territoire_mds FROM ref.communes
    UNION ALL SELECT code_commune, NULL, 'territoire_lda', territoire_lda FROM ref.communes WHERE territoire_lda IS NOT NULL
    UNION ALL SELECT code_commune, NULL, 'ami', ami FROM ref.communes WHERE ami IS NOT NULL
    UNION ALL SELECT c.code_commune, l.fiche, 'lot', l.lot FROM ref.communes AS c JOIN ref.lots AS l USING (territoire_mds)
    UNION ALL SELECT code_commune, NULL, 'departement', '62' FROM ref.communes
),
tailles AS (
    SELECT fiche, niveau, code, count(*) AS communes FROM unites GROUP BY ALL
),
communes_communes AS (
    SELECT a.fiche AS fiche_enfant, coalesce(a.fiche, b.fiche) AS fiche, a.niveau, a.code, b.niveau AS niveau_parent,
           b.code AS code_parent, count(*) AS communes
    FROM unites AS a
    JOIN unites AS b
      ON b.code_commune = a.code_commune AND b.niveau <> a.niveau
     AND (a.fiche IS NULL OR b.fiche IS NULL OR a.fiche = b.fiche)
    WHERE a.niveau <> 'departement'
    GROUP BY ALL
)
SELECT c.fiche, c.niveau, c.code, c.niveau_parent, c.code_parent, c.communes
FROM communes_communes AS c
JOIN tailles AS t ON t.niveau = c.niveau AND t.code = c.code AND t.fiche IS NOT DISTINCT FROM c.fiche_enfant
WHERE c.communes = t.communes
