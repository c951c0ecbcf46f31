-- Fiche 2.10 (équipes mobiles de prévention des expulsions) indicators (spec 2.10 §3) by calendar year and month,
-- for each of the five AMI territories, each AMI and the département ('62'): int_f2_10_faits (what each indicator
-- counts) published by publier_indicateurs. Every figure is a distinct count, recounted at each level (a landlord
-- contacted about households of two territories counts once in the département). Each indicator's total (ventilation
-- 'ensemble') is published as 0 for every period and territory of the AMI 1 and 2 when nothing happened (catalogue
-- `cellule_absente`); the fiche works there only (appartenances_perimetre).
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
-- test: accepted_values(type_periode: annee, mois, convention)
-- test: accepted_values(indicateur: i01, i01_non_eligibles, i02, i02_actes, i03, i03_contacts)
WITH territoires AS (
    SELECT list(code ORDER BY code) AS codes FROM ref.territoires_lda WHERE ami IN ('ami1', 'ami2')
),
perimetre AS (
    SELECT * FROM appartenances_perimetre('f2_10_equipes_mobiles', int_territoires_appartenances, (SELECT codes FROM territoires))
)
SELECT * FROM publier_indicateurs('f2_10_equipes_mobiles', int_f2_10_faits, int_f2_10_periodes, perimetre)
