-- A year is the sum of its months for every indicator the catalogue says so (somme_mois = oui,
-- int_indicateurs_additifs): in every cell of the figures computed from records, the year's row equals the sum of its
-- months' rows (a month without a row is 0, a year without a row too). The same-months comparison of the key figures
-- relies on it (mart_indicateurs_cumuls). Amounts are rounded to the cent month by month: half a cent per row apart.
-- A failure names the cell; either the indicator is a distinct count over the year (somme_mois = non in
-- sources/reference/indicateurs.csv) or its model counts a record in two months.
WITH cellules AS (
    SELECT m.* FROM mart_indicateurs_calcules AS m JOIN int_indicateurs_additifs AS a USING (fiche, indicateur) WHERE a.somme_mois
),
annees AS (
    SELECT fiche, indicateur, periode AS annee, niveau_territoire, territoire, ventilation, modalite, valeur
    FROM cellules WHERE type_periode = 'annee'
),
mois AS (
    SELECT fiche, indicateur, left(periode, 4) AS annee, niveau_territoire, territoire, ventilation, modalite,
           sum(valeur) AS somme, count(*) AS lignes
    FROM cellules WHERE type_periode = 'mois'
    GROUP BY ALL
)
SELECT fiche, indicateur, annee, niveau_territoire, territoire, ventilation, modalite, a.valeur AS valeur_annee,
       m.somme AS somme_des_mois,
       'l''année n''est pas la somme de ses mois : écrire somme_mois = non pour cet indicateur dans sources/reference/indicateurs.csv, ou corriger son modèle' AS probleme
FROM annees AS a
FULL JOIN mois AS m USING (fiche, indicateur, annee, niveau_territoire, territoire, ventilation, modalite)
WHERE abs(coalesce(a.valeur, 0) - coalesce(m.somme, 0)) > 0.005 * (coalesce(m.lignes, 0) + 1)
