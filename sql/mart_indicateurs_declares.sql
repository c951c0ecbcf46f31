-- Declared figures per published cell, summed over the operators that declared them, and how they stand against the
-- records (issue « indicators », item 7):
--   avec_enregistrements: some operator sent files of the indicator's source tables (catalogue tables_source) dated
--     that year — then the figure computed from the records stands, and the declared one is only compared;
--   comparable: the operators who declared the cell are exactly those who sent the records, so the two figures
--     describe the same activity and a difference is worth an alert (mart_bilans_declares_alertes).
-- A cell whose (fiche, indicateur) is not in the catalogue, or whose territory is unknown, is kept with
-- niveau_territoire NULL and reported, never published.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, ventilation, modalite, valeur, operateurs)
WITH declares AS (
    SELECT fiche, indicateur, ventilation, modalite, territoire, annee,
           CASE WHEN mois IS NULL THEN CAST(annee AS VARCHAR) ELSE annee || '-' || lpad(CAST(mois AS VARCHAR), 2, '0') END AS periode,
           CASE WHEN mois IS NULL THEN 'annee' ELSE 'mois' END AS type_periode,
           sum(valeur) AS valeur, list_sort(list(DISTINCT code_operateur)) AS operateurs
    FROM staging_bilans_quantitatifs
    GROUP BY ALL
),
niveaux AS (
    -- « artois » is both an MDS and a Logement d'abord territory: the level is the one the fiche publishes it at,
    -- else MDS (the département's own territories), else Logement d'abord.
    SELECT d.fiche, d.territoire,
           coalesce(any_value(m.niveau_territoire), any_value(CASE WHEN d.territoire = '62' THEN 'departement' END),
                    any_value(CASE WHEN t.code IS NOT NULL THEN 'territoire_mds' END), any_value(CASE WHEN l.code IS NOT NULL THEN 'territoire_lda' END)) AS niveau_territoire
    FROM (SELECT DISTINCT fiche, territoire FROM declares) AS d
    LEFT JOIN (SELECT DISTINCT fiche, territoire, niveau_territoire FROM mart_indicateurs_calcules) AS m USING (fiche, territoire)
    LEFT JOIN ref.territoires_mds AS t ON t.code = d.territoire
    LEFT JOIN ref.territoires_lda AS l ON l.code = d.territoire
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
SELECT d.fiche, d.indicateur, d.periode, d.type_periode, d.territoire,
       CASE WHEN c.indicateur IS NOT NULL THEN n.niveau_territoire END AS niveau_territoire,
       d.ventilation, d.modalite, CAST(d.valeur AS DOUBLE) AS valeur, c.unite, d.operateurs,
       e.operateurs IS NOT NULL AS avec_enregistrements,
       coalesce(e.operateurs = d.operateurs, false) AS comparable,
       m.valeur AS valeur_calculee
FROM declares AS d
LEFT JOIN (SELECT DISTINCT fiche, indicateur, unite FROM sources) AS c USING (fiche, indicateur)
LEFT JOIN niveaux AS n USING (fiche, territoire)
LEFT JOIN enregistrements AS e USING (fiche, indicateur, annee)
LEFT JOIN mart_indicateurs_calcules AS m USING (fiche, indicateur, periode, territoire, ventilation, modalite)
ORDER BY ALL
