-- The real figures of the 2023 deliberation (seed 002, n°2023-326 of 3 July 2023), kept apart from anything the
-- operators' files or the demo data produce: every row says source = 'reel_seed_002'. DIHAL credits by AMI and year
-- with their totals (the « / » of AMI 2 before 2021 is no row, not a zero), the 2023 État convention and the facts
-- of the 2018-2022 activity report. The verbatim sentence and its line in the seed are in sources/reference/hist_*.csv.
-- test: unique(theme, code, periode)
-- test: not_null(theme, code, periode, valeur, unite, source)
-- test: accepted_values(source: reel_seed_002)
-- test: expression(theme <> 'credits_dihal' OR code <> 'total' OR periode <> '2018-2022' OR valeur = 4810633)
WITH credits AS (
    SELECT ami, annee, valeur FROM ref.hist_credits_dihal
)
SELECT 'credits_dihal' AS theme, ami AS code, annee AS periode, valeur, 'euros' AS unite, 'reel_seed_002' AS source FROM credits
UNION ALL
SELECT 'credits_dihal', ami, min(annee) || '-' || max(annee), sum(valeur), 'euros', 'reel_seed_002' FROM credits GROUP BY ami
UNION ALL
SELECT 'credits_dihal', 'total', annee, sum(valeur), 'euros', 'reel_seed_002' FROM credits GROUP BY annee
UNION ALL
SELECT 'credits_dihal', 'total', '2018-2022', sum(valeur), 'euros', 'reel_seed_002' FROM credits
UNION ALL
SELECT 'convention_etat_2023', champ, '2023', valeur, unite, source FROM ref.hist_convention_etat_2023 WHERE champ <> 'annee'
UNION ALL
SELECT 'faits_lda_2018_2022', code, perimetre, valeur, unite, source FROM ref.hist_lda_faits
ORDER BY ALL
