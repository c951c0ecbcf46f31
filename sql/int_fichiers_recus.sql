-- Every file of the ledger with the day it was received: the first run that recorded it (raw.fichiers_historique,
-- appended by every run, pipelines/ingest/historique.ts), else — a ledger without history — its load time.
-- Grain: one row per file (sha256) of this run's ledger. Spec: issue 17 points 2 and 4.
-- Interpretation: a file's receipt is when the observatory first saw it, not when this run reloaded it (every run
-- rebuilds the database from the inbox). mois = the month its period names (AAAA-MM, or the month of AAAA-MM-JJ);
-- a file without period, or of a whole year, covers no month.
-- version = N of a `_vN` resubmission (the same reading as sql/macros/fichiers_actifs.sql).
-- test: unique(fichier)
-- test: not_null(fichier, nom, statut, recu_le)
SELECT f.fichier, f.nom, f.table_rapport, f.code_operateur, f.periode, f.statut, f.lignes_lues, f.lignes_chargees, f.lignes_rejetees,
       CASE WHEN length(f.periode) IN (7, 10) THEN left(f.periode, 7) END AS mois,
       coalesce(CAST(nullif(regexp_extract(f.nom, '[_-]v(\d+)\.(csv|xlsx)$', 1, 'i'), '') AS INTEGER), 1) AS version,
       CAST(coalesce(h.premiere, f.charge_le) AS DATE) AS recu_le
FROM raw.fichiers AS f
LEFT JOIN (SELECT fichier, min(execution) AS premiere FROM raw.fichiers_historique GROUP BY fichier) AS h USING (fichier)
