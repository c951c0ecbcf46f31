-- The rule catalogue as the alerts use it: one row per rule that applies to a fiche (sources/reference/regles.csv,
-- ref.regles: one row per rule where the spec writes it).
-- Grain: (fiche, regle). Spec: each fiche's « règles vérifiables » (§2); 2.5-2.7 apply 2.4's rules by reference
-- (« 2.4 r01-r12 apply… »): the 2.4 row lists them in `aussi_pour`, and a fiche's own row (2.5 r03, 2.6 r13) is its
-- only row for that code; « inconnue » in `aussi_pour` is the fiche mart_lda_alertes gives a monthly count of a
-- measure absent from every measures file (r07). The declared-bilan checks (fiche « toutes ») apply to every fiche of ref.fiches.
-- `severites` lists what the models may emit for the rule: the spec's severity first, then the others (a warning
-- while a convention runs, an info beside an error…).
-- test: unique(fiche, regle)
-- test: not_null(fiche, regle, fiche_spec, libelle, signification, severite, verifiable)
-- test: accepted_values(severite: erreur, avertissement, info)
-- test: accepted_values(verifiable: oui, non)
WITH r AS (
    SELECT *, CASE WHEN coalesce(autres_severites, '') = '' THEN [severite] ELSE list_prepend(severite, string_split(autres_severites, ' ')) END AS severites
    FROM ref.regles
),
applications AS (
    SELECT fiche AS fiche_applique, * FROM r WHERE fiche <> 'toutes'
    UNION ALL
    SELECT unnest(string_split(aussi_pour, ' ')) AS fiche_applique, * FROM r WHERE coalesce(aussi_pour, '') <> ''
    UNION ALL
    SELECT f.fiche AS fiche_applique, r.* FROM r CROSS JOIN ref.fiches AS f WHERE r.fiche = 'toutes'
)
SELECT fiche_applique AS fiche, regle, fiche AS fiche_spec, libelle, signification, severite, severites, modele, verifiable, raison
FROM applications
ORDER BY ALL
