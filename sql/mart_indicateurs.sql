-- Every published figure, in one long table that the site pages and the extracts read: the figures computed from
-- the operators' records (origine = 'calcule'), and the declared figures of the bilans quantitatifs for cells no
-- record covers (origine = 'declare'). Where records exist the computed figure stands, even if a declared one
-- differs (mart_bilans_declares_alertes reports the difference).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, origine)
-- test: accepted_values(type_periode: annee, mois, convention)
-- test: accepted_values(origine: calcule, declare)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda, territoire_mds, lot, epci, commune)
-- test: expression(type_periode = 'annee' AND periode SIMILAR TO '[0-9]{4}' OR type_periode = 'mois' AND periode SIMILAR TO '[0-9]{4}-[0-9]{2}' OR type_periode = 'convention' AND periode SIMILAR TO '[0-9]{4}-[0-9]{2}/[0-9]{4}-[0-9]{2}')
SELECT *, 'calcule' AS origine FROM mart_indicateurs_calcules
UNION ALL
SELECT fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite, 'declare'
FROM mart_indicateurs_declares
WHERE publie
ORDER BY ALL
