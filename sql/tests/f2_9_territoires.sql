-- Fiche 2.9: meetings (x01: their territory or 'non_attribue') and SIAO/115 requests (x03, x03_jeunes: the territory of
-- the SIAO antenna, always given) sit in exactly one MDS territory, so the territories add up to the département for
-- every period and modality; requests placed by commune or EPCI (only where the person's commune is known) never
-- exceed it. Young people, persons and deliverables (a deliverable may cover several territories) are left out.
WITH f AS (
    SELECT * FROM mart_indicateurs_calcules
    WHERE fiche = 'f2_9_observatoire_jeunes' AND indicateur IN ('x01', 'x01_professionnels', 'x01_jeunes', 'x03', 'x03_jeunes', 'x03_jeunes_18_25')
),
comparaison AS (
    SELECT fiche, indicateur, periode, ventilation, modalite,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'departement'), 0) AS departement,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'territoire_mds'), 0) AS somme_territoires,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'epci'), 0) AS somme_epci,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'commune'), 0) AS somme_communes
    FROM f
    GROUP BY ALL
)
SELECT * FROM comparaison
WHERE abs(departement - somme_territoires) > 1e-6 OR somme_epci > departement + 1e-6 OR somme_communes > departement + 1e-6
