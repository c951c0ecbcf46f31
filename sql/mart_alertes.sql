-- Every rule check of every fiche, in one table a person can follow up (fiche, operator, record, rule, severity,
-- detail), with the rule's name and meaning (int_regles, from sources/reference/regles.csv) and the convention the
-- record falls under (int_alertes_conventions; NULL where none applies, see that model's header).
-- Each fiche's alerts are computed in its own mart_<fiche>_alertes model; this one unions them.
-- An alert whose (fiche, rule) is not in the catalogue, or whose severity the catalogue does not give that rule, has
-- no libelle_regle: the not_null test below stops the build, naming it (add or correct its row in regles.csv).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail, libelle_regle, signification_regle)
-- test: accepted_values(severite: erreur, avertissement, info)
WITH alertes AS (
    SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_lda_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_8_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_10_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_1_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_2_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_3_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_11_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_13_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_9_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_f2_12_alertes
    UNION ALL SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_bilans_declares_alertes
)
SELECT a.fiche, a.code_operateur, a.id_enregistrement, a.regle, a.severite, a.detail,
       c.id_convention, r.libelle AS libelle_regle, r.signification AS signification_regle
FROM alertes AS a
LEFT JOIN int_regles AS r ON r.fiche = a.fiche AND r.regle = a.regle AND list_contains(r.severites, a.severite)
-- A composite id (« session|participant », « ménage|mois ») falls under its first part's convention.
LEFT JOIN int_alertes_conventions AS c
  ON c.fiche = a.fiche AND c.code_operateur = a.code_operateur
 AND c.id_enregistrement = CASE WHEN a.regle LIKE 'declare_%' THEN NULL ELSE split_part(a.id_enregistrement, '|', 1) END
ORDER BY ALL
