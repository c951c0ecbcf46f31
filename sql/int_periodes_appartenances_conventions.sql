-- Period hierarchy, convention part (issue 13 item 1): every month of a convention period → that period, per fiche
-- (int_periodes_conventions). Beside int_periodes_appartenances (month → calendar year, a calendar that reads no
-- data), so that the hierarchies the statistical secret reads on a hand-made mart need no conventions.
-- Grain: one row per (fiche, month, convention period). One fiche's periods may overlap (2.8: November 2025 to
-- October 2026 for Lens-Hénin and Artois, December 2025 to November 2026 for Boulogne and Audomarois), so a month can
-- belong to two periods of one fiche, never to two periods of one convention perimeter, an operator on a territory
-- (an operator's conventions may overlap on two territories — ASSO-GEP-01 on Lens-Hénin and on Artois —, never on one).
-- A convention period's figure is the sum of its months' for indicators the catalogue marks lie_mois, as a year's.
-- test: unique(fiche, periode, periode_parent)
-- test: not_null(fiche, periode, type_periode, periode_parent, type_periode_parent, perimetres)
-- test: accepted_values(type_periode_parent: convention)
-- test: expression(NOT EXISTS (SELECT 1 FROM int_periodes_appartenances_conventions AS o WHERE o.fiche = int_periodes_appartenances_conventions.fiche AND o.periode = int_periodes_appartenances_conventions.periode AND o.periode_parent <> int_periodes_appartenances_conventions.periode_parent AND list_has_any(o.perimetres, int_periodes_appartenances_conventions.perimetres)))
-- test: expression((SELECT count(*) FROM int_periodes_appartenances_conventions AS o WHERE o.fiche = int_periodes_appartenances_conventions.fiche AND o.periode_parent = int_periodes_appartenances_conventions.periode_parent) = (SELECT date_diff('month', c.debut, c.fin) + 1 FROM int_periodes_conventions AS c WHERE c.fiche = int_periodes_appartenances_conventions.fiche AND c.periode = int_periodes_appartenances_conventions.periode_parent))
SELECT c.fiche, strftime(m.mois, '%Y-%m') AS periode, 'mois' AS type_periode, c.periode AS periode_parent, c.type_periode AS type_periode_parent, c.perimetres
FROM int_periodes_conventions AS c
CROSS JOIN LATERAL (SELECT unnest(generate_series(c.debut, c.fin, INTERVAL 1 MONTH)) AS mois) AS m
