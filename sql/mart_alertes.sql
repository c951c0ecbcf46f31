-- Every rule check of every fiche, in one table a person can follow up (fiche, operator, record, rule, severity, detail).
-- Each fiche's alerts are computed in its own mart_<fiche>_alertes model; this one only unions them.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
SELECT fiche, code_operateur, id_enregistrement, regle, severite, detail FROM mart_lda_alertes
ORDER BY ALL
