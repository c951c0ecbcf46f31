-- Fiche 2.13: every record is placed in exactly one MDS territory ('non_attribue' when its place is unknown), and every
-- 2.13 indicator is a count or a sum of records, so the MDS territories add up to the département for every indicator,
-- period and modality; communes and EPCI (only known places) never exceed it.
WITH f AS (SELECT * FROM mart_indicateurs_calcules WHERE fiche = 'f2_13_gens_du_voyage'),
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
