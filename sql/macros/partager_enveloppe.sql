-- A fiche envelope across operators (spec §0.5.2: 2.3 53 000 €, 2.11 20 000 €, 2.12 260 000 €), one rule: when the conventions of
-- one call (exercice: the year they start) are together due more than the envelope, each is reduced in proportion
-- (the calls say only that the envelope is a maximum, nothing of how to share it out):
--   part_enveloppe(du_convention, du_exercice, enveloppe) = du_convention × enveloppe / du_exercice, to the cent,
--   else du_convention (also when the fiche has no envelope for the exercice: enveloppe NULL).
-- du_convention is what the convention would pay on its own (within its caps and montant_conventionne); du_exercice
-- is Σ du_convention over the conventions of the exercice, a window sum the caller writes
-- (sum(du_convention) OVER (PARTITION BY exercice)). Rounded shares may add up to the envelope ± one cent each.
CREATE OR REPLACE MACRO part_enveloppe(du_convention, du_exercice, enveloppe) AS
    CASE WHEN du_exercice > enveloppe THEN round(du_convention * enveloppe / du_exercice, 2) ELSE du_convention END;
