-- Fiche 2.13 « Animation du schéma départemental d'accueil et d'habitat des gens du voyage » indicators (spec 2.13 §3)
-- by calendar year and month, for each commune (INSEE) and EPCI (SIREN) where the record has one, each MDS territory
-- ('non_attribue' gathers records whose place is unknown, so that territories add up) and the département ('62').
-- Facts come from int_f2_13_faits, published by publier_indicateurs; keys are recounted at each level. Counts are
-- published for every period, the MDS territories and '62' in their « ensemble » row, 0 when nothing happened
-- (catalogue `cellule_absente`); communes and EPCI appear only where something happened.
-- Fiche-specific, which the catalogue cannot say: i04 (saisines) is also published 0 for each of the six natures of
-- the spec on the MDS territories and '62' when no saisine of that nature came.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, territoire_mds, epci, commune)
-- test: accepted_values(type_periode: annee, mois, convention)
WITH publies AS (
    SELECT * FROM publier_indicateurs('f2_13_gens_du_voyage', int_f2_13_faits, int_f2_13_periodes, int_territoires_appartenances)
),
natures AS (
    SELECT g.periode, g.type_periode, g.territoire, g.niveau_territoire, g.unite, n.nature
    FROM publies AS g
    CROSS JOIN unnest(['stationnement_illicite', 'pv_stationnement_illicite', 'scolarisation', 'conflit_administration', 'demande_information', 'autre']) AS n(nature)
    WHERE g.indicateur = 'i04' AND g.ventilation = 'ensemble'
      AND (g.niveau_territoire = 'departement' OR g.territoire IN (SELECT code FROM ref.territoires_mds))
)
SELECT * FROM publies
UNION ALL
SELECT 'f2_13_gens_du_voyage', 'i04', n.periode, n.type_periode, n.territoire, n.niveau_territoire, 'nature', n.nature, 0, n.unite
FROM natures AS n
WHERE NOT EXISTS (
    SELECT 1 FROM publies AS p
    WHERE p.indicateur = 'i04' AND p.ventilation = 'nature'
      AND (p.periode, p.territoire, p.niveau_territoire, p.modalite) = (n.periode, n.territoire, n.niveau_territoire, n.nature)
)
