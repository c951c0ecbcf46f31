-- What each operator owes the observatory, and by when: one row per expected submission.
-- Grain: one row per (code_operateur, nature, document, objet). Spec: issue 17 point 2; the fiches' reporting rules:
--   releve_mensuel  the monthly count, « au mois le mois, et transmis au coordinateur Logement d'abord » (2.4-2.7:
--                   lda_mois_mesures, one file for all the operator's Logement d'abord conventions) and « Les
--                   accompagnements seront à comptabiliser mensuellement » (2.12: pe_prestations): one file per month
--                   a convention covers, from its first month to the month holding the reference date; due the last
--                   day of the month + delai_releve_mensuel_mois (ref_parametres: 1, the month after);
--   bilan_mesure    the bilans at 6 and 12 months of each Logement d'abord measure (2.4 r05; 2.7 by reference to 2.4
--                   for ADSL, 2.5 for VIAL, as mart_lda_alertes), expected once the measure reaches that length (a
--                   measure still running is expected to: the bilan is « à venir » until its date); due on that day,
--                   no tolerance (« tolerance configurable (no figure in the seed) »);
--   bilan_final     a bilan_final_action per convention (every fiche's « bilan d'activité » / « bilan final »); due
--                   date_fin + delai_bilan_final_mois where the fiche has one (2.8, 2.9: 6 months), else the
--                   convention's last day (« no deadline in the seed »: the end of the exercise, as 2.11 r08 says);
--   compte_rendu_financier  for each convention paid « avance et solde » (the solde depends on it), due with its bilan final.
-- Interpretations: a monthly file is the operator's file whose period is that month (AAAA-MM or a day of it); a later
-- cumulative file does not stand for an earlier month. Months and measures are those known by the reference date
-- (date_reference(), sql/macros/periodes_conventions.sql); conventions are all listed, later deadlines « à venir ».
-- test: unique(code_operateur, nature, document, objet)
-- test: not_null(code_operateur, fiche, nature, document, libelle_document, objet, echeance)
-- test: accepted_values(nature: releve_mensuel, bilan_mesure, bilan_final, compte_rendu_financier)
WITH ref AS (SELECT date_reference() AS date_reference),
releves AS (
    -- The table each fiche counts monthly in.
    SELECT * FROM (VALUES ('f2_4_adsl', 'lda_mois_mesures'), ('f2_5_vial', 'lda_mois_mesures'), ('f2_6_envaul', 'lda_mois_mesures'),
                          ('f2_7_lda_extension', 'lda_mois_mesures'), ('f2_12_prevention_pe', 'pe_prestations')) AS t(fiche, table_rapport)
),
mois_conventions AS (
    SELECT c.code_operateur, c.fiche, c.id_convention, r.table_rapport, CAST(m.mois AS DATE) AS mois,
           CAST(p.valeur AS INTEGER) AS delai
    FROM staging_conventions AS c
    JOIN releves AS r USING (fiche)
    JOIN int_parametres_conventions AS p ON p.id_convention = c.id_convention AND p.parametre = 'delai_releve_mensuel_mois'
    CROSS JOIN ref
    CROSS JOIN LATERAL generate_series(date_trunc('month', c.date_debut), date_trunc('month', least(c.date_fin, ref.date_reference)), INTERVAL 1 MONTH) AS m(mois)
),
releves_attendus AS (
    -- One file a month for all the operator's conventions that count in the same table (ADSL, VIAL, ENVAUL…).
    SELECT code_operateur, min(fiche) AS fiche, string_agg(DISTINCT id_convention, ', ' ORDER BY id_convention) AS id_convention,
           'releve_mensuel' AS nature, table_rapport AS document,
           CASE table_rapport WHEN 'lda_mois_mesures' THEN 'relevé mensuel des mois-mesures Logement d''abord'
                              ELSE 'relevé mensuel des prestations de prévention de la précarité énergétique' END AS libelle_document,
           strftime(mois, '%Y-%m') AS objet,
           min(last_day(mois + to_months(delai))) AS echeance
    FROM mois_conventions
    GROUP BY code_operateur, table_rapport, mois
),
mesures AS (
    SELECT s.fiche, s.code_operateur, s.id_mesure, s.date_debut, s.date_fin,
           max(p.valeur) FILTER (WHERE p.parametre = 'bilan_6m_mois') AS bilan_6m,
           max(p.valeur) FILTER (WHERE p.parametre = 'bilan_12m_mois') AS bilan_12m
    FROM staging_lda_mesures AS s
    JOIN int_parametres_en_vigueur AS p
      ON p.fiche = CASE WHEN s.fiche <> 'f2_7_lda_extension' THEN s.fiche WHEN s.dispositif = 'vial' THEN 'f2_5_vial' ELSE 'f2_4_adsl' END
     AND s.date_debut BETWEEN p.du AND p.au
    CROSS JOIN ref
    WHERE s.date_debut <= ref.date_reference
    GROUP BY ALL
),
bilans_mesures AS (
    SELECT m.code_operateur, m.fiche, c.id_convention, 'bilan_mesure' AS nature, b.type_bilan AS document,
           format('bilan à {} mois de la mesure', CAST(b.mois AS INTEGER)) AS libelle_document,
           m.id_mesure AS objet, CAST(m.date_debut + to_months(CAST(b.mois AS INTEGER)) AS DATE) AS echeance
    FROM mesures AS m
    CROSS JOIN LATERAL (VALUES ('bilan_6m', m.bilan_6m), ('bilan_12m', m.bilan_12m)) AS b(type_bilan, mois)
    LEFT JOIN int_alertes_conventions AS c ON c.fiche = m.fiche AND c.code_operateur = m.code_operateur AND c.id_enregistrement = m.id_mesure
    -- A measure has run N months once date_debut + N months is at most the day after its last day (mart_lda_alertes r05).
    WHERE b.mois IS NOT NULL AND (m.date_fin IS NULL OR m.date_debut + to_months(CAST(b.mois AS INTEGER)) <= m.date_fin + 1)
),
conventions AS (
    SELECT c.*, p.valeur AS delai_bilan_final
    FROM staging_conventions AS c
    LEFT JOIN int_parametres_conventions AS p ON p.id_convention = c.id_convention AND p.parametre = 'delai_bilan_final_mois'
),
documents_conventions AS (
    SELECT code_operateur, fiche, id_convention, 'bilan_final' AS nature, 'bilan_final_action' AS document,
           'bilan final d''activité de la convention' AS libelle_document, id_convention AS objet,
           CAST(date_fin + to_months(CAST(coalesce(delai_bilan_final, 0) AS INTEGER)) AS DATE) AS echeance
    FROM conventions
    UNION ALL
    SELECT code_operateur, fiche, id_convention, 'compte_rendu_financier', 'comptes_rendus_financiers',
           'compte rendu financier de la convention', id_convention,
           CAST(date_fin + to_months(CAST(coalesce(delai_bilan_final, 0) AS INTEGER)) AS DATE)
    FROM conventions
    WHERE mode_versement = 'avance_et_solde'
)
SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, echeance FROM releves_attendus
UNION ALL
SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, echeance FROM bilans_mesures
UNION ALL
SELECT code_operateur, fiche, id_convention, nature, document, libelle_document, objet, echeance FROM documents_conventions
