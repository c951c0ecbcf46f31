-- Rule checks of fiche 2.8 GEP (spec 2.8 §2) as alerts: fiche, operator, record (id_rencontre, id_convention, or
-- id_bilan), rule, severity, detail in French. Caps, rates, delays and the July-August pause come from ref.parametres
-- (per convention: int_f2_8_conventions; otherwise those in force on the meeting's day or the month or quarter
-- checked: int_parametres_en_vigueur), never from literals here.
--   r01 no groupe_echange meeting in July-August; r02 rhythm: gap between consecutive groupe_echange meetings of a
--   group within one convention ≤ 2 months, July-August not counted (avertissement), and the rhythm class of each group over the elapsed
--   months of its convention (info: mensuel / bimestriel; avertissement: irrégulier); r03 a temps_information in each
--   elapsed quarter of the convention; r04 ≤ 15 participants in presentiel (2025 conventions only); r05 accueil café
--   ≤ 300 € per group (budget lines and meetings), on temps_information meetings only; r06 amount and expenses ≤
--   20 000 € per group; r07 bilan final ≤ 6 months after the end; r08 a comité de suivi per convention; r09 groups
--   and one convention per group at a time, meetings inside a convention; r10 participants listed = nb_participants;
--   r11 advance = 60 % (macros/alertes_avance.sql).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11)
WITH parametres AS (
    SELECT du, au,
        max(valeur) FILTER (WHERE parametre = 'ecart_max_rencontres_mois') AS ecart_max,
        max(valeur) FILTER (WHERE parametre = 'mois_sans_rencontre_debut') AS ete_debut,
        max(valeur) FILTER (WHERE parametre = 'mois_sans_rencontre_fin') AS ete_fin,
        max(valeur) FILTER (WHERE parametre = 'temps_information_par_trimestre') AS ti_par_trimestre
    FROM int_parametres_en_vigueur WHERE fiche = 'f2_8_gep'
    GROUP BY du, au
),
echanges AS (
    SELECT r.*, year(r.date) * 12 + month(r.date) - 1 AS rang_mois,
           lag(year(r.date) * 12 + month(r.date) - 1) OVER (PARTITION BY r.code_operateur, r.territoire_groupe, r.id_convention ORDER BY r.date, r.id_rencontre) AS rang_precedent,
           lag(r.date) OVER (PARTITION BY r.code_operateur, r.territoire_groupe, r.id_convention ORDER BY r.date, r.id_rencontre) AS date_precedente
    FROM int_f2_8_rencontres AS r
    WHERE r.type_rencontre = 'groupe_echange'
),
ecarts AS (
    -- Months from the previous meeting's month to this one's, minus the July-August months strictly between them.
    SELECT e.*,
           e.rang_mois - e.rang_precedent
             - len(list_filter(range(e.rang_precedent + 1, e.rang_mois), x -> x % 12 + 1 BETWEEN p.ete_debut AND p.ete_fin)) AS ecart,
           p.ecart_max
    FROM echanges AS e JOIN parametres AS p ON e.date BETWEEN p.du AND p.au
    WHERE e.rang_precedent IS NOT NULL
),
groupes_conventions AS (
    SELECT c.*, unnest(c.groupes) AS groupe FROM int_f2_8_conventions AS c
),
mois_conventions AS (
    -- Elapsed months of each convention and group (last day ≤ the latest GEP file date), July-August left out,
    -- with whether a groupe_echange meeting of the group took place in it.
    SELECT g.id_convention, g.code_operateur, g.groupe, m.debut,
           EXISTS (SELECT 1 FROM int_f2_8_rencontres AS r
                   WHERE r.code_operateur = g.code_operateur AND r.territoire_groupe = g.groupe AND r.type_rencontre = 'groupe_echange'
                     AND date_trunc('month', r.date) = m.debut) AS couvert
    FROM groupes_conventions AS g
    CROSS JOIN LATERAL (SELECT CAST(unnest(generate_series(date_trunc('month', g.date_debut), date_trunc('month', g.date_fin), INTERVAL 1 MONTH)) AS DATE) AS debut) AS m
    JOIN parametres AS p ON m.debut BETWEEN p.du AND p.au
    WHERE last_day(m.debut) <= g.date_arrete AND month(m.debut) NOT BETWEEN p.ete_debut AND p.ete_fin
),
rythmes AS (
    SELECT id_convention, code_operateur, groupe, count(*) AS mois, count(*) FILTER (WHERE couvert) AS mois_couverts,
           bool_or(NOT couvert AND NOT precedent_couvert) AS trou
    FROM (SELECT *, lag(couvert, 1, true) OVER (PARTITION BY id_convention, groupe ORDER BY debut) AS precedent_couvert FROM mois_conventions)
    GROUP BY ALL
),
trimestres AS (
    SELECT g.id_convention, g.code_operateur, g.groupe, q.k,
           CAST(g.date_debut + to_months(3 * q.k) AS DATE) AS debut, CAST(g.date_debut + to_months(3 * q.k + 3) AS DATE) - 1 AS fin, g.date_arrete
    FROM groupes_conventions AS g
    CROSS JOIN (SELECT unnest(range(0, 4)) AS k) AS q
),
cafe_groupes AS (
    SELECT c.id_convention, c.code_operateur, r.territoire_groupe, c.plafond_accueil_cafe, sum(r.montant_accueil_cafe) AS montant
    FROM int_f2_8_rencontres AS r JOIN int_f2_8_conventions AS c USING (id_convention)
    GROUP BY ALL
),
bilans AS (
    -- The convention's own reports, of the convention or of one of its groups (int_bilans_conventions: a final bilan
    -- on the convention whose end is nearest, a comité de suivi in its period), never last year's.
    SELECT b.id_convention, b.type_document AS type_bilan, min(b.date_remise) AS date_remise, arg_min(b.id_document, b.date_remise) AS id_bilan
    FROM int_bilans_conventions AS b
    WHERE b.fiche = 'f2_8_gep' AND b.source = 'bilans'
    GROUP BY ALL
)
SELECT 'f2_8_gep' AS fiche, code_operateur, id_rencontre AS id_enregistrement, 'r01' AS regle, 'erreur' AS severite,
       format('groupe d''échange du {} (groupe {}) : pas de rencontre en juillet-août', strftime(date, '%d/%m/%Y'), territoire_groupe) AS detail
FROM int_f2_8_rencontres WHERE type_rencontre = 'groupe_echange' AND ete
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_rencontre, 'r02', 'avertissement',
       format('{} mois entre le groupe d''échange du {} et celui du {} (groupe {}, juillet-août non comptés) : {} mois au plus',
              ecart, strftime(date_precedente, '%d/%m/%Y'), strftime(date, '%d/%m/%Y'), territoire_groupe, CAST(ecart_max AS INTEGER))
FROM ecarts WHERE ecart > ecart_max
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r02',
       CASE WHEN mois_couverts = mois THEN 'info' WHEN NOT trou THEN 'info' ELSE 'avertissement' END,
       format('groupe {} : rythme {} ({} mois sur {} avec un groupe d''échange, hors juillet-août)', groupe,
              CASE WHEN mois_couverts = mois THEN 'mensuel' WHEN NOT trou THEN 'bimestriel' ELSE 'irrégulier' END, mois_couverts, mois)
FROM rythmes
UNION ALL
SELECT 'f2_8_gep', t.code_operateur, t.id_convention, 'r03', 'avertissement',
       format('groupe {} : aucun temps d''information du {} au {} (un par trimestre)', t.groupe, strftime(t.debut, '%d/%m/%Y'), strftime(t.fin, '%d/%m/%Y'))
FROM trimestres AS t JOIN parametres AS p ON t.debut BETWEEN p.du AND p.au
WHERE t.fin <= t.date_arrete
  AND (SELECT count(*) FROM int_f2_8_rencontres AS r
       WHERE r.code_operateur = t.code_operateur AND r.territoire_groupe = t.groupe AND r.type_rencontre = 'temps_information'
         AND r.date BETWEEN t.debut AND t.fin) < p.ti_par_trimestre
UNION ALL
SELECT 'f2_8_gep', r.code_operateur, r.id_rencontre, 'r04', 'avertissement',
       format('{} participants en présentiel le {} : {} au plus souhaités (convention {})', r.nb_participants, strftime(r.date, '%d/%m/%Y'),
              CAST(c.participants_max AS INTEGER), c.id_convention)
FROM int_f2_8_rencontres AS r JOIN int_f2_8_conventions AS c USING (id_convention)
WHERE r.modalite = 'presentiel' AND r.nb_participants > c.participants_max
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_rencontre, 'r05', 'erreur',
       format('accueil café de {} € sur une rencontre de type {} : réservé aux temps d''information', montant_fr(montant_accueil_cafe), type_rencontre)
FROM int_f2_8_rencontres WHERE montant_accueil_cafe > 0 AND type_rencontre <> 'temps_information'
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r05', 'erreur',
       format('groupe {} : accueils café déclarés sur les rencontres {} € > {} €', territoire_groupe, montant_fr(montant), montant_fr(plafond_accueil_cafe))
FROM cafe_groupes WHERE montant > plafond_accueil_cafe
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r05', 'erreur',
       format('poste accueil café du compte rendu financier {} € > {} € ({} groupe(s))', montant_fr(accueil_cafe_realise), montant_fr(plafond_accueil_cafe_convention), nb_groupes)
FROM mart_f2_8_financement WHERE accueil_cafe_realise > plafond_accueil_cafe_convention
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r06', 'erreur',
       format('montant conventionné {} € > {} € ({} € par groupe × {} groupe(s))', montant_fr(montant_conventionne), montant_fr(plafond_convention),
              montant_fr(plafond_convention / greatest(nb_groupes, 1)), nb_groupes)
FROM mart_f2_8_financement WHERE montant_conventionne > plafond_convention
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r06', 'erreur',
       format('dépenses retenues {} € > plafond de {} € : seul le plafond est dû', montant_fr(du_service_fait), montant_fr(plafond_convention))
FROM mart_f2_8_financement WHERE du_service_fait > plafond_convention
UNION ALL
SELECT 'f2_8_gep', c.code_operateur, coalesce(b.id_bilan, c.id_convention), 'r07', 'erreur',
       CASE WHEN b.date_remise IS NULL
            THEN format('bilan final manquant : attendu au plus tard le {}', strftime(c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER)), '%d/%m/%Y'))
            ELSE format('bilan final remis le {}, après l''échéance du {} (fin de convention + {} mois)', strftime(b.date_remise, '%d/%m/%Y'),
                        strftime(c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER)), '%d/%m/%Y'), CAST(c.delai_bilan_final_mois AS INTEGER)) END
FROM int_f2_8_conventions AS c
LEFT JOIN bilans AS b ON b.id_convention = c.id_convention AND b.type_bilan = 'bilan_final_action'
WHERE coalesce(b.date_remise, c.date_arrete) > c.date_fin + to_months(CAST(c.delai_bilan_final_mois AS INTEGER))
UNION ALL
SELECT 'f2_8_gep', c.code_operateur, c.id_convention, 'r08', 'avertissement', 'aucun comité de suivi annuel enregistré pour la convention terminée'
FROM int_f2_8_conventions AS c
WHERE c.date_fin <= c.date_arrete
  AND NOT EXISTS (SELECT 1 FROM bilans AS b WHERE b.id_convention = c.id_convention AND b.type_bilan = 'comite_suivi')
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_convention, 'r09', 'erreur',
       format('périmètre {} : les groupes sont artois, audomarois, boulonnais, lens_henin', array_to_string(perimetre, '|'))
FROM int_f2_8_conventions WHERE nb_groupes = 0 OR nb_groupes < len(perimetre)
UNION ALL
SELECT 'f2_8_gep', a.code_operateur, a.id_convention, 'r09', 'erreur',
       format('groupe {} aussi couvert par la convention {} sur la même période : un groupe par territoire', a.groupe, b.id_convention)
FROM groupes_conventions AS a
JOIN groupes_conventions AS b ON a.groupe = b.groupe AND a.id_convention > b.id_convention AND a.date_debut <= b.date_fin AND b.date_debut <= a.date_fin
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_rencontre, 'r09', 'avertissement',
       format('rencontre du {} (groupe {}) hors de toute convention 2.8 de l''opérateur pour ce groupe', strftime(date, '%d/%m/%Y'), territoire_groupe)
FROM int_f2_8_rencontres WHERE id_convention IS NULL
UNION ALL
SELECT 'f2_8_gep', code_operateur, id_rencontre, 'r10', 'avertissement',
       format('{} participants déclarés pour la rencontre, {} dans la liste des participants', nb_participants, nb_declares)
FROM int_f2_8_rencontres WHERE nb_declares IS NOT NULL AND nb_declares <> nb_participants
UNION ALL
SELECT 'f2_8_gep', p.code_operateur, p.id_rencontre, 'r10', 'avertissement', 'participants d''une rencontre inconnue (absente des rencontres transmises)'
FROM (SELECT DISTINCT code_operateur, id_rencontre FROM staging_gep_participations) AS p
WHERE NOT EXISTS (SELECT 1 FROM staging_gep_rencontres AS r WHERE r.code_operateur = p.code_operateur AND r.id_rencontre = p.id_rencontre)
UNION ALL
SELECT * FROM alertes_avance('r11', int_f2_8_conventions, staging_versements)
