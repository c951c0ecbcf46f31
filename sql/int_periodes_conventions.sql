-- Convention periods (spec §A.4: « indicators are computed per convention period, per calendar year and per month »):
-- the period type `convention`, one period per fiche and pair of convention dates, shared by the conventions of that
-- fiche with those dates (2.8 Lens-Hénin and Artois 2025, or the three AMI 2 operators of 2.4, are one period).
-- Grain: one row per (fiche, periode). Code « AAAA-MM/AAAA-MM », first and last month: it sorts by start and reads as
-- a range; the label (« convention de nov. 2026 à oct. 2027 ») is pipelines/extraits/libelles.ts's.
-- Interpretation (sources/reference/README.md, « Périodes de convention »): a convention period is a period of dates,
-- like a year: its figures count every act of the fiche dated inside it, in every territory the fiche publishes,
-- whatever the operator's own convention. A convention's bilan reads its period's row on its perimeter (the LDA
-- territory, lot or GEP group it names; the département for 2.3); a territory or the département whose operators'
-- conventions have other dates (AMI 1 beside AMI 2, GEP Lens-Hénin beside Artois) shows the acts of those dates all
-- the same. So the figures of a convention period are the sums or distinct counts of its months, exactly, in every
-- cell, and the statistical secret links them as it links a year (int_periodes_appartenances_conventions).
-- A convention running 1 January to 31 December is its calendar year: the year rows are its figures, and no
-- convention period repeats them (the same figures under two codes could be masked in one and not the other).
-- `operateurs`, `perimetres` (« operator/territory » pairs) and `conventions` name the conventions sharing the period
-- (for the hierarchy's tests and the bilans).
-- test: unique(fiche, periode)
-- test: not_null(fiche, type_periode, periode, debut, fin, operateurs, perimetres, conventions)
-- test: expression(debut <= fin)
-- test: expression(debut = date_trunc('month', debut) AND fin = last_day(fin))
-- test: expression(periode = strftime(debut, '%Y-%m') || '/' || strftime(fin, '%Y-%m'))
SELECT fiche, 'convention' AS type_periode, strftime(date_debut, '%Y-%m') || '/' || strftime(date_fin, '%Y-%m') AS periode,
       date_debut AS debut, date_fin AS fin,
       list(DISTINCT code_operateur ORDER BY code_operateur) AS operateurs,
       list_sort(list_distinct(flatten(list(list_transform(perimetre, t -> code_operateur || '/' || t))))) AS perimetres,
       list(id_convention ORDER BY id_convention) AS conventions
FROM staging_conventions
WHERE NOT (date_debut = make_date(year(date_debut), 1, 1) AND date_fin = make_date(year(date_debut), 12, 31))
GROUP BY fiche, date_debut, date_fin
