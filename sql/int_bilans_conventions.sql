-- The convention each convention-level report is on (issue 14 point 7), one rule for every fiche's « a bilan exists
-- for the convention » checks (2.1 r05, 2.2 r06, 2.8 r07-r08, 2.9 r03-r04, 2.13 r02): a report is matched to ONE
-- convention, so last year's final report never satisfies this year's convention.
-- Grain: one row per report document of an operator about a convention or a GEP group — bilans with objet
-- convention or groupe (spec §0.4: id_objet = id_convention or the group code), and 2.9's livrable_final
-- (obs_livrables, remitted for the observatory's convention) — that some convention of its fiche and operator covers.
-- Interpretation (the contract bilans has no period column, only id_objet and date_remise):
--   1. objet = convention and id_objet is a convention of the same fiche and operator: that convention, whatever the date;
--   2. otherwise among the operator's conventions of the fiche (for objet = groupe, those whose perimetre holds the
--      group): a final report (bilan_final_action, compte_rendu_financier, livrable_final) reports on the period it
--      closes, written « en fin d'exercice », just before or after the end: the convention whose end is nearest to the
--      remittance date (the earlier on a tie). Any other document (comité de suivi, bilan intermédiaire) is on the
--      convention whose period holds its date (the one that started last should two hold it).
-- A document matched by neither rule (a date outside every convention, an unknown group) is absent: it satisfies no
-- convention, and the rule that expects it says so.
-- test: unique(fiche, code_operateur, source, id_document)
-- test: not_null(fiche, code_operateur, source, id_document, type_document, date_remise, id_convention, rapprochement)
-- test: accepted_values(rapprochement: identifiant, fin_la_plus_proche, periode)
WITH documents AS (
    SELECT fiche, code_operateur, 'bilans' AS source, id_bilan AS id_document, type_bilan AS type_document, objet, id_objet,
           date_remise, destinataires
    FROM staging_bilans
    WHERE objet IN ('convention', 'groupe')
    UNION ALL
    SELECT 'f2_9_observatoire_jeunes', code_operateur, 'obs_livrables', id_livrable, type_livrable, 'convention', NULL, date, NULL
    FROM staging_obs_livrables
    WHERE type_livrable = 'livrable_final'
),
identifies AS (
    SELECT d.*, c.id_convention, 'identifiant' AS rapprochement
    FROM documents AS d
    JOIN staging_conventions AS c ON c.id_convention = d.id_objet AND c.fiche = d.fiche AND c.code_operateur = d.code_operateur
    WHERE d.objet = 'convention'
),
dates AS (
    SELECT d.*, c.id_convention,
           CASE WHEN d.type_document IN ('bilan_final_action', 'compte_rendu_financier', 'livrable_final') THEN 'fin_la_plus_proche' ELSE 'periode' END AS rapprochement
    FROM documents AS d
    JOIN staging_conventions AS c
      ON c.fiche = d.fiche AND c.code_operateur = d.code_operateur
     AND (d.objet <> 'groupe' OR list_contains(c.perimetre, d.id_objet))
    WHERE NOT EXISTS (SELECT 1 FROM identifies AS i WHERE i.source = d.source AND i.code_operateur = d.code_operateur AND i.id_document = d.id_document)
      AND (d.type_document IN ('bilan_final_action', 'compte_rendu_financier', 'livrable_final') OR d.date_remise BETWEEN c.date_debut AND c.date_fin)
    QUALIFY row_number() OVER (
        PARTITION BY d.fiche, d.code_operateur, d.source, d.id_document
        ORDER BY CASE WHEN d.type_document IN ('bilan_final_action', 'compte_rendu_financier', 'livrable_final') THEN abs(d.date_remise - c.date_fin) ELSE 0 END,
                 CASE WHEN d.type_document IN ('bilan_final_action', 'compte_rendu_financier', 'livrable_final') THEN c.date_fin END,
                 c.date_debut DESC, c.id_convention) = 1
)
SELECT fiche, code_operateur, source, id_document, type_document, objet, id_objet, date_remise, destinataires, id_convention, rapprochement
FROM identifies
UNION ALL
SELECT fiche, code_operateur, source, id_document, type_document, objet, id_objet, date_remise, destinataires, id_convention, rapprochement
FROM dates
