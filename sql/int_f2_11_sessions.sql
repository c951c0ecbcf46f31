-- Fiche 2.11: each session with the participants retained for its funding and whether it is funded.
-- « Une session d'information sera financée à partir de 8 participants » counts the people present on the attendance
-- sheet (spec ambiguity 21): participants_retenus = present rows of its émargement, whatever number the operator
-- declares (a declared number above or below the sheet is r07's warning, not a change to who was there). A session
-- without attendance sheet therefore retains 0 and is not funded (r01, and r07 says the sheet is missing).
-- The threshold is participants_min_session in force on the session's date (int_parametres_en_vigueur).
-- A session is paid only by a convention of its operator whose period holds its date and whose perimetre holds its
-- lot (spec §0.5.1): id_convention is that convention (the one that started last should two hold it, as
-- int_alertes_conventions does), NULL outside every convention. financee = threshold reached AND a convention pays it:
-- a session held before or after the convention is not published as funded, since nothing pays it.
-- test: unique(code_operateur, id_session)
-- test: not_null(participants_retenus, presents_emargement, seuil_atteint, financee)
-- test: expression(participants_retenus = presents_emargement)
-- test: expression(financee = (seuil_atteint AND id_convention IS NOT NULL))
WITH seuil AS (
    SELECT du, au, valeur AS participants_min FROM int_parametres_en_vigueur
    WHERE fiche = 'f2_11_sensibilisation_pe' AND parametre = 'participants_min_session'
),
emargements AS (
    SELECT cle_session, count(*) AS lignes_emargement, count(*) FILTER (WHERE present) AS presents_emargement
    FROM staging_sens_emargements GROUP BY ALL
),
conventions AS (
    SELECT s.cle_session, c.id_convention
    FROM staging_sens_sessions AS s
    JOIN staging_conventions AS c
      ON c.fiche = 'f2_11_sensibilisation_pe' AND c.code_operateur = s.code_operateur
     AND s.date BETWEEN c.date_debut AND c.date_fin AND list_contains(c.perimetre, s.lot)
    QUALIFY row_number() OVER (PARTITION BY s.cle_session ORDER BY c.date_debut DESC, c.id_convention) = 1
),
retenus AS (
    SELECT s.*,
        coalesce(e.lignes_emargement, 0) AS lignes_emargement,
        coalesce(e.presents_emargement, 0) AS presents_emargement,
        coalesce(e.presents_emargement, 0) AS participants_retenus,
        seuil.participants_min,
        coalesce(e.presents_emargement, 0) >= seuil.participants_min AS seuil_atteint,
        c.id_convention
    FROM staging_sens_sessions AS s
    LEFT JOIN seuil ON s.date BETWEEN seuil.du AND seuil.au
    LEFT JOIN emargements AS e USING (cle_session)
    LEFT JOIN conventions AS c USING (cle_session)
)
SELECT *, seuil_atteint AND id_convention IS NOT NULL AS financee
FROM retenus
