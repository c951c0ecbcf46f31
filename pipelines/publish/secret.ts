// Statistical disclosure control of the published figures: mart_indicateurs → mart_indicateurs_publics.
//   Primary: a count of people or households (ref.unites, regle_secret = comptage_personnes; a unit not listed there
//   counts as one) above 0 and below the threshold (ref.secret_statistique, 11) is masked (« s »); zeros are published.
//   Secondary: no masked cell may be the only unknown of a linear relation an attacker with the public files knows.
//   The relations come from the reference data, not from the table's shape:
//     - modalities → « ensemble » of a breakdown, for indicators the catalogue marks additif_modalites;
//     - every territory → each level of units it contains (int_territoires_appartenances: commune → EPCI → MDS
//       territory → lot, LDA territory → AMI…, and any level → département), for additif_territoires;
//     - months → year (int_periodes_appartenances) and months → convention period of the same fiche
//       (int_periodes_appartenances_conventions; a month may be in a year and in one or two convention periods, and
//       the chains between them are solved by the same fixed point), for lie_mois.
//   Where the catalogue says a count does not add up (persons active in a year recounted each month), the margin is
//   the union of its parts: the same groups, exposed only when the one masked cell is exact anyway (see EXPOSES).
//   A cell belongs to several groups at once (a month of an LDA territory for one sex is in four); every exposed
//   group gets its smallest published positive cell masked too, all groups in one statement per pass, until no
//   group changes (a fixed point: then no relation has a single unknown, so no chain can start).
//   Ratios (catalogue agregation part, taux, moyenne, mediane): masked when the count the catalogue names as their
//   numerator or denominator is masked in the same cell (a published ratio and one published term give the other);
//   a ratio whose terms the catalogue does not name, or that has none of them in its cell, keeps the old rule: masked
//   when a count of people of the same fiche and cell is masked.
// Operator-level rows are not published at all: the breakdown « operateur » (modalite = the operator's code, e.g. x01
// of the Logement d'abord fiches or i01 of 2.1 by operator) is the activity of one association, which the internal
// edition shows (it reads mart_indicateurs) and partners do not. The ensemble totals stay.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";

/** Breakdowns whose modalities name an operator (code_operateur): kept out of the published table. */
export const VENTILATIONS_NON_PUBLIEES = ["operateur"] as const;

/** The hierarchies the relations come from (sql/int_*_appartenances.sql). */
export const HIERARCHIES = ["int_territoires_appartenances", "int_periodes_appartenances"] as const;
/**
 * Months → convention periods, per fiche (sql/int_periodes_appartenances_conventions.sql, from the conventions): kept
 * apart from HIERARCHIES so that a hand-made mart without conventions needs none, and required as soon as a convention
 * period is published.
 */
export const HIERARCHIE_CONVENTIONS = "int_periodes_appartenances_conventions";

const MAX_PASSES = 200;
/** Working columns of secret_cellules, dropped from the published table. */
const TRAVAIL = ["id", "regle_secret", "numerateur", "denominateur", "additif_modalites", "additif_territoires", "lie_mois", "secret_primaire", "secret", "passe"];
/** Two indicators in the same cell: a ratio and its numerator or denominator. */
const MEME_CASE = "fiche, periode, type_periode, territoire, niveau_territoire, ventilation, modalite";
const egal = (a: string, b: string, columns: string) => columns.split(", ").map((c) => `${a}.${c} = ${b}.${c}`).join(" AND ");

/**
 * Each relation as rows (groupe, id, est_marge, reunion): the parts of one group add up to its margin (reunion false),
 * or the margin counts the distinct keys of its parts (reunion true). A group is numbered from its kind, its margin
 * and what tells it from the margin's other groups of that kind (a breakdown or level as its rank in sous_groupes,
 * or the second period's cell): every pass groups and joins the links by it, and a BIGINT does that about twice as
 * fast as a text such as « m1234:sexe » (issue 16). Numbers past BIGINT stop the run (DuckDB's overflow error).
 */
const liens = (conventions: boolean) => `
  CREATE OR REPLACE TEMP TABLE secret_liens AS
  WITH periodes AS (
      SELECT periode, type_periode, periode_parent, type_periode_parent, NULL AS fiche FROM int_periodes_appartenances
      ${conventions ? `UNION ALL SELECT periode, type_periode, periode_parent, type_periode_parent, fiche FROM ${HIERARCHIE_CONVENTIONS}` : ""}
  ),
  sous_groupes AS (
      SELECT nom, row_number() OVER (ORDER BY nom) AS rang
      FROM (SELECT ventilation AS nom FROM secret_cellules UNION SELECT niveau_territoire FROM secret_cellules)
  ),
  -- Larger than every cell id and every rank: two groups never get the same number.
  numeros AS (SELECT (SELECT count(*) FROM secret_cellules) + (SELECT count(*) FROM sous_groupes) + 1 AS taille),
  modalites AS (
      SELECT e.id AS marge, c.id, c.ventilation AS sous_groupe, NOT e.additif_modalites AS reunion
      FROM secret_cellules AS c
      JOIN secret_cellules AS e ON ${egal("e", "c", "fiche, indicateur, periode, territoire, niveau_territoire")}
       AND e.ventilation = 'ensemble' AND e.modalite = 'ensemble'
      WHERE c.ventilation <> 'ensemble' AND e.additif_modalites IS NOT NULL
  ),
  -- Each cell with the units that contain it, materialised before the parents' cells are joined: left to its own
  -- order, DuckDB joined the parents to the memberships first at 10× (24 M rows, then cut down by seven columns: 40 s
  -- of the secret's 45) where this way makes 0,5 M.
  dans_territoires AS MATERIALIZED (
      SELECT c.id, c.fiche, c.indicateur, c.periode, c.ventilation, c.modalite, c.niveau_territoire, h.niveau_parent, h.code_parent
      FROM secret_cellules AS c
      JOIN int_territoires_appartenances AS h
        ON h.niveau = c.niveau_territoire AND h.code = c.territoire AND (h.fiche IS NULL OR h.fiche = c.fiche) AND h.niveau_parent <> 'departement'
  ),
  territoires AS (
      SELECT p.id AS marge, c.id, c.niveau_territoire AS sous_groupe, NOT p.additif_territoires AS reunion
      FROM dans_territoires AS c
      JOIN secret_cellules AS p
        ON p.niveau_territoire = c.niveau_parent AND p.territoire = c.code_parent AND ${egal("p", "c", "fiche, indicateur, periode, ventilation, modalite")}
      WHERE p.additif_territoires IS NOT NULL
      UNION ALL
      -- Every level adds up to the département, units outside the hierarchy included (MDS « non_attribue »).
      SELECT p.id, c.id, c.niveau_territoire, NOT p.additif_territoires
      FROM secret_cellules AS c
      JOIN secret_cellules AS p ON p.niveau_territoire = 'departement' AND ${egal("p", "c", "fiche, indicateur, periode, ventilation, modalite")}
      WHERE c.niveau_territoire <> 'departement' AND p.additif_territoires IS NOT NULL
  ),
  -- The same order for the periods that contain a cell's (months in a year, in convention periods).
  dans_periodes AS MATERIALIZED (
      SELECT c.id, c.fiche, c.indicateur, c.territoire, c.niveau_territoire, c.ventilation, c.modalite, a.periode_parent, a.type_periode_parent
      FROM secret_cellules AS c
      JOIN periodes AS a ON a.periode = c.periode AND a.type_periode = c.type_periode AND (a.fiche IS NULL OR a.fiche = c.fiche)
  ),
  mois AS (
      SELECT y.id AS marge, c.id, NOT y.lie_mois AS reunion
      FROM dans_periodes AS c
      JOIN secret_cellules AS y
        ON y.periode = c.periode_parent AND y.type_periode = c.type_periode_parent
       AND ${egal("y", "c", "fiche, indicateur, territoire, niveau_territoire, ventilation, modalite")}
      WHERE y.lie_mois IS NOT NULL
  ),
  -- Two periods of one fiche sharing months (a year and a convention period, two convention periods of 2.8): neither
  -- is a part of the other, yet P − Q = Σ months of P only − Σ months of Q only, one more relation per cell. For a
  -- count that does not add up over months, P = Q when every month of one only is 0 or absent (the same keys).
  paires AS (
      SELECT DISTINCT coalesce(a.fiche, b.fiche) AS fiche, a.periode_parent AS p, a.type_periode_parent AS tp, b.periode_parent AS q, b.type_periode_parent AS tq
      FROM periodes AS a
      JOIN periodes AS b ON b.periode = a.periode AND b.type_periode = a.type_periode AND a.periode_parent < b.periode_parent
       AND (a.fiche IS NULL OR b.fiche IS NULL OR a.fiche = b.fiche) AND coalesce(a.fiche, b.fiche) IS NOT NULL
  ),
  ecarts AS (
      SELECT x.fiche, x.p, x.q, a.periode AS mois
      FROM paires AS x
      JOIN periodes AS a ON a.periode_parent IN (x.p, x.q) AND (a.fiche IS NULL OR a.fiche = x.fiche)
      GROUP BY ALL
      HAVING count(DISTINCT a.periode_parent) = 1
  ),
  chevauchements AS (
      SELECT p.id AS id_p, q.id AS id_q, p.lie_mois AS additif, x.fiche, x.p, x.q, p.indicateur, p.territoire, p.niveau_territoire, p.ventilation, p.modalite
      FROM paires AS x
      JOIN secret_cellules AS p ON p.fiche = x.fiche AND p.periode = x.p AND p.type_periode = x.tp
      JOIN secret_cellules AS q ON q.periode = x.q AND q.type_periode = x.tq AND ${egal("q", "p", "fiche, indicateur, territoire, niveau_territoire, ventilation, modalite")}
      WHERE p.lie_mois IS NOT NULL
  ),
  ecarts_cellules AS (
      SELECT h.id_p, h.id_q, m.id, m.valeur
      FROM chevauchements AS h
      JOIN ecarts AS e ON e.fiche = h.fiche AND e.p = h.p AND e.q = h.q
      JOIN secret_cellules AS m ON m.periode = e.mois AND m.type_periode = 'mois' AND ${egal("m", "h", "fiche, indicateur, territoire, niveau_territoire, ventilation, modalite")}
  ),
  chevauchants AS (
      SELECT (h.id_p * 4 + 3) * k.taille + h.id_q AS groupe, h.id_p AS marge, h.id_q AS id FROM chevauchements AS h CROSS JOIN numeros AS k
      WHERE h.additif OR NOT EXISTS (SELECT 1 FROM ecarts_cellules AS e WHERE e.id_p = h.id_p AND e.id_q = h.id_q AND e.valeur <> 0)
      UNION ALL
      SELECT (e.id_p * 4 + 3) * k.taille + e.id_q, e.id_p, e.id FROM ecarts_cellules AS e JOIN chevauchements AS h USING (id_p, id_q) CROSS JOIN numeros AS k WHERE h.additif
  ),
  membres AS (
      SELECT (marge * 4 + 0) * k.taille + s.rang AS groupe, marge, id, reunion FROM modalites JOIN sous_groupes AS s ON s.nom = sous_groupe CROSS JOIN numeros AS k
      UNION ALL SELECT (marge * 4 + 1) * k.taille + s.rang, marge, id, reunion FROM territoires JOIN sous_groupes AS s ON s.nom = sous_groupe CROSS JOIN numeros AS k
      UNION ALL SELECT (marge * 4 + 2) * k.taille, marge, id, reunion FROM mois CROSS JOIN numeros AS k
      UNION ALL SELECT groupe, marge, id, false FROM chevauchants
  )
  SELECT groupe, id, false AS est_marge, reunion FROM membres
  UNION ALL
  SELECT DISTINCT groupe, marge, true, reunion FROM membres`;

/**
 * Groups whose one masked cell can be worked out. A sum: the masked cell is the margin minus the others, or their
 * sum. A union (a distinct count over parts that may share keys): the margin lies between the largest part and the
 * sum of the parts, so it is exact when at most one part is positive, and a masked part equals the margin when every
 * other part is zero.
 */
const EXPOSES = `
  SELECT l.groupe FROM secret_liens AS l JOIN secret_cellules AS c USING (id)
  GROUP BY l.groupe
  HAVING count(*) FILTER (WHERE c.secret) = 1
     AND (NOT any_value(l.reunion)
          OR count(*) FILTER (WHERE NOT l.est_marge AND NOT c.secret AND c.valeur > 0) <= CASE WHEN bool_or(l.est_marge AND c.secret) THEN 1 ELSE 0 END)`;

/**
 * The links of the groups holding a cell masked by the previous pass (`passe`: 0 for the primary secret). Only these
 * can have become exposed: a group none of whose cells changed is as the previous pass left it — not exposed, or
 * exposed and so given a masked cell, which puts it here. Each pass reads these groups instead of every link
 * (issue 16); the check after the fixed point still reads every group.
 */
const liensAReexaminer = (passe: number) =>
  // Before the first pass the groups to read are those holding a primary-masked cell: three links in four at 1×,
  // cheaper read whole than picked out (a group without a masked cell is not exposed anyway).
  passe === 0
    ? "SELECT * FROM secret_liens"
    : `
  SELECT l.* FROM secret_liens AS l
  WHERE l.groupe IN (SELECT k.groupe FROM secret_liens AS k JOIN secret_cellules AS m USING (id) WHERE m.passe = ${passe})`;

/**
 * The smallest published positive cell of each exposed group (least information lost; the margin, largest of an
 * additive group, goes last), masked in the same statement for all groups, and marked with the pass that masked it.
 */
const secondaire = (passe: number) => `
  UPDATE secret_cellules SET secret = true, passe = ${passe}
  WHERE id IN (
      WITH candidats AS (${liensAReexaminer(passe - 1)}),
      exposes AS (${EXPOSES.replace("FROM secret_liens AS l", "FROM candidats AS l")})
      SELECT l.id
      FROM exposes AS e
      JOIN candidats AS l USING (groupe)
      JOIN secret_cellules AS c USING (id)
      WHERE NOT c.secret AND c.valeur > 0
      QUALIFY row_number() OVER (PARTITION BY e.groupe ORDER BY c.valeur, c.id) = 1
  )`;

/**
 * Each ratio cell against the cells of the same fiche and cell (its terms among them), in one join and grouping:
 * three correlated EXISTS were planned as delim joins on seven IS NOT DISTINCT FROM columns (issue 16).
 */
const RATIOS = `
  UPDATE secret_cellules SET secret = true
  WHERE id IN (
      SELECT r.id
      FROM secret_cellules AS r
      JOIN secret_cellules AS t ON ${egal("t", "r", MEME_CASE)}
      WHERE r.regle_secret = 'taux_ou_moyenne'
      GROUP BY r.id
      HAVING CASE
          WHEN bool_or(t.indicateur IN (r.numerateur, r.denominateur))
          THEN bool_or(t.secret AND t.indicateur IN (r.numerateur, r.denominateur))
          ELSE bool_or(t.secret AND t.regle_secret = 'comptage_personnes')
      END
  )`;

export interface MasqueParNiveau {
  niveau_territoire: string;
  type_periode: string;
  cellules: number;
  masquees: number;
}

export interface SecretSummary {
  seuil: number;
  cellules: number;
  soumises: number;
  primaires: number;
  secondaires: number;
  /** Ratio cells (part, taux, moyenne, médiane) masked, out of `ratios`. */
  taux: number;
  ratios: number;
  passes: number;
  /** Masked share by territory level and period type, for the pipeline's summary. */
  niveaux: MasqueParNiveau[];
}

export async function applyStatisticalSecret(connection: DuckDBConnection): Promise<SecretSummary> {
  const [{ seuil }] = (await query<{ seuil: number }>(connection, "SELECT valeur AS seuil FROM ref.secret_statistique WHERE parametre = 'seuil'")) as [{ seuil: number }];
  const manquantes = (await query<{ t: string }>(connection, "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main'")).map((r) => r.t);
  const absentes = HIERARCHIES.filter((h) => !manquantes.includes(h));
  if (absentes.length) throw new Error(`secret statistique : ${absentes.join(", ")} absente(s) ; lancez les modèles SQL (sql/${absentes[0]}.sql) avant le secret.`);
  const conventions = manquantes.includes(HIERARCHIE_CONVENTIONS);
  if (!conventions) {
    const [{ n }] = (await query<{ n: number }>(connection, "SELECT count(*) AS n FROM mart_indicateurs WHERE type_periode = 'convention'")) as [{ n: number }];
    if (n > 0) throw new Error(`secret statistique : ${n} case(s) par période de convention mais ${HIERARCHIE_CONVENTIONS} absente ; lancez les modèles SQL (sql/${HIERARCHIE_CONVENTIONS}.sql) avant le secret.`);
  }
  // An indicator missing from the catalogue is linked to every margin (safer); sql/tests/catalogue_indicateurs.sql stops
  // the build on it anyway. Cells are numbered in the order of their key, mart_indicateurs' own (ORDER BY ALL), not as
  // the join's rows come: a tie between secondary candidates goes to the lower id, so the same figures must get the
  // same masks whatever plan DuckDB picks (two publications masked differently could be subtracted).
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE secret_cellules AS
    SELECT row_number() OVER (ORDER BY m.fiche, m.indicateur, m.periode, m.type_periode, m.territoire, m.niveau_territoire, m.ventilation, m.modalite) AS id, m.*, r.regle_secret, k.numerateur, k.denominateur,
           -- true: the margin is the sum of the parts; false: their union; NULL: a ratio, in no relation.
           CASE WHEN r.regle_secret <> 'taux_ou_moyenne' THEN coalesce(k.additif_modalites, 'oui') = 'oui' END AS additif_modalites,
           CASE WHEN r.regle_secret <> 'taux_ou_moyenne' THEN coalesce(k.additif_territoires, 'oui') = 'oui' END AS additif_territoires,
           CASE WHEN r.regle_secret <> 'taux_ou_moyenne' THEN coalesce(k.lie_mois, 'oui') = 'oui' END AS lie_mois,
           r.regle_secret = 'comptage_personnes' AND m.valeur > 0 AND m.valeur < ${seuil} AS secret_primaire,
           secret_primaire AS secret,
           CASE WHEN secret_primaire THEN 0 END AS passe
    FROM mart_indicateurs AS m
    LEFT JOIN ref.indicateurs AS k USING (fiche, indicateur)
    LEFT JOIN ref.unites AS u ON u.unite = m.unite
    CROSS JOIN LATERAL (
        SELECT CASE WHEN k.agregation IN ('part', 'taux', 'moyenne', 'mediane') THEN 'taux_ou_moyenne'
                    ELSE coalesce(u.regle_secret, 'comptage_personnes') END AS regle_secret
    ) AS r
    WHERE coalesce(m.ventilation, '') NOT IN (${VENTILATIONS_NON_PUBLIEES.map((v) => `'${v}'`).join(", ")})`);
  await connection.run(liens(conventions));

  let passes = 0;
  for (let changed = 1; changed > 0; passes++) {
    if (passes === MAX_PASSES) throw new Error(`secret statistique : pas de point fixe après ${MAX_PASSES} passes`);
    changed = (await connection.run(secondaire(passes + 1))).rowsChanged;
  }
  // At the fixed point a group may keep one masked cell only beside zeros and masked cells: then the relation does
  // not hold (a masked count is positive, the zeros add up to 0), so nothing is revealed. Anything else is a bug.
  const [{ n: exposes }] = (await query<{ n: number }>(
    connection,
    `SELECT count(*) AS n FROM (${EXPOSES}) AS e JOIN secret_liens USING (groupe) JOIN secret_cellules AS c USING (id) WHERE NOT c.secret AND c.valeur > 0`,
  )) as [{ n: number }];
  if (exposes > 0) throw new Error(`secret statistique : ${exposes} cellule(s) masquée(s) encore seule(s) inconnue(s) de leur relation`);
  await connection.run(RATIOS);

  const [counts] = (await query<Omit<SecretSummary, "seuil" | "passes" | "niveaux">>(
    connection,
    `SELECT count(*) AS cellules, count(*) FILTER (WHERE regle_secret = 'comptage_personnes') AS soumises,
            count(*) FILTER (WHERE secret_primaire) AS primaires,
            count(*) FILTER (WHERE secret AND NOT secret_primaire AND regle_secret = 'comptage_personnes') AS secondaires,
            count(*) FILTER (WHERE secret AND regle_secret = 'taux_ou_moyenne') AS taux,
            count(*) FILTER (WHERE regle_secret = 'taux_ou_moyenne') AS ratios
     FROM secret_cellules`,
  )) as [Omit<SecretSummary, "seuil" | "passes" | "niveaux">];
  const niveaux = await query<MasqueParNiveau>(
    connection,
    `SELECT niveau_territoire, type_periode, count(*) AS cellules, count(*) FILTER (WHERE secret) AS masquees
     FROM secret_cellules GROUP BY ALL ORDER BY niveau_territoire, type_periode`,
  );
  // The published table carries no masked value at all, not even in a column the page would hide. Its rows stay in id
  // order without a sort: secret_cellules was written in that order and DuckDB copies a table in its stored order.
  await connection.run(`
    CREATE OR REPLACE TABLE mart_indicateurs_publics AS
    SELECT * EXCLUDE (${TRAVAIL.join(", ")}) REPLACE (CASE WHEN secret THEN NULL ELSE valeur END AS valeur), secret
    FROM secret_cellules`);
  await connection.run("DROP TABLE secret_liens; DROP TABLE secret_cellules");
  return { seuil, ...counts, passes, niveaux };
}
