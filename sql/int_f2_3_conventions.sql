-- ASTRE conventions (fiche 2.3) with the parameters in force: for each parameter, the exercice that is the latest one
-- up to the year the convention starts, else the earliest known. exercice = the year the convention starts: the
-- conventions pooled under the envelope (53 000 € « au total pour 2026 ») and the 20-measure target across operators
-- (a 2025 convention valued with the 2026 parameters, the earliest known, is still pooled apart from 2026's).
-- test: unique(id_convention)
-- test: not_null(tarif_mesure, duree_mesure_mois, plafond_diagnostic_simple, plafond_diagnostic_complet, enveloppe_globale, taux_avance_max, nb_mesures_objectif)
WITH conventions AS (
    SELECT * FROM staging_conventions WHERE fiche = 'f2_3_astre'
),
parametres AS (
    SELECT id_convention, parametre, valeur, exercice FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
)
SELECT
    c.* EXCLUDE (_fichier, _ligne),
    CAST(c.montant_conventionne AS DOUBLE) AS montant,
    CAST(year(c.date_debut) AS VARCHAR) AS exercice,
    max(p.valeur) FILTER (WHERE p.parametre = 'tarif_mesure') AS tarif_mesure,
    max(p.valeur) FILTER (WHERE p.parametre = 'duree_mesure_mois') AS duree_mesure_mois,
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_diagnostic_simple') AS plafond_diagnostic_simple,
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_diagnostic_complet') AS plafond_diagnostic_complet,
    max(p.valeur) FILTER (WHERE p.parametre = 'enveloppe_globale') AS enveloppe_globale,
    max(p.valeur) FILTER (WHERE p.parametre = 'taux_avance_max') AS taux_avance_max,
    max(p.valeur) FILTER (WHERE p.parametre = 'nb_mesures_objectif') AS nb_mesures_objectif
FROM conventions AS c
LEFT JOIN parametres AS p USING (id_convention)
GROUP BY ALL
