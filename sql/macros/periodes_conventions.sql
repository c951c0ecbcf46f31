-- The balance of a convention period, one rule for every fiche (issue 14 point 14; spec §0.5.3-4): a period is
--   « a_venir »  when it starts after the run's reference date: only its advance exists (paid at signature);
--   « en_cours » while it runs (its end is after the reference date): its advance, and what is due so far;
--   « close »    once it ended, on or before the reference date: only then do a solde and a trop-perçu exist,
--                solde = du_retenu − avance, trop_percu = −solde when negative, else 0.
-- A solde of a period that has not ended would be a figure nobody owes: a running convention « owes » its whole
-- advance back on its first day. solde_periode and trop_percu_periode are NULL for a period that is not closed.
--
-- date_reference(): the run's « today », the one source every deadline and balance reads: ref.date_reference, written
-- by the pipeline from OBS_DATE_REFERENCE (default: the day of the run; the demo: its snapshot date;
-- pipelines/date-reference.ts). A snapshot is the state at the end of its day: a convention ending on the reference
-- date is closed.
CREATE OR REPLACE MACRO date_reference() AS (SELECT date_reference FROM ref.date_reference);

CREATE OR REPLACE MACRO statut_periode(date_debut, date_fin) AS
    CASE WHEN date_fin <= date_reference() THEN 'close'
         WHEN date_debut > date_reference() THEN 'a_venir'
         ELSE 'en_cours' END;

CREATE OR REPLACE MACRO solde_periode(date_debut, date_fin, du_retenu, avance) AS
    CASE WHEN statut_periode(date_debut, date_fin) = 'close' THEN round(du_retenu - avance, 2) END;

CREATE OR REPLACE MACRO trop_percu_periode(date_debut, date_fin, du_retenu, avance) AS
    CASE WHEN statut_periode(date_debut, date_fin) = 'close' THEN round(greatest(avance - du_retenu, 0), 2) END;
