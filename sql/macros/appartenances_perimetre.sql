-- The territory hierarchy cut to a fiche that works on some Logement d'abord territories only (2.4-2.7, 2.8, 2.10):
-- the rows of those territories and of their communes, tagged with the fiche. Given to publier_indicateurs as the
-- fiche's hierarchy, it publishes the fiche's absent cells on those territories, their AMIs and the département only
-- (a fact outside them still counts in the département).
-- Usage: WITH perimetre AS (SELECT * FROM appartenances_perimetre('<fiche>', int_territoires_appartenances,
-- ['<territoire_lda>', …])) SELECT * FROM publier_indicateurs('<fiche>', <faits>, <periodes>, perimetre, [<niveaux>]).
CREATE OR REPLACE MACRO appartenances_perimetre(fiche_code, appartenances, territoires_lda) AS TABLE
WITH unites AS (
    SELECT 'territoire_lda' AS niveau, unnest(territoires_lda) AS code
    UNION ALL
    SELECT niveau, code FROM query_table(appartenances)
    WHERE fiche IS NULL AND niveau = 'commune' AND niveau_parent = 'territoire_lda' AND list_contains(territoires_lda, code_parent)
)
SELECT fiche_code AS fiche, a.niveau, a.code, a.niveau_parent, a.code_parent
FROM query_table(appartenances) AS a
JOIN unites AS u USING (niveau, code)
WHERE a.fiche IS NULL
