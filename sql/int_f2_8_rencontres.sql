-- Fiche 2.8 GEP meetings with their convention and the participants declared for them (gep_participations, nb = 1
-- when empty) and, for a groupe_echange meeting, the days since the group's previous one (intervalle). A meeting belongs to the 2.8 convention of its operator whose perimetre holds its group and whose
-- period holds its date (none: id_convention NULL, still counted in the indicators).
-- cle = operator / meeting: two operators may use the same meeting identifier.
-- test: unique(cle)
-- test: not_null(cle, code_operateur, id_rencontre, territoire_groupe, date, type_rencontre, nb_participants)
WITH ete AS (
    -- The months without meetings (« sauf pendant la période juillet août »), in force on the meeting's day.
    SELECT du, au,
           max(valeur) FILTER (WHERE parametre = 'mois_sans_rencontre_debut') AS debut,
           max(valeur) FILTER (WHERE parametre = 'mois_sans_rencontre_fin') AS fin
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_8_gep'
    GROUP BY du, au
),
precedentes AS (
    -- Days since the same operator's previous groupe_echange meeting of the group.
    SELECT code_operateur, id_rencontre,
           date - lag(date) OVER (PARTITION BY code_operateur, territoire_groupe ORDER BY date, id_rencontre) AS intervalle
    FROM staging_gep_rencontres
    WHERE type_rencontre = 'groupe_echange'
),
participations AS (
    SELECT code_operateur, id_rencontre, sum(coalesce(nb, 1)) AS nb_declares, count(*) AS nb_lignes
    FROM staging_gep_participations
    GROUP BY ALL
)
SELECT
    r.*,
    r.code_operateur || '/' || r.id_rencontre AS cle,
    c.id_convention,
    p.nb_declares,
    pr.intervalle,
    month(r.date) BETWEEN e.debut AND e.fin AS ete
FROM staging_gep_rencontres AS r
LEFT JOIN ete AS e ON r.date BETWEEN e.du AND e.au
LEFT JOIN int_f2_8_conventions AS c
  ON c.code_operateur = r.code_operateur AND list_contains(c.groupes, r.territoire_groupe) AND r.date BETWEEN c.date_debut AND c.date_fin
LEFT JOIN participations AS p ON p.code_operateur = r.code_operateur AND p.id_rencontre = r.id_rencontre
LEFT JOIN precedentes AS pr ON pr.code_operateur = r.code_operateur AND pr.id_rencontre = r.id_rencontre
QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_rencontre ORDER BY c.date_debut DESC NULLS LAST) = 1
