-- Fiches published by MDS territory (2.1, 2.2, 2.3): additive figures (counts of consultations, permanences, actions,
-- saisines, measures, aids, partnerships, participants, and sums of euros) of the MDS territories — 'non_attribue'
-- included, which gathers records whose territory is unknown — add up to the département's. Households and persons
-- are recounted at each level, and means, medians and shares do not add up: they are left out.
WITH additifs AS (
    SELECT * FROM mart_indicateurs_calcules
    WHERE fiche IN ('f2_1_information', 'f2_2_numero_vert', 'f2_3_astre')
      AND unite IN ('consultations', 'actions', 'saisines', 'mesures', 'aides', 'partenaires', 'participations', 'euros', 'lieux')
      AND indicateur NOT LIKE '%moyenne' AND indicateur NOT LIKE '%mediane' AND indicateur <> 'i03_lieux'
),
comparaison AS (
    SELECT fiche, indicateur, periode, ventilation, modalite,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'departement'), 0) AS departement,
           coalesce(sum(valeur) FILTER (WHERE niveau_territoire = 'territoire_mds'), 0) AS somme_territoires
    FROM additifs
    GROUP BY ALL
)
SELECT * FROM comparaison WHERE abs(departement - somme_territoires) > 1e-6
