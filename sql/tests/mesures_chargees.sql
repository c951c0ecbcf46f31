-- Measures counted by the models = distinct (operator, measure) rows loaded from active files.
SELECT * FROM (
    SELECT (SELECT count(*) FROM staging_lda_mesures) AS modeles,
           (SELECT count(DISTINCT (m.code_operateur, m.id_mesure))
              FROM raw.lda_mesures AS m JOIN raw.fichiers AS f ON f.fichier = m._fichier AND f.statut = 'charge') AS chargees
)
WHERE modeles <> chargees
