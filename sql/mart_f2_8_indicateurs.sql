-- Fiche 2.8 « Groupes d'échange de pratiques santé mentale » indicators (spec 2.8 §3) by calendar year and month, for
-- each GEP group (niveau 'territoire_lda': the groups are the Logement d'abord territories artois, audomarois,
-- boulonnais, lens_henin), their AMI (ami1: artois, lens_henin; ami2: audomarois, boulonnais: the 2.8 conventions
-- follow the AMI) and the whole département ('62'): int_f2_8_faits (what each indicator counts) published by
-- publier_indicateurs. Counts are published for every period, group, their AMI and '62' in their « ensemble » row (0
-- when nothing happened, catalogue `cellule_absente`; the fiche works on these four groups only:
-- appartenances_perimetre); means have no value without a meeting and stay absent then.
-- test: unique(fiche, indicateur, periode, territoire, ventilation, modalite)
-- test: not_null(fiche, indicateur, periode, type_periode, territoire, niveau_territoire, ventilation, modalite, valeur, unite)
-- test: expression(valeur >= 0)
-- test: accepted_values(niveau_territoire: departement, ami, territoire_lda)
-- test: accepted_values(type_periode: annee, mois, convention)
WITH perimetre AS (
    SELECT * FROM appartenances_perimetre('f2_8_gep', int_territoires_appartenances, ['artois', 'audomarois', 'boulonnais', 'lens_henin'])
)
SELECT * FROM publier_indicateurs('f2_8_gep', int_f2_8_faits, int_f2_8_periodes, perimetre)
