-- Amount due to each operator per convention period, for every fiche, « en fonction du service fait »: what the
-- counted acts are worth at the fiche's tariffs (du_service_fait), what is retained within the caps and envelopes
-- (du_retenu), the advance paid, the balance and the « trop-perçu » to restitute — these two for a closed period only
-- (statut_periode a_venir / en_cours / close, one rule: macros/periodes_conventions.sql). Each fiche's computation, with its
-- own detail columns, is in its mart_<fiche>_financement model; this one only unions the common columns, plus
-- du_securisation, the Logement d'abord sécurisation financière paid on top (its own line; NULL for the fiches
-- without one).
-- test: unique(fiche, id_convention)
-- test: not_null(fiche, code_operateur, id_convention, du_service_fait, du_retenu, avance, statut_periode)
-- test: accepted_values(statut_periode: a_venir, en_cours, close)
-- test: expression(CASE statut_periode WHEN 'close' THEN trop_percu = greatest(-solde, 0) ELSE solde IS NULL AND trop_percu IS NULL END)
WITH fiches AS (
SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance,
       du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode
FROM mart_lda_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_8_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_10_financement WHERE statut_calcul = 'calcule'
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_1_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_2_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_3_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_11_financement WHERE statut_calcul = 'calcule'
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_13_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_9_financement
UNION ALL SELECT fiche, code_operateur, id_convention, date_debut, date_fin, montant_conventionne, taux_avance, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode FROM mart_f2_12_financement
),
securisation AS (
    SELECT fiche, id_convention, du_securisation FROM mart_lda_financement WHERE fiche <> 'f2_6_envaul'
)
SELECT f.*, s.du_securisation
FROM fiches AS f
LEFT JOIN securisation AS s USING (fiche, id_convention)
ORDER BY fiche, code_operateur, date_debut
