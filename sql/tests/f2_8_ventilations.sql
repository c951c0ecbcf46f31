-- Fiche 2.8: the breakdowns of the meeting and participant counts are partitions (a meeting has one type and one
-- modality, a participation row one professional origin): their modalities add up to the « ensemble » row.
WITH f AS (
    SELECT * FROM mart_indicateurs_calcules
    WHERE fiche = 'f2_8_gep' AND indicateur IN ('i01', 'i02', 'i03')
),
comparaison AS (
    SELECT e.fiche, e.indicateur, e.periode, e.territoire, v.ventilation, e.valeur AS ensemble, sum(v.valeur) AS somme_modalites
    FROM f AS e
    JOIN f AS v USING (fiche, indicateur, periode, territoire)
    WHERE e.ventilation = 'ensemble' AND v.ventilation <> 'ensemble'
    GROUP BY ALL
)
SELECT * FROM comparaison WHERE abs(ensemble - somme_modalites) > 1e-6
