-- Declared figures (bilans quantitatifs): one row per operator and grid cell, rows of active files only, the latest
-- file's value when a cell is declared twice; a blank value is « not declared » and dropped.
-- test: unique(code_operateur, fiche, indicateur, annee, mois, territoire, ventilation, modalite)
-- test: not_null(code_operateur, fiche, indicateur, annee, territoire, ventilation, modalite, valeur)
SELECT r.* EXCLUDE (libelle_indicateur, commentaire)
FROM raw.bilans_quantitatifs AS r
JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
WHERE r.valeur IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY r.code_operateur, r.fiche, r.indicateur, r.annee, r.mois, r.territoire, r.ventilation, r.modalite
    ORDER BY f.rang DESC, r._ligne
) = 1
