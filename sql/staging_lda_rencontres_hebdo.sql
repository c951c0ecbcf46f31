-- Weekly meetings per measure (spec 2.4 §4 `lda_rencontres_hebdo`, optional), with the ISO week's Monday and Sunday:
-- the intensity rule r04 looks at full weeks of a measure only.
-- Rows of active files only (a superseded file no longer counts); a week sent in several periods keeps its latest version.
-- test: unique(code_operateur, id_mesure, semaine)
-- test: not_null(lundi, dimanche)
-- test: expression(isodow(lundi) = 1)
WITH dernieres AS (
    SELECT r.* EXCLUDE (_fichier, _ligne), r.code_operateur || '/' || r.id_mesure AS cle_mesure, r._fichier, r._ligne
    FROM raw.lda_rencontres_hebdo AS r
    JOIN fichiers_actifs() AS f ON f.fichier = r._fichier
    QUALIFY row_number() OVER (PARTITION BY r.code_operateur, r.id_mesure, r.semaine ORDER BY f.rang DESC, r._ligne) = 1
),
semaines AS (
    -- ISO week 1 is the week holding 4 January; its Monday is 4 January minus (its ISO weekday − 1) days.
    SELECT *,
           CAST(make_date(CAST(left(semaine, 4) AS INTEGER), 1, 4)
                - INTERVAL (isodow(make_date(CAST(left(semaine, 4) AS INTEGER), 1, 4)) - 1) DAY
                + INTERVAL ((CAST(substr(semaine, 7) AS INTEGER) - 1) * 7) DAY AS DATE) AS lundi
    FROM dernieres
)
-- semaine_existe is false for a week 53 of a year that has 52 (the contract cannot know): r04 reports it.
SELECT *, CAST(lundi + INTERVAL 6 DAY AS DATE) AS dimanche, strftime(lundi, '%G-W%V') = semaine AS semaine_existe
FROM semaines
