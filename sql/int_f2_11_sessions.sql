-- Fiche 2.11: each session with the participants retained for its funding. « Une session d'information sera financée
-- à partir de 8 participants » counts people present on the attendance sheet (spec ambiguity 21), never more than the
-- operator declares: participants_retenus = min(nb_participants_presents, present rows of its émargement). A session
-- without attendance sheet therefore retains 0 and is not funded (r01, and r07 says the sheet is missing).
-- The threshold is participants_min_session in force on the session's date (int_parametres_en_vigueur).
-- test: unique(code_operateur, id_session)
-- test: not_null(participants_retenus, presents_emargement, financee)
-- test: expression(participants_retenus <= nb_participants_presents AND participants_retenus <= presents_emargement)
WITH seuil AS (
    SELECT du, au, valeur AS participants_min FROM int_parametres_en_vigueur
    WHERE fiche = 'f2_11_sensibilisation_pe' AND parametre = 'participants_min_session'
),
emargements AS (
    SELECT cle_session, count(*) AS lignes_emargement, count(*) FILTER (WHERE present) AS presents_emargement
    FROM staging_sens_emargements GROUP BY ALL
)
SELECT s.*,
    coalesce(e.lignes_emargement, 0) AS lignes_emargement,
    coalesce(e.presents_emargement, 0) AS presents_emargement,
    least(s.nb_participants_presents, coalesce(e.presents_emargement, 0)) AS participants_retenus,
    seuil.participants_min,
    least(s.nb_participants_presents, coalesce(e.presents_emargement, 0)) >= seuil.participants_min AS financee
FROM staging_sens_sessions AS s
LEFT JOIN seuil ON s.date BETWEEN seuil.du AND seuil.au
LEFT JOIN emargements AS e USING (cle_session)
