-- Totals of the financing of each fiche, for the « Suivi financier » page's footer (the site only reads them): one row
-- per fiche and operator, and one per fiche for all operators (code_operateur = 'tous').
-- A balance exists only for a closed period (macros/periodes_conventions.sql), so the totals keep apart:
--   avance                      Σ advances of every period (paid at signature, whatever the period's state);
--   avance_periodes_ouvertes    Σ advances of the periods running or to come: what the operator holds until they close;
--   reste_a_verser              Σ positive soldes of the closed periods: what the Département still owes on them;
--   trop_percu                  Σ trop-perçus of the closed periods: what operators owe back.
-- Summing every period's solde instead would net a running convention's advance against what closed ones are owed
-- (a « solde −29 000 € » total while 76 300 € is due on closed conventions).
-- test: unique(fiche, code_operateur)
-- test: not_null(fiche, code_operateur, nb_periodes, nb_closes, nb_en_cours, nb_a_venir, montant_conventionne, du_service_fait, du_retenu, avance, avance_periodes_ouvertes, reste_a_verser, trop_percu)
-- test: expression(nb_periodes = nb_closes + nb_en_cours + nb_a_venir AND avance_periodes_ouvertes <= avance + 0.005)
WITH lignes AS (
    SELECT * FROM mart_financement
    UNION ALL
    SELECT * REPLACE ('tous' AS code_operateur) FROM mart_financement
)
SELECT fiche, code_operateur,
       count(*) AS nb_periodes,
       count(*) FILTER (WHERE statut_periode = 'close') AS nb_closes,
       count(*) FILTER (WHERE statut_periode = 'en_cours') AS nb_en_cours,
       count(*) FILTER (WHERE statut_periode = 'a_venir') AS nb_a_venir,
       round(sum(montant_conventionne), 2) AS montant_conventionne,
       round(sum(du_service_fait), 2) AS du_service_fait,
       round(sum(du_retenu), 2) AS du_retenu,
       round(sum(avance), 2) AS avance,
       round(coalesce(sum(avance) FILTER (WHERE statut_periode <> 'close'), 0), 2) AS avance_periodes_ouvertes,
       round(coalesce(sum(greatest(solde, 0)) FILTER (WHERE statut_periode = 'close'), 0), 2) AS reste_a_verser,
       round(coalesce(sum(trop_percu) FILTER (WHERE statut_periode = 'close'), 0), 2) AS trop_percu
FROM lignes
GROUP BY fiche, code_operateur
ORDER BY fiche, code_operateur
