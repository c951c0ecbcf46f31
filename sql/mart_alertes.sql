-- Every rule check of every fiche, in one table a person can follow up (fiche, operator, record, rule, severity, detail).
-- Each fiche's alerts are computed in its own mart_<fiche>_alertes model; this one only unions them.
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
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
ORDER BY ALL
