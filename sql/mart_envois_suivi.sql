-- Expected submissions against what arrived: received on time, late (days), refused, missing, or not due yet;
-- resubmissions counted. The « Suivi des envois » page, the reminders CSV and `npm run retours` read it.
-- Grain: one row per expected submission (int_envois_attendus). Spec: issue 17 point 2.
-- What counts as received, per nature:
--   releve_mensuel          the operator's files of that table and month (int_fichiers_recus): received on the day
--                           the first loaded one arrived; only refused files → « refuse » (to send again);
--                           envois = every file sent for the month, renvois = envois − 1 (corrections, _vN, refused tries);
--   bilan_mesure            the operator's bilan of that type for the measure (staging_bilans), on its date_remise;
--   bilan_final             the operator's bilan_final_action naming the convention (objet convention), else its first one
--                           of the fiche remitted from the convention's start (as mart_f2_8_alertes r07, mart_f2_9_alertes r04);
--   compte_rendu_financier  rows of the convention in comptes_rendus_financiers (the day their file arrived) or a
--                           bilan of type compte_rendu_financier naming it, whichever came first.
-- statut: recu (by the deadline), en_retard (after it: jours_retard = received − due), refuse, manquant (due before
-- the reference date, nothing received: jours_retard = reference date − due), a_venir (due on or after it).
-- « Today » is date_reference() (sql/macros/periodes_conventions.sql: ref.date_reference, from OBS_DATE_REFERENCE).
-- test: unique(code_operateur, nature, document, objet)
-- test: not_null(code_operateur, nature, document, objet, echeance, statut, envois, renvois, date_reference)
-- test: accepted_values(statut: recu, en_retard, refuse, manquant, a_venir)
-- test: expression(jours_retard > 0 OR statut NOT IN ('en_retard', 'manquant'))
-- test: expression(jours_retard IS NULL OR statut IN ('en_retard', 'manquant'))
WITH ref AS (SELECT date_reference() AS date_reference),
a AS (SELECT * FROM int_envois_attendus),
releves AS (
    SELECT a.code_operateur, a.nature, a.document, a.objet,
           min(f.recu_le) FILTER (WHERE f.statut <> 'rejete') AS recu_le,
           count(f.fichier) AS envois
    FROM a JOIN int_fichiers_recus AS f
      ON a.nature = 'releve_mensuel' AND f.table_rapport = a.document AND f.code_operateur = a.code_operateur AND f.mois = a.objet
    GROUP BY ALL
),
bilans_mesures AS (
    SELECT a.code_operateur, a.nature, a.document, a.objet, min(b.date_remise) AS recu_le, count(*) AS envois
    FROM a JOIN staging_bilans AS b
      ON a.nature = 'bilan_mesure' AND b.code_operateur = a.code_operateur AND b.objet = 'mesure' AND b.id_objet = a.objet AND b.type_bilan = a.document
    GROUP BY ALL
),
conventions AS (SELECT id_convention, date_debut FROM staging_conventions),
bilans_conventions AS (
    SELECT a.code_operateur, a.nature, a.document, a.objet, b.date_remise,
           b.objet = 'convention' AND b.id_objet = a.objet AS nomme
    FROM a JOIN conventions AS c ON c.id_convention = a.id_convention
    JOIN staging_bilans AS b
      ON b.code_operateur = a.code_operateur AND b.fiche = a.fiche
     AND ((a.nature = 'bilan_final' AND b.type_bilan = 'bilan_final_action') OR (a.nature = 'compte_rendu_financier' AND b.type_bilan = 'compte_rendu_financier'))
     AND ((b.objet = 'convention' AND b.id_objet = a.objet) OR (a.nature = 'bilan_final' AND b.date_remise >= c.date_debut))
),
bilans_finaux AS (
    -- The bilan naming the convention wins over the first one remitted since it started.
    SELECT code_operateur, nature, document, objet, arg_min(date_remise, (NOT nomme, date_remise)) AS recu_le, 1 AS envois
    FROM bilans_conventions GROUP BY ALL
),
comptes_rendus AS (
    SELECT a.code_operateur, a.nature, a.document, a.objet, min(f.recu_le) AS recu_le, count(DISTINCT f.fichier) AS envois
    FROM a JOIN raw.comptes_rendus_financiers AS r ON a.nature = 'compte_rendu_financier' AND r.id_convention = a.objet AND r.code_operateur = a.code_operateur
    JOIN int_fichiers_recus AS f ON f.fichier = r._fichier
    GROUP BY ALL
),
recus AS (
    SELECT code_operateur, nature, document, objet, min(recu_le) AS recu_le, CAST(sum(envois) AS INTEGER) AS envois
    FROM (SELECT * FROM releves UNION ALL SELECT * FROM bilans_mesures UNION ALL SELECT * FROM bilans_finaux UNION ALL SELECT * FROM comptes_rendus)
    GROUP BY ALL
),
suivi AS (
    SELECT a.*, r.recu_le, coalesce(r.envois, 0) AS envois, ref.date_reference,
           CASE WHEN r.recu_le IS NOT NULL AND r.recu_le <= a.echeance THEN 'recu'
                WHEN r.recu_le IS NOT NULL THEN 'en_retard'
                WHEN r.envois > 0 THEN 'refuse'
                WHEN a.echeance < ref.date_reference THEN 'manquant'
                ELSE 'a_venir' END AS statut
    FROM a
    LEFT JOIN recus AS r USING (code_operateur, nature, document, objet)
    CROSS JOIN ref
)
SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, echeance, recu_le, statut,
       CASE statut WHEN 'en_retard' THEN CAST(recu_le - echeance AS INTEGER) WHEN 'manquant' THEN CAST(date_reference - echeance AS INTEGER) END AS jours_retard,
       envois, greatest(envois - 1, 0) AS renvois, date_reference
FROM suivi
