-- Every mois-mesure financed falls in exactly one convention: no mois-mesure is paid twice.
SELECT mm.cle_mesure, mm.rang, count(*) AS conventions
FROM int_lda_mois_mesures AS mm
JOIN int_lda_conventions AS c
  ON mm.code_operateur = c.code_operateur AND mm.dispositif = c.dispositif
 AND list_contains(c.perimetre, mm.territoire_lda) AND mm.debut_mois_mesure BETWEEN c.date_debut AND c.date_fin
GROUP BY ALL
HAVING count(*) > 1
