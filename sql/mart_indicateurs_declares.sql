-- Declared figures per published cell, summed over the operators that declared them, and how they stand against the
-- records (issue « indicators », item 7):
--   avec_enregistrements: some operator sent files of the indicator's source tables (catalogue tables_source) dated
--     that year — then the figure computed from the records stands, and the declared one is only compared;
--   comparable: the operators who declared the cell are exactly those who sent the records, so the two figures
--     describe the same activity and a difference is worth an alert (mart_bilans_declares_alertes).
--   niveau_declare: the level of the territory code (departement, territoire_mds, territoire_lda; NULL: unknown code);
--   niveau_territoire: that level when the fiche publishes it (ref.niveaux_publies, from its indicator mart's header)
--     and the indicator is in the fiche's catalogue, else NULL: such a cell is reported, never published;
--   publie: the figure goes into mart_indicateurs (a published level, and no record-level figure for it).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, ventilation, modalite, valeur, operateurs, publie)
WITH declares AS (
    SELECT fiche, indicateur, ventilation, modalite, territoire, annee,
           CASE WHEN mois IS NULL THEN CAST(annee AS VARCHAR) ELSE annee || '-' || lpad(CAST(mois AS VARCHAR), 2, '0') END AS periode,
           CASE WHEN mois IS NULL THEN 'annee' ELSE 'mois' END AS type_periode,
           sum(valeur) AS valeur, list_sort(list(DISTINCT code_operateur)) AS operateurs
    FROM staging_bilans_quantitatifs
    GROUP BY ALL
),
niveaux AS (
    -- « artois » is both an MDS and a Logement d'abord territory: it is read at the level the fiche publishes, the
    -- first by rang when it publishes both (2.9: MDS).
    SELECT d.fiche, d.territoire,
           min_by(t.niveau, t.rang) AS niveau_declare,
           min_by(t.niveau, t.rang) FILTER (WHERE p.niveau_territoire IS NOT NULL) AS niveau_publie
    FROM (SELECT DISTINCT fiche, territoire FROM declares) AS d
    LEFT JOIN ref.territoires_declarables AS t USING (territoire)
    LEFT JOIN ref.niveaux_publies AS p ON p.fiche = d.fiche AND p.niveau_territoire = t.niveau
    GROUP BY ALL
),
sources AS (
    SELECT fiche, indicateur, unite, unnest(regexp_split_to_array(tables_source, '\s*[;,]\s*')) AS table_rapport
    FROM ref.indicateurs
),
enregistrements AS (
    -- Operators with loaded record files of the indicator's source tables, by year of the file's snapshot.
    SELECT s.fiche, s.indicateur, CAST(left(f.periode, 4) AS INTEGER) AS annee, list_sort(list(DISTINCT f.code_operateur)) AS operateurs
    FROM sources AS s
    JOIN raw.fichiers AS f ON f.table_rapport = s.table_rapport AND f.statut = 'charge' AND f.lignes_chargees > 0
    GROUP BY ALL
)
SELECT *, NOT avec_enregistrements AND valeur_calculee IS NULL AND niveau_territoire IS NOT NULL AS publie
FROM (
SELECT d.fiche, d.indicateur, d.periode, d.type_periode, d.territoire, n.niveau_declare,
       CASE WHEN c.indicateur IS NOT NULL THEN n.niveau_publie END AS niveau_territoire,
       d.ventilation, d.modalite, CAST(d.valeur AS DOUBLE) AS valeur, c.unite, d.operateurs,
       e.operateurs IS NOT NULL AS avec_enregistrements,
       coalesce(e.operateurs = d.operateurs, false) AS comparable,
       m.valeur AS valeur_calculee
FROM declares AS d
LEFT JOIN (SELECT DISTINCT fiche, indicateur, unite FROM sources) AS c USING (fiche, indicateur)
LEFT JOIN niveaux AS n USING (fiche, territoire)
LEFT JOIN enregistrements AS e USING (fiche, indicateur, annee)
LEFT JOIN mart_indicateurs_calcules AS m USING (fiche, indicateur, periode, territoire, ventilation, modalite)
)
ORDER BY ALL
