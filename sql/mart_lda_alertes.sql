-- Rule checks of the Logement d'abord fiches (spec 2.4 §2, 2.5 r03, 2.6 r13-r16) as alerts a person can follow up:
-- which fiche, operator and record, which rule, how serious, and what is wrong (in French). Durations, ages and caps
-- come from ref.parametres, never from literals here: those in force on the day the measure starts, or the convention
-- starts (int_parametres_en_vigueur).
-- id_enregistrement is the record to look at: id_mesure, or id_bilan (r05 on a bilan), id_demande (r08 on a
-- sécurisation request), or id_convention (r08 on the convention's unused part, r09, r10).
-- test: not_null(fiche, code_operateur, id_enregistrement, regle, severite, detail)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(regle: r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15, r16)
WITH parametres AS (SELECT * FROM int_parametres_en_vigueur),
p AS (
    SELECT fiche, du, au,
        max(valeur) FILTER (WHERE parametre = 'duree_initiale_mois') AS duree_initiale,
        max(valeur) FILTER (WHERE parametre = 'duree_renouvellement_max_mois') AS renouvellement_max,
        max(valeur) FILTER (WHERE parametre = 'renouvellement_cumule_max_mois') AS renouvellement_cumule_max,
        max(valeur) FILTER (WHERE parametre = 'duree_max_mois') AS duree_max,
        max(valeur) FILTER (WHERE parametre = 'derogation_max_mois') AS derogation_max,
        max(valeur) FILTER (WHERE parametre = 'duree_max_derogation_mois') AS duree_max_derogation,
        max(valeur) FILTER (WHERE parametre = 'bilan_6m_mois') AS bilan_6m,
        max(valeur) FILTER (WHERE parametre = 'bilan_12m_mois') AS bilan_12m,
        max(valeur) FILTER (WHERE parametre = 'taux_avance') AS taux_avance,
        max(valeur) FILTER (WHERE parametre = 'rencontres_min_semaine') AS rencontres_min,
        max(valeur) FILTER (WHERE parametre = 'visites_domicile_min_semaine') AS visites_min,
        max(valeur) FILTER (WHERE parametre = 'plafond_securisation_par_demande') AS plafond_securisation,
        max(valeur) FILTER (WHERE parametre = 'plafond_charges_directes_indirectes') AS plafond_charges
    FROM parametres
    GROUP BY fiche, du, au
),
envaul AS (
    -- ENVAUL's own rules apply to every ENVAUL measure, even one wrongly placed on a 2.7 territory.
    SELECT du, au,
           max(valeur) FILTER (WHERE parametre = 'age_max_envaul') AS age_max,
           max(valeur) FILTER (WHERE parametre = 'age_min_envaul') AS age_min,
           max(valeur) FILTER (WHERE parametre = 'plafond_subsides_12_mois_envaul') AS plafond_subsides
    FROM parametres WHERE fiche = 'f2_6_envaul'
    GROUP BY du, au
),
duree AS (
    -- Length of a measure in months, a started month counting in full: its number of mois-mesures (§0.5), up to
    -- date_fin or, for a running measure, the snapshot date.
    SELECT cle_mesure, count(*) AS mois FROM int_lda_mois_mesures GROUP BY ALL
),
m AS (
    SELECT s.*, p.* EXCLUDE (fiche, du, au), envaul.* EXCLUDE (du, au),
        coalesce(d.mois, 0) AS duree_mois,
        coalesce(s.mois_renouvellement, 0) AS renouvellement,
        coalesce(s.derogation_mois, 0) AS derogation
    FROM staging_lda_mesures AS s
    -- A measure sent before it starts has no mois-mesure yet.
    LEFT JOIN duree AS d USING (cle_mesure)
    JOIN envaul ON s.date_debut BETWEEN envaul.du AND envaul.au
    -- 2.7 refers to fiche 2.4 for ADSL and to fiche 2.5 for VIAL (« pour le VIAL, la fiche 2.5 »); its bilans
    -- (6 and 12 months) are the same.
    JOIN p ON p.fiche = CASE WHEN s.fiche <> 'f2_7_lda_extension' THEN s.fiche
                             WHEN s.dispositif = 'vial' THEN 'f2_5_vial' ELSE 'f2_4_adsl' END
     AND s.date_debut BETWEEN p.du AND p.au
),
mesures AS (
    -- r02: the contract is signed before the measure starts, and sent to the coordinator to activate it.
    SELECT fiche, code_operateur, id_mesure, 'r02' AS regle, 'erreur' AS severite,
           format('contrat signé le {} après le début de la mesure ({})', strftime(date_signature_contrat, '%d/%m/%Y'), strftime(date_debut, '%d/%m/%Y')) AS detail
    FROM m WHERE date_signature_contrat > date_debut
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r02', 'avertissement',
           CASE WHEN date_envoi_contrat_coordinateur IS NULL THEN 'contrat non transmis au coordinateur Logement d''abord'
                ELSE format('contrat transmis au coordinateur le {}, après le début de la mesure ({})',
                            strftime(date_envoi_contrat_coordinateur, '%d/%m/%Y'), strftime(date_debut, '%d/%m/%Y')) END
    FROM m WHERE date_envoi_contrat_coordinateur IS NULL OR date_envoi_contrat_coordinateur > date_debut
    UNION ALL
    -- r03: each renewal at most 6 months, at most 12 in all, with the coordinator's opinion.
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('{} mois de renouvellement pour {} renouvellement(s) : {} mois au plus par renouvellement, {} mois au total',
                  renouvellement, coalesce(nb_renouvellements, 0), CAST(renouvellement_max AS INTEGER), CAST(renouvellement_cumule_max AS INTEGER))
    FROM m WHERE renouvellement > renouvellement_max * coalesce(nb_renouvellements, 0) OR renouvellement > renouvellement_cumule_max
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur', 'mesure renouvelée sans avis du coordinateur'
    FROM m WHERE (renouvellement > 0 OR nb_renouvellements > 0) AND avis_coordinateur_renouvellement IS NOT TRUE
    UNION ALL
    -- r03 (2.5): a derogation only for VIAL, after the 12 renewal months, at most 6 months, with the coordinator's
    -- and the chef SLISL's agreement.
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('dérogation de {} mois non conforme : VIAL seulement, après {} mois de renouvellement, {} mois au plus, avec l''accord du coordinateur et du chef SLISL',
                  derogation, CAST(renouvellement_cumule_max AS INTEGER), CAST(coalesce(derogation_max, 0) AS INTEGER))
    FROM m
    WHERE derogation > 0
      AND (dispositif <> 'vial' OR derogation > derogation_max OR renouvellement < renouvellement_cumule_max
           OR accord_derogation_coordinateur_slisl IS NOT TRUE)
    UNION ALL
    -- r03: total length ≤ 12 + renewal months (+ derogation), and never beyond 24 months (30 with a VIAL derogation).
    SELECT fiche, code_operateur, id_mesure, 'r03', 'erreur',
           format('durée de {} mois au-delà des {} mois permis ({} + {} de renouvellement{}, {} au plus)', duree_mois,
                  CAST(permis AS INTEGER), CAST(duree_initiale AS INTEGER), renouvellement,
                  CASE WHEN derogation > 0 THEN format(' + {} de dérogation', derogation) ELSE '' END, CAST(plafond AS INTEGER))
    FROM (
        SELECT *,
               CASE WHEN derogation > 0 AND dispositif = 'vial' THEN duree_max_derogation ELSE duree_max END AS plafond,
               least(duree_initiale + renouvellement + derogation,
                     CASE WHEN derogation > 0 AND dispositif = 'vial' THEN duree_max_derogation ELSE duree_max END) AS permis
        FROM m
    )
    WHERE duree_mois > permis
    UNION ALL
    -- r05: a bilan at 6 and at 12 months for every measure that has run that long. A measure has run N months once
    -- date_debut + N months is at most the day after its last day (or the snapshot date).
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r05', 'avertissement',
           format('{} manquant : la mesure a atteint {} mois le {}', b.type_attendu, CAST(b.mois AS INTEGER),
                  strftime(m.date_debut + to_months(CAST(b.mois AS INTEGER)), '%d/%m/%Y'))
    FROM m
    CROSS JOIN LATERAL (VALUES ('bilan_6m', m.bilan_6m), ('bilan_12m', m.bilan_12m)) AS b(type_attendu, mois)
    WHERE m.date_debut + to_months(CAST(b.mois AS INTEGER)) <= m.date_fin_effective + 1
      AND NOT EXISTS (SELECT 1 FROM staging_bilans AS x WHERE x.code_operateur = m.code_operateur AND x.objet = 'mesure'
                      AND x.id_objet = m.id_mesure AND x.type_bilan = b.type_attendu)
    UNION ALL
    -- r06: an ended measure says how it ended and when the exit was reported (« sans délai »: the lag is reported).
    -- Ended = its end date is past the run's reference date (ref.date_reference), even after its file's snapshot.
    SELECT fiche, code_operateur, id_mesure, 'r06', 'avertissement',
           CASE WHEN type_sortie IS NULL THEN 'mesure terminée sans type de sortie'
                ELSE 'sortie non signalée au coordinateur (date de signalement manquante)' END
    FROM m WHERE date_fin IS NOT NULL AND date_fin <= date_reference() AND (type_sortie IS NULL OR date_signalement_sortie IS NULL)
    UNION ALL
    SELECT fiche, code_operateur, id_mesure, 'r06', 'info',
           format('sortie du {} signalée {} jours plus tard', strftime(date_fin, '%d/%m/%Y'), date_signalement_sortie - date_fin)
    FROM m WHERE date_signalement_sortie > date_fin
    UNION ALL
    -- r12: dated events lie within the measure.
    SELECT fiche, code_operateur, id_mesure, 'r12', 'avertissement',
           format('{} du {} hors de la période de la mesure (du {} au {})', e.quoi, strftime(e.quand, '%d/%m/%Y'),
                  strftime(date_debut, '%d/%m/%Y'), strftime(date_fin_effective, '%d/%m/%Y'))
    FROM m
    CROSS JOIN LATERAL (VALUES ('début de sous-location', date_debut_sous_location), ('relogement', date_relogement),
                               ('entrée en formation', date_entree_formation), ('accès à l''emploi', date_acces_emploi)) AS e(quoi, quand)
    WHERE e.quand < date_debut OR e.quand > date_fin_effective
    UNION ALL
    -- r11 (info): a measure started before the entry into housing reports the mois-mesures it leaves after the
    -- rehousing (« laisser des mois-mesures disponibles »): the months allowed (initial + renewals + derogation)
    -- minus those started before the rehousing day. A rehousing outside the measure is r12's.
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r11', 'info',
           format('mesure commencée le {} avant le relogement du {} : {} mois-mesure(s) avant le relogement, {} restant(s) sur les {} prévus',
                  strftime(m.date_debut, '%d/%m/%Y'), strftime(m.date_relogement, '%d/%m/%Y'), a.avant,
                  greatest(CAST(m.permis AS INTEGER) - a.avant, 0), CAST(m.permis AS INTEGER))
    FROM (
        SELECT *, least(duree_initiale + renouvellement + derogation,
                        CASE WHEN derogation > 0 AND dispositif = 'vial' THEN duree_max_derogation ELSE duree_max END) AS permis
        FROM m
    ) AS m
    CROSS JOIN LATERAL (SELECT count(*) AS avant FROM int_lda_mois_mesures AS mm
                        WHERE mm.cle_mesure = m.cle_mesure AND mm.debut_mois_mesure < m.date_relogement) AS a
    WHERE m.date_relogement > m.date_debut AND m.date_relogement <= m.date_fin_effective
    UNION ALL
    -- r15 (2.6): an ended ENVAUL measure says whether the young person came from the ASE and how far the
    -- housekeeping goal was reached.
    SELECT fiche, code_operateur, id_mesure, 'r15', 'avertissement',
           'mesure ENVAUL terminée sans ' || CASE WHEN parcours_ase IS NULL AND objectif_entretien_logement IS NULL
                                                  THEN 'parcours ASE ni objectif d''entretien du logement'
                                                  WHEN parcours_ase IS NULL THEN 'parcours ASE'
                                                  ELSE 'objectif d''entretien du logement' END
    FROM m
    WHERE dispositif = 'envaul' AND date_fin IS NOT NULL AND date_fin <= date_arrete
      AND (parcours_ase IS NULL OR objectif_entretien_logement IS NULL)
    UNION ALL
    -- r13 (2.6): ENVAUL is for the under-25s; 25 exactly (« moins de 25 ans » vs « 18 à 25 ans ») and under 18 are warnings.
    SELECT fiche, code_operateur, id_mesure, 'r13',
           CASE WHEN age > age_max THEN 'erreur' ELSE 'avertissement' END,
           format('jeune de {} ans au début de la mesure ENVAUL (public : moins de {} ans, {} à {} ans)', age, CAST(age_max AS INTEGER),
                  CAST(age_min AS INTEGER), CAST(age_max AS INTEGER))
    FROM m WHERE dispositif = 'envaul' AND (age >= age_max OR age < age_min)
    UNION ALL
    -- r16 (2.6): no ENVAUL outside the AMI 1 / AMI 2 territories.
    SELECT fiche, code_operateur, id_mesure, 'r16', 'erreur',
           format('mesure ENVAUL sur le territoire {} : ENVAUL n''existe que sur les territoires de l''AMI 1 et de l''AMI 2', territoire_lda)
    FROM m WHERE dispositif = 'envaul' AND ami = 'extension_2024'
),
comptage_operateur AS (
    SELECT code_operateur, code_operateur || '/' || id_mesure AS cle_mesure, id_mesure, mois FROM staging_lda_mois_mesures
),
comptage_jusqu_a AS (
    -- The last month each operator's monthly counts cover: the month of its latest active count file's snapshot date.
    SELECT code_operateur, strftime(max(date_arrete), '%Y-%m') AS dernier_mois
    FROM fichiers_actifs()
    WHERE table_rapport = 'lda_mois_mesures'
    GROUP BY ALL
),
mois_compares AS (
    -- r07: months the operator counted against months computed from the measure's dates. Only operators who send
    -- the monthly count, and only up to the month their latest count file covers (a later month is not due yet).
    SELECT coalesce(c.code_operateur, o.code_operateur) AS code_operateur, coalesce(c.cle_mesure, o.cle_mesure) AS cle_mesure,
           coalesce(c.id_mesure, o.id_mesure) AS id_mesure, coalesce(c.mois, o.mois) AS mois,
           c.mois IS NOT NULL AS calcule, o.mois IS NOT NULL AS declare
    FROM (SELECT code_operateur, cle_mesure, id_mesure, mois FROM int_lda_mois_mesures) AS c
    FULL JOIN comptage_operateur AS o ON o.cle_mesure = c.cle_mesure AND o.mois = c.mois
    JOIN comptage_jusqu_a AS j ON j.code_operateur = coalesce(c.code_operateur, o.code_operateur)
    WHERE coalesce(c.mois, o.mois) <= j.dernier_mois
),
r07 AS (
    -- A month counted for a measure absent from every measures file has no known fiche: 'inconnue'.
    SELECT coalesce(s.fiche, 'inconnue') AS fiche, d.code_operateur, d.id_mesure, 'r07' AS regle, 'avertissement' AS severite,
           CASE WHEN s.cle_mesure IS NULL
                THEN format('mois comptés ({}) pour une mesure absente des fichiers de mesures', string_agg(d.mois, ', ' ORDER BY d.mois))
                ELSE format('comptage mensuel de l''opérateur : {} mois ; calculé d''après les dates : {} mois{}{}',
                            count(*) FILTER (WHERE d.declare), count(*) FILTER (WHERE d.calcule),
                            CASE WHEN bool_or(d.declare AND NOT d.calcule)
                                 THEN ' ; comptés en trop : ' || string_agg(d.mois, ', ' ORDER BY d.mois) FILTER (WHERE d.declare AND NOT d.calcule) ELSE '' END,
                            CASE WHEN bool_or(d.calcule AND NOT d.declare)
                                 THEN ' ; non comptés : ' || string_agg(d.mois, ', ' ORDER BY d.mois) FILTER (WHERE d.calcule AND NOT d.declare) ELSE '' END)
           END AS detail
    FROM mois_compares AS d
    LEFT JOIN staging_lda_mesures AS s USING (cle_mesure)
    GROUP BY s.fiche, s.cle_mesure, d.code_operateur, d.id_mesure
    HAVING bool_or(d.calcule <> d.declare)
),
r14 AS (
    -- r14 (2.6): the subsides of an ENVAUL measure stay within 5 000 € per 12 of its mois-mesures. The cap is the
    -- measure's over its life (ruling on §2.4/r14): while the measure runs, subsides over the cap to date (a deposit,
    -- first furniture) are paid later as mois-mesures add up (mart_lda_financement), so a warning; an error once ended.
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r14' AS regle,
           CASE WHEN m.date_fin IS NOT NULL AND m.date_fin <= m.date_arrete THEN 'erreur' ELSE 'avertissement' END AS severite,
           -- Amounts written the French way: 7 077,24 €.
           format('subsides de {} € pour {} mois-mesures : plafond de {} €{}',
                  montant_fr(s.total), m.duree_mois,
                  montant_fr(m.plafond_subsides * m.duree_mois / 12),
                  CASE WHEN m.date_fin IS NOT NULL AND m.date_fin <= m.date_arrete THEN ''
                       ELSE ' à ce jour (mesure en cours : le surplus sera financé à mesure que les mois-mesures s''ajoutent)' END) AS detail
    FROM (SELECT code_operateur || '/' || id_mesure AS cle_mesure, sum(montant) AS total FROM staging_envaul_subsides GROUP BY ALL) AS s
    JOIN m USING (cle_mesure)
    WHERE s.total > m.plafond_subsides * m.duree_mois / 12
),
r04 AS (
    -- r04: at least 3 meetings a week, one of them at home (« à moduler selon les besoins »: a warning), over the full
    -- weeks of the measure (Monday to Sunday between date_debut and date_fin, or the snapshot date) that the optional
    -- weekly table reports; a week it does not report is not checked. One alert per measure, with the weeks.
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r04' AS regle, 'avertissement' AS severite,
           format('{} semaine(s) pleine(s) sur {} sous le minimum de {} rencontres dont {} au domicile : {}',
                  count(*) FILTER (WHERE h.nb_rencontres < m.rencontres_min OR h.nb_visites_domicile < m.visites_min), count(*),
                  CAST(any_value(m.rencontres_min) AS INTEGER), CAST(any_value(m.visites_min) AS INTEGER),
                  string_agg(format('{} ({} rencontre(s), {} au domicile)', h.semaine, h.nb_rencontres, h.nb_visites_domicile), ', ' ORDER BY h.semaine)
                      FILTER (WHERE h.nb_rencontres < m.rencontres_min OR h.nb_visites_domicile < m.visites_min)) AS detail
    FROM staging_lda_rencontres_hebdo AS h
    JOIN m USING (cle_mesure)
    WHERE h.semaine_existe AND h.lundi >= m.date_debut AND h.dimanche <= m.date_fin_effective
    GROUP BY m.fiche, m.code_operateur, m.id_mesure
    HAVING bool_or(h.nb_rencontres < m.rencontres_min OR h.nb_visites_domicile < m.visites_min)
    UNION ALL
    -- A week 53 of a year that has 52 weeks cannot be placed: say so rather than drop it.
    SELECT m.fiche, m.code_operateur, m.id_mesure, 'r04', 'avertissement',
           format('semaine {} inexistante (l''année {} compte 52 semaines ISO) : corriger la semaine', h.semaine, left(h.semaine, 4))
    FROM staging_lda_rencontres_hebdo AS h
    JOIN m USING (cle_mesure)
    WHERE NOT h.semaine_existe
),
r08 AS (
    -- r08 (ADSL, VIAL): an accorded sécurisation financière stays within 5 000 € per request (impayés and procedure
    -- fees included) and comes with its justificatifs; the part over the cap, or without justificatifs, is not paid
    -- (mart_lda_financement).
    SELECT m.fiche, m.code_operateur, s.id_demande, 'r08' AS regle, 'erreur' AS severite,
           CASE WHEN s.montant_accorde > m.plafond_securisation
                THEN format('sécurisation de {} € accordée pour la mesure {} : plafond de {} € par demande (le surplus n''est pas financé){}',
                            montant_fr(s.montant_accorde), s.id_mesure,
                            montant_fr(m.plafond_securisation),
                            CASE WHEN s.justificatifs THEN '' ELSE ' ; accordée sans justificatifs' END)
                ELSE format('sécurisation accordée pour la mesure {} sans justificatifs : non financée', s.id_mesure) END AS detail
    FROM staging_lda_securisation AS s
    JOIN m USING (cle_mesure)
    WHERE s.decision = 'accordee' AND m.dispositif IN ('adsl', 'vial')
      AND (s.montant_accorde > m.plafond_securisation OR NOT s.justificatifs)
    UNION ALL
    -- r08: the sécurisations of a convention stay within its unused part (montant conventionné − dû for the measures).
    SELECT fiche, code_operateur, id_convention, 'r08', 'erreur',
           format('sécurisations accordées de {} € (plafonnées par demande) au-delà de la part non utilisée de la convention ({} € conventionnés − {} € dus pour les mesures) : {} € financés',
                  montant_fr(securisation_plafonnee),
                  montant_fr(montant_conventionne),
                  montant_fr(du_mesures),
                  montant_fr(du_securisation))
    FROM mart_lda_financement
    WHERE securisation_plafonnee > du_securisation
),
r09 AS (
    -- r09: direct and indirect charges of the financial report ≤ 25 % of the amount the Département pays for the
    -- convention (du_retenu: advance + balance). While the period runs both are to date: a warning, an error once closed.
    SELECT f.fiche, f.code_operateur, f.id_convention, 'r09' AS regle,
           CASE WHEN f.statut_periode = 'close' THEN 'erreur' ELSE 'avertissement' END AS severite,
           format('charges directes et indirectes de {} € : plafond de {} % du montant versé par le Département ({} €), soit {} €{}',
                  montant_fr(c.charges),
                  replace(format('{:g}', p.plafond_charges * 100), '.', ','),
                  montant_fr(f.du_retenu),
                  montant_fr(CAST(p.plafond_charges AS DECIMAL(18, 4)) * f.du_retenu),
                  CASE WHEN f.statut_periode = 'close' THEN '' ELSE ' (convention en cours : montants à date)' END) AS detail
    FROM mart_lda_financement AS f
    JOIN (SELECT code_operateur, id_convention, sum(montant_realise) AS charges
          FROM staging_comptes_rendus_financiers
          WHERE poste IN ('charges_directes', 'charges_indirectes')
          GROUP BY ALL) AS c USING (code_operateur, id_convention)
    -- 2.7 refers to 2.4 for ADSL and 2.5 for VIAL; its own parameters repeat the 25 % (ref_parametres).
    JOIN p ON p.fiche = f.fiche AND f.date_debut BETWEEN p.du AND p.au
    WHERE c.charges > CAST(p.plafond_charges AS DECIMAL(18, 4)) * f.du_retenu
),
bilans AS (
    -- r05: each 6- and 12-month bilan states how often the referent intervenes.
    SELECT x.fiche, x.code_operateur, x.id_bilan, 'r05' AS regle, 'avertissement' AS severite,
           format('{} de la mesure {} remis le {} sans préciser la fréquence d''intervention', x.type_bilan, x.id_objet, strftime(x.date_remise, '%d/%m/%Y')) AS detail
    FROM staging_bilans AS x
    WHERE x.fiche IN ('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension') AND x.type_bilan IN ('bilan_6m', 'bilan_12m')
      AND x.frequence_intervention_precisee IS NOT TRUE
),
conventions AS (
    -- r10: the advance is the fiche's rate (60 %) of the convention amount.
    SELECT c.fiche, c.code_operateur, c.id_convention, 'r10' AS regle, 'erreur' AS severite,
           format('taux d''avance de la convention {} % : la fiche prévoit {} %',
                  replace(format('{:g}', CAST(c.taux_avance AS DOUBLE) * 100), '.', ','), replace(format('{:g}', p.taux_avance * 100), '.', ',')) AS detail
    FROM staging_conventions AS c
    JOIN p ON p.fiche = c.fiche AND c.date_debut BETWEEN p.du AND p.au
    WHERE c.fiche IN ('f2_4_adsl', 'f2_5_vial', 'f2_6_envaul', 'f2_7_lda_extension') AND c.taux_avance <> p.taux_avance
)
SELECT fiche, code_operateur, id_mesure AS id_enregistrement, regle, severite, detail FROM mesures
UNION ALL SELECT * FROM r04
UNION ALL SELECT * FROM r07
UNION ALL SELECT * FROM r08
UNION ALL SELECT * FROM r09
UNION ALL SELECT * FROM r14
UNION ALL SELECT * FROM bilans
UNION ALL SELECT * FROM conventions
ORDER BY ALL
