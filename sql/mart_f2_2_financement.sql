-- Fiche 2.2 financing per convention (spec 2.2 §1, §0.5.5): a single payment of the participation « au titre du FSL … un versement
-- à la signature de la convention » (2025 and 2026), not a payment for service done. So du_service_fait = the amount agreed
-- (due at signature), du_retenu = min(montant_conventionne, montant_participation of the fiche for the exercice),
-- avance = du_retenu (everything is paid at signature), solde = 0 and trop_percu = 0 by construction. The activity
-- is still measured (mart_f2_2_indicateurs); what was actually paid is `verse` (Σ versements, trop-perçu restitutions
-- deducted), and mart_f2_2_alertes r01 flags a convention or payment that departs from the single payment.
-- Parameters: ref.parametres for the fiche, exercice = the latest ≤ the year the convention starts, else the earliest.
-- test: unique(id_convention)
-- test: not_null(fiche, code_operateur, id_convention, montant_conventionne, montant_participation, du_service_fait, du_retenu, avance, solde, trop_percu, statut_periode)
-- test: expression(du_retenu <= montant_conventionne AND du_retenu <= montant_participation)
-- test: expression(trop_percu = greatest(-solde, 0))
SELECT * FROM financer_versement_unique(
    'f2_2_numero_vert', staging_conventions, int_parametres_conventions, staging_versements,
    (SELECT date_reference FROM ref.date_reference)
)
