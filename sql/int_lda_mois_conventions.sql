-- Which convention pays each mois-mesure: the convention of the measure's operator and fiche whose dispositifs
-- include the measure's, whose perimeter includes its LDA territory and whose period contains the day the
-- mois-mesure starts (spec §0.5: acts dated inside the convention period). A mois-mesure no convention covers is
-- still published in the indicators; it is simply not financed here.
-- test: unique(cle_mesure, rang)  -- a mois-mesure paid by two conventions would be paid twice
-- test: not_null(id_convention, cle_mesure, rang, tarif_12_mois)
SELECT c.id_convention, c.fiche, c.dispositif, c.tarif_12_mois, c.plafond_subsides_12_mois,
       mm.code_operateur, mm.id_mesure, mm.cle_mesure, mm.territoire_lda, mm.rang, mm.debut_mois_mesure, mm.mois
FROM int_lda_mois_mesures AS mm
JOIN int_lda_conventions AS c
  ON c.code_operateur = mm.code_operateur
 AND c.fiche = mm.fiche
 AND c.dispositif = mm.dispositif
 AND list_contains(c.perimetre, mm.territoire_lda)
 AND mm.debut_mois_mesure BETWEEN c.date_debut AND c.date_fin
