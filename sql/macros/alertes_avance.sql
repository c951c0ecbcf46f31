-- The advance rule of the fiches paid « avance et solde » (2.3 r13, 2.8 r11, 2.10 r09, 2.11 r11, 2.12 r15) as alerts:
-- the convention's taux d'avance against the fiche's, and the advance paid (Σ payments of type « avance ») against
-- that rate × the amount agreed, to the cent (montant_au_taux: a DOUBLE product rounds 70 % of 0,05 € down).
-- `au_plus`: the fiche's rate is a ceiling (« jusqu'à 70 % », 2.3, 2.11, 2.12); else it is the rate to apply (2.8, 2.10).
-- The caller names its rule and passes its conventions — fiche, code_operateur, id_convention, montant_conventionne,
-- taux_avance and taux_avance_fiche, the fiche's rate in force for the convention — and the payments:
--   SELECT * FROM alertes_avance('<règle>', <conventions>, staging_versements, au_plus := true)
CREATE OR REPLACE MACRO alertes_avance(regle_code, conventions_table, versements_table, au_plus := false) AS TABLE
WITH conventions AS (
    SELECT *, montant_au_taux(taux_avance_fiche, montant_conventionne) AS avance_attendue
    FROM query_table(conventions_table)
),
avances AS (
    SELECT id_convention, sum(montant) AS avance_versee
    FROM query_table(versements_table) SEMI JOIN conventions USING (id_convention)
    WHERE type = 'avance'
    GROUP BY ALL
)
SELECT fiche, code_operateur, id_convention AS id_enregistrement, regle_code AS regle, 'erreur' AS severite,
       format('taux d''avance de la convention {} % : {} % {}', nombre_fr(100 * taux_avance), nombre_fr(100 * taux_avance_fiche),
              CASE WHEN au_plus THEN 'au plus' ELSE 'prévus' END) AS detail
FROM conventions
WHERE CASE WHEN au_plus THEN taux_avance > taux_avance_fiche + 0.0001 ELSE abs(taux_avance - taux_avance_fiche) > 0.0001 END
UNION ALL
SELECT c.fiche, c.code_operateur, c.id_convention, regle_code, 'erreur',
       format(CASE WHEN au_plus THEN 'avance versée {} € : {} € au plus ({} % de {} €)' ELSE 'avance versée {} € au lieu de {} € ({} % de {} €)' END,
              montant_fr(a.avance_versee), montant_fr(c.avance_attendue), nombre_fr(100 * c.taux_avance_fiche), montant_fr(c.montant_conventionne))
FROM conventions AS c
JOIN avances AS a USING (id_convention)
WHERE CASE WHEN au_plus THEN a.avance_versee > c.avance_attendue ELSE a.avance_versee <> c.avance_attendue END
