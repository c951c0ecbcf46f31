-- Fiche 2.8 GEP conventions with the parameters in force (ref.parametres, fiche f2_8_gep): a parameter's value is that
-- of the latest exercice up to the year the convention starts, else the earliest known; the 15-participant maximum
-- (« souhaité », 2025 call only) applies only to conventions whose start year has that parameter (participants_max).
-- groupes = the GEP groups of the perimetre (artois, audomarois, boulonnais, lens_henin); the caps are per group.
-- date_arrete = « today »: the run's reference date (ref.date_reference), not the latest date a GEP or financial-report
-- file was drawn up; the convention is 'close' when it ended by then, and its deadlines run to it.
-- test: unique(id_convention)
-- test: not_null(id_convention, code_operateur, plafond_groupe, plafond_accueil_cafe, taux_avance_fiche, delai_bilan_final_mois, nb_groupes)
WITH conventions AS (
    SELECT c.*, list_filter(c.perimetre, g -> g IN ('artois', 'audomarois', 'boulonnais', 'lens_henin')) AS groupes
    FROM staging_conventions AS c
    WHERE c.fiche = 'f2_8_gep'
),
parametres AS (
    SELECT id_convention, parametre, valeur, exercice FROM int_parametres_conventions SEMI JOIN conventions USING (id_convention)
),
arrete AS (
    SELECT date_reference() AS date_arrete
)
SELECT
    c.* EXCLUDE (perimetre), c.perimetre,
    len(c.groupes) AS nb_groupes,
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_groupe_12_mois') AS plafond_groupe,
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_accueil_cafe') AS plafond_accueil_cafe,
    max(p.valeur) FILTER (WHERE p.parametre = 'taux_avance') AS taux_avance_fiche,
    max(p.valeur) FILTER (WHERE p.parametre = 'delai_bilan_final_mois') AS delai_bilan_final_mois,
    max(p.valeur) FILTER (WHERE p.parametre = 'participants_max_presentiel' AND CAST(p.exercice AS INTEGER) = year(c.date_debut)) AS participants_max,
    any_value(a.date_arrete) AS date_arrete
FROM conventions AS c
LEFT JOIN parametres AS p USING (id_convention)
CROSS JOIN arrete AS a
GROUP BY ALL
