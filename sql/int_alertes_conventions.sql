-- The convention each alert falls under (issue 15 point 8: an alert names its rule and its convention).
-- Grain: one row per record (fiche, code_operateur, id_enregistrement) that a convention covers; mart_alertes joins it.
-- Interpretation: the record an alert names is found among the records of its fiche and operator (staging models,
-- keyed as the alert models key them); its convention is the operator's convention of that fiche whose period holds
-- the record's act date (a measure's or accompaniment's start, a Logement d'abord sécurisation request's day, in its
-- measure's place, a session's, meeting's or consultation's day, a payment's convention as paid, a bilan's object) and, where the record says where it happens (Logement d'abord
-- territory, 2.8 group, 2.11/2.12 lot), whose perimetre holds that place (or the whole département). A convention named as the record is itself.
-- A record dated outside every convention of its operator has none (on the demo build: 2.1 r02, 2.13 r06 « hors
-- période »; ASTRE measures and saisines begun before the first ASTRE convention, 2.3 r02-r08; a 2.9 cohort wave
-- before the convention, r06), and neither has a record absent from the files it refers to (a Logement d'abord
-- monthly count or a bilan of a measure no measures file has: fiche « inconnue » r07, r05; 2.8 r10 participants of
-- an unknown meeting), a declared bilan (declare_*: a cell, not a record) or a département-wide check (id 'ensemble':
-- 2.11 r03 total): mart_alertes leaves id_convention NULL for them.
-- Composite ids (2.11 « session|participant », 2.12 « ménage|mois ») are found by their first part.
-- Should two conventions of the same fiche, operator and place hold the same day, the one that started last is taken.
-- test: unique(fiche, code_operateur, id_enregistrement)
-- test: not_null(fiche, code_operateur, id_enregistrement, id_convention)
WITH enregistrements AS (
    SELECT fiche, code_operateur, id_mesure AS id, date_debut AS date_acte, territoire_lda AS lieu FROM staging_lda_mesures
    UNION ALL SELECT 'f2_6_envaul', s.code_operateur, s.id_subside, s.date, NULL FROM staging_envaul_subsides AS s
    UNION ALL SELECT m.fiche, s.code_operateur, s.id_demande, s.date_demande, m.territoire_lda
    FROM staging_lda_securisation AS s JOIN staging_lda_mesures AS m USING (cle_mesure)
    UNION ALL SELECT 'f2_1_information', code_operateur, id_consultation, date_consultation, NULL FROM staging_info_consultations
    UNION ALL SELECT 'f2_1_information', code_operateur, id_permanence, date, NULL FROM staging_info_permanences
    UNION ALL SELECT 'f2_1_information', code_operateur, id_action, date, NULL FROM staging_info_actions_information
    UNION ALL SELECT 'f2_2_numero_vert', code_operateur, id_consultation, date_consultation, NULL FROM staging_nv_consultations
    UNION ALL SELECT 'f2_2_numero_vert', code_operateur, id_permanence, date, NULL FROM staging_nv_permanences
    UNION ALL SELECT 'f2_2_numero_vert', code_operateur, id_participation, date, NULL FROM staging_nv_instances
    UNION ALL SELECT 'f2_2_numero_vert', code_operateur, id_action, date, NULL FROM staging_nv_actions_specifiques
    UNION ALL SELECT 'f2_3_astre', code_operateur, id_mesure, date_debut, NULL FROM staging_astre_mesures
    UNION ALL SELECT 'f2_3_astre', code_operateur, id_saisine, coalesce(date_decision, date_identification), NULL FROM staging_astre_saisines
    UNION ALL SELECT 'f2_8_gep', code_operateur, id_rencontre, date, territoire_groupe FROM staging_gep_rencontres
    UNION ALL SELECT 'f2_9_observatoire_jeunes', code_operateur, id_jeune, min(date_observation), NULL FROM staging_obs_cohorte GROUP BY ALL
    UNION ALL SELECT 'f2_9_observatoire_jeunes', code_operateur, id_rencontre, date, NULL FROM staging_obs_rencontres
    UNION ALL SELECT 'f2_9_observatoire_jeunes', code_operateur, id_livrable, date, NULL FROM staging_obs_livrables
    UNION ALL SELECT 'f2_10_equipes_mobiles', code_operateur, id_intervention, date_signalement, territoire_lda FROM staging_em_interventions
    UNION ALL SELECT 'f2_10_equipes_mobiles', code_operateur, id_contact, date_contact, NULL FROM staging_em_contacts_bailleurs
    UNION ALL SELECT 'f2_11_sensibilisation_pe', code_operateur, id_session, date, lot FROM staging_sens_sessions
    UNION ALL SELECT 'f2_12_prevention_pe', code_operateur, id_menage, date_debut, lot FROM staging_pe_menages
    UNION ALL SELECT 'f2_12_prevention_pe', p.code_operateur, p.id_prestation, p.date_prestation, m.lot
    FROM staging_pe_prestations AS p LEFT JOIN staging_pe_menages AS m USING (code_operateur, id_menage)
    UNION ALL SELECT 'f2_12_prevention_pe', code_operateur, id_action, date, NULL FROM staging_pe_actions_innovantes
    UNION ALL SELECT 'f2_13_gens_du_voyage', code_operateur, id_reunion, date, NULL FROM staging_gdv_reunions
    UNION ALL SELECT 'f2_13_gens_du_voyage', code_operateur, id_action, date, NULL FROM staging_gdv_habitat_adapte
    UNION ALL SELECT 'f2_13_gens_du_voyage', code_operateur, id_passage, coalesce(date_arrivee, date_arrivee_prevue), NULL FROM staging_gdv_grands_passages
    UNION ALL SELECT 'f2_13_gens_du_voyage', code_operateur, id_saisine, date, NULL FROM staging_gdv_saisines_familles
    UNION ALL SELECT 'f2_13_gens_du_voyage', code_operateur, id_sollicitation, date, NULL FROM staging_gdv_sollicitations_collectivites
),
-- A convention is its own; a payment, its convention; a bilan, the convention it is on or its object's.
directes AS (
    SELECT fiche, code_operateur, id_convention AS id, id_convention FROM staging_conventions
    UNION ALL
    SELECT c.fiche, c.code_operateur, v.id_versement, v.id_convention
    FROM staging_versements AS v JOIN staging_conventions AS c USING (id_convention)
    UNION ALL
    SELECT b.fiche, b.code_operateur, b.id_bilan, b.id_objet
    FROM staging_bilans AS b JOIN staging_conventions AS c ON c.id_convention = b.id_objet AND c.fiche = b.fiche
    WHERE b.objet = 'convention'
),
-- Any other record: the convention in force on its act date, in its place.
datees AS (
    SELECT e.fiche, e.code_operateur, e.id, c.id_convention
    FROM (
        SELECT * FROM enregistrements
        UNION ALL
        SELECT b.fiche, b.code_operateur, b.id_bilan, e.date_acte, e.lieu
        FROM staging_bilans AS b
        JOIN enregistrements AS e ON e.fiche = b.fiche AND e.code_operateur = b.code_operateur AND e.id = b.id_objet
        WHERE b.objet <> 'convention'
    ) AS e
    JOIN staging_conventions AS c
      ON c.fiche = e.fiche AND c.code_operateur = e.code_operateur AND e.date_acte BETWEEN c.date_debut AND c.date_fin
     AND (e.lieu IS NULL OR list_contains(c.perimetre, e.lieu) OR list_contains(c.perimetre, 'departement'))
    QUALIFY row_number() OVER (PARTITION BY e.fiche, e.code_operateur, e.id ORDER BY c.date_debut DESC, c.id_convention) = 1
)
SELECT fiche, code_operateur, id AS id_enregistrement, id_convention FROM directes
UNION ALL
SELECT fiche, code_operateur, id, id_convention FROM datees
