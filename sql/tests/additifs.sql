-- Additive counts (measures, actions, participations, follow-ups, partner pairs, mois-mesures) add up: each LDA territory's
-- figures sum to its AMI's and the AMIs' to the département's. Persons do not add up (a person followed on two
-- territories counts once above them) and are checked in personnes.sql.
WITH additifs AS (
    SELECT * FROM mart_indicateurs_calcules
    WHERE unite IN ('mesures', 'actions', 'participations', 'suivis', 'partenaires', 'mois-mesures')
      -- Only fiches published by LDA territory and AMI (the MDS-territory fiches are checked in territoires_mds.sql).
      AND fiche IN (SELECT fiche FROM mart_indicateurs_calcules WHERE niveau_territoire = 'ami')
),
ami AS (
    SELECT a.fiche, a.indicateur, a.periode, a.ventilation, a.modalite, a.territoire AS niveau_haut, a.valeur,
           sum(t.valeur) AS somme_dessous
    FROM additifs AS a
    JOIN ref.territoires_lda AS r ON r.ami = a.territoire
    LEFT JOIN additifs AS t
      ON t.niveau_territoire = 'territoire_lda' AND t.territoire = r.code
     AND (t.fiche, t.indicateur, t.periode, t.ventilation, t.modalite) = (a.fiche, a.indicateur, a.periode, a.ventilation, a.modalite)
    WHERE a.niveau_territoire = 'ami'
    GROUP BY ALL
),
departement AS (
    SELECT d.fiche, d.indicateur, d.periode, d.ventilation, d.modalite, '62' AS niveau_haut, d.valeur, sum(a.valeur) AS somme_dessous
    FROM additifs AS d
    LEFT JOIN additifs AS a
      ON a.niveau_territoire = 'ami'
     AND (a.fiche, a.indicateur, a.periode, a.ventilation, a.modalite) = (d.fiche, d.indicateur, d.periode, d.ventilation, d.modalite)
    WHERE d.niveau_territoire = 'departement'
    GROUP BY ALL
)
SELECT * FROM ami WHERE abs(valeur - coalesce(somme_dessous, 0)) > 1e-9
UNION ALL
SELECT * FROM departement WHERE abs(valeur - coalesce(somme_dessous, 0)) > 1e-9
