-- The balance of a convention period, one rule for every fiche (issue 14 point 14; spec §0.5.3-4): a period is
--   « a_venir »  when it starts after the run's reference date: only its advance exists (paid at signature);
--   « en_cours » while it runs (its end is not before the reference date): its advance, and what is due so far;
--   « close »    once its end date is before the reference date: only then do a solde and a trop-perçu exist,
--                solde = du_retenu − avance, trop_percu = −solde when negative, else 0.
-- A solde of a period that has not ended would be a figure nobody owes: a running convention « owes » its whole
-- advance back on its first day. solde_periode and trop_percu_periode are NULL for a period that is not closed.
--
-- date_reference(): the run's « today ». There is no single source yet: it is the day after the latest snapshot of
-- the operators' files (fichiers_actifs: a period's last day; the Département's conventions and versements files,
-- named after their year, say nothing about how far the activity is known). A snapshot is the state at the end of
-- its day, so the run that reads it stands on the next day: a convention ending on the snapshot's last day is closed.
-- When the run's reference date (OBS_DATE_REFERENCE, default today: issue 14 points 5 and 8) reaches the database,
-- switch HERE, and only here: every financing mart and the alerts that ask whether a period is closed call these macros.
-- With no operator file at all, the run's calendar day.
CREATE OR REPLACE MACRO date_reference() AS (
    SELECT coalesce(CAST(max(date_arrete) AS DATE) + 1, current_date)
    FROM fichiers_actifs()
    WHERE table_rapport NOT IN ('conventions', 'versements')
);

CREATE OR REPLACE MACRO statut_periode(date_debut, date_fin) AS
    CASE WHEN date_fin < date_reference() THEN 'close'
         WHEN date_debut > date_reference() THEN 'a_venir'
         ELSE 'en_cours' END;

CREATE OR REPLACE MACRO solde_periode(date_debut, date_fin, du_retenu, avance) AS
    CASE WHEN statut_periode(date_debut, date_fin) = 'close' THEN round(du_retenu - avance, 2) END;

CREATE OR REPLACE MACRO trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS
    CASE WHEN statut_periode(date_debut, date_fin) = 'close' THEN round(greatest(avance - du_retenu, 0), 2) END;
