-- Logement d'abord conventions, one row per (convention, dispositif), with the tariffs in force.
-- A parameter's value for a convention is that of the latest exercice up to the year the convention starts,
-- else (a convention older than the catalogue) the earliest exercice known.
-- test: unique(id_convention, dispositif)
-- test: not_null(tarif_12_mois, taux_avance)
WITH conventions AS (
    SELECT
        c.* EXCLUDE (dispositif),
        -- A 2.4/2.5/2.6 convention without dispositif is for its fiche's own; 2.7 covers ADSL and VIAL.
        unnest(coalesce(c.dispositif, CASE c.fiche
            WHEN 'f2_4_adsl' THEN ['adsl'] WHEN 'f2_5_vial' THEN ['vial'] WHEN 'f2_6_envaul' THEN ['envaul']
            ELSE ['adsl', 'vial'] END)) AS dispositif
    FROM staging_conventions AS c
    WHERE c.fiche IN ('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension')
),
parametres AS (
    SELECT c.id_convention, c.dispositif, p.parametre, p.valeur
    FROM conventions AS c
    JOIN int_parametres_conventions AS p USING (id_convention)
)
SELECT
    c.*,
    max(p.valeur) FILTER (WHERE p.parametre = 'tarif_12_mois_' || c.dispositif) AS tarif_12_mois,
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_subsides_12_mois_' || c.dispositif) AS plafond_subsides_12_mois,
    -- ADSL and VIAL only (2.6 has subsides instead): NULL for an ENVAUL convention.
    max(p.valeur) FILTER (WHERE p.parametre = 'plafond_securisation_par_demande' AND c.dispositif IN ('adsl', 'vial')) AS plafond_securisation_par_demande,
    max(p.valeur) FILTER (WHERE p.parametre = 'taux_avance') AS taux_avance_fiche
FROM conventions AS c
LEFT JOIN parametres AS p USING (id_convention, dispositif)
GROUP BY ALL
