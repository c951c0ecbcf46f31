-- Distinct persons are recounted at each level: the département counts at least as many as its largest AMI and at
-- most their sum (a person followed on two territories counts once); likewise an AMI against its LDA territories.
WITH personnes AS (
    SELECT m.*, coalesce(r.ami, m.territoire) AS ami
    FROM mart_indicateurs_calcules AS m
    LEFT JOIN ref.territoires_lda AS r ON m.niveau_territoire = 'territoire_lda' AND r.code = m.territoire
    WHERE m.unite = 'personnes'
),
dessous AS (
    -- Each territory's figure under its AMI, each AMI's under the département.
    SELECT fiche, indicateur, periode, ventilation, modalite, ami AS haut, valeur FROM personnes WHERE niveau_territoire = 'territoire_lda'
    UNION ALL
    SELECT fiche, indicateur, periode, ventilation, modalite, '62', valeur FROM personnes WHERE niveau_territoire = 'ami'
)
SELECT h.fiche, h.indicateur, h.periode, h.ventilation, h.modalite, h.territoire, h.valeur,
       max(d.valeur) AS plus_grand_dessous, sum(d.valeur) AS somme_dessous
FROM personnes AS h
JOIN dessous AS d
  ON d.haut = h.territoire AND (d.fiche, d.indicateur, d.periode, d.ventilation, d.modalite) = (h.fiche, h.indicateur, h.periode, h.ventilation, h.modalite)
WHERE h.niveau_territoire IN ('ami', 'departement')
GROUP BY ALL
HAVING h.valeur < max(d.valeur) OR h.valeur > sum(d.valeur)
