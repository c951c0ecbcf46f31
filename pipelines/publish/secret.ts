// Statistical disclosure control of the published figures: mart_indicateurs → mart_indicateurs_publics.
//   Primary: a count of people or households (ref.unites, regle_secret = comptage_personnes; a unit not listed
//   there counts as one) above 0 and below the threshold (ref.secret_statistique, 11) is replaced by « s ».
//   Secondary: a masked cell must not be recoverable from its margins. Two kinds of margins are additive here:
//   the modalities of a breakdown and their « ensemble » total, and the territories of one level and the
//   département. Whenever such a group has exactly one masked cell, its smallest published positive cell is masked
//   too; this repeats until no group changes (a fixed point, checked at the end).
//   Rates and means: masked when a count of the same fiche, period, territory and modality is masked.
// Months do not add up to the year (a person counts once a year but in each month), so no margin links them.
// Operator-level rows are not published at all: the breakdown « operateur » (modalite = the operator's code, e.g. x01
// of the Logement d'abord fiches or i01 of 2.1 by operator) is the activity of one association, which the internal
// edition shows (it reads mart_indicateurs) and partners do not. The ensemble totals stay.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db/duckdb.ts";

/** Breakdowns whose modalities name an operator (code_operateur): kept out of the published table. */
export const VENTILATIONS_NON_PUBLIEES = ["operateur"] as const;

const KEY = ["fiche", "indicateur", "periode", "territoire", "ventilation", "modalite"];
const MAX_PASSES = 50;

/** Cells grouped with a margin: the breakdown's modalities with their total, a level's territories with the département. */
const GROUPS = {
  modalites: {
    group: "fiche, indicateur, periode, territoire, ventilation",
    members: "ventilation <> 'ensemble'",
    margin: "ventilation = 'ensemble' AND modalite = 'ensemble'",
    join: "fiche, indicateur, periode, territoire",
  },
  territoires: {
    group: "fiche, indicateur, periode, ventilation, modalite, niveau_territoire",
    members: "niveau_territoire <> 'departement'",
    margin: "niveau_territoire = 'departement'",
    join: "fiche, indicateur, periode, ventilation, modalite",
  },
} as const;

type Group = (typeof GROUPS)[keyof typeof GROUPS];

/** Groups whose masked cells number exactly one, margin included: that cell is the margin minus the others. */
function exposedGroups(g: Group): string {
  return `
    WITH marge AS (SELECT ${g.join}, secret AS marge_secrete, valeur AS marge_valeur FROM mart_indicateurs_publics WHERE ${g.margin}),
    groupes AS (
      SELECT ${g.group}, count(*) FILTER (WHERE secret) + max(CASE WHEN marge_secrete THEN 1 ELSE 0 END) AS masquees
      FROM mart_indicateurs_publics JOIN marge USING (${g.join})
      WHERE ${g.members}
      GROUP BY ALL
    )
    SELECT * FROM groupes WHERE masquees = 1`;
}

/** The smallest published positive cell of each exposed group, margin included. */
function secondarySql(g: Group): string {
  return `
    UPDATE mart_indicateurs_publics AS p SET secret = true
    FROM (
      WITH exposes AS (${exposedGroups(g)}),
      candidats AS (
        SELECT ${g.group.split(", ").map((c) => `e.${c} AS g_${c}`).join(", ")}, ${KEY.map((c) => `m.${c}`).join(", ")}, m.valeur
        FROM exposes AS e JOIN mart_indicateurs_publics AS m
          ON ${g.join.split(", ").map((c) => `m.${c} = e.${c}`).join(" AND ")}
         AND (${g.group.split(", ").map((c) => `m.${c} = e.${c}`).join(" AND ")} OR (m.${g.margin.replaceAll(" AND ", " AND m.")}))
        WHERE NOT m.secret AND m.valeur > 0
      )
      SELECT ${KEY.join(", ")} FROM candidats
      QUALIFY row_number() OVER (PARTITION BY ${g.group.split(", ").map((c) => `g_${c}`).join(", ")} ORDER BY valeur, ${KEY.join(", ")}) = 1
    ) AS x
    WHERE ${KEY.map((c) => `p.${c} = x.${c}`).join(" AND ")}`;
}

export interface SecretSummary {
  seuil: number;
  cellules: number;
  soumises: number;
  primaires: number;
  secondaires: number;
  taux: number;
  passes: number;
}

export async function applyStatisticalSecret(connection: DuckDBConnection): Promise<SecretSummary> {
  const [{ seuil }] = (await query<{ seuil: number }>(connection, "SELECT valeur AS seuil FROM ref.secret_statistique WHERE parametre = 'seuil'")) as [{ seuil: number }];
  await connection.run(`
    CREATE OR REPLACE TABLE mart_indicateurs_publics AS
    SELECT m.*, coalesce(u.regle_secret, 'comptage_personnes') AS regle_secret,
           coalesce(u.regle_secret, 'comptage_personnes') = 'comptage_personnes' AND m.valeur > 0 AND m.valeur < ${seuil} AS secret
    FROM mart_indicateurs AS m LEFT JOIN ref.unites AS u USING (unite)
    WHERE coalesce(m.ventilation, '') NOT IN (${VENTILATIONS_NON_PUBLIEES.map((v) => `'${v}'`).join(", ")})`);
  await connection.run("ALTER TABLE mart_indicateurs_publics ADD COLUMN secret_primaire BOOLEAN; UPDATE mart_indicateurs_publics SET secret_primaire = secret");

  let passes = 0;
  for (let changed = 1; changed > 0; passes++) {
    if (passes === MAX_PASSES) throw new Error(`secret statistique : pas de point fixe après ${MAX_PASSES} passes`);
    changed = 0;
    for (const g of Object.values(GROUPS)) changed += (await connection.run(secondarySql(g))).rowsChanged;
  }
  for (const [name, g] of Object.entries(GROUPS)) {
    const left = await query(connection, `${exposedGroups(g)} LIMIT 5`);
    // A group left with one masked cell and no positive cell to mask with it: zeros only beside it, so it reveals
    // nothing the zeros did not (the masked cell equals the margin, itself masked or not). Nothing else may remain.
    const unsafe = left.length ? await query(connection, `SELECT count(*) AS n FROM (${exposedGroups(g)}) AS e JOIN mart_indicateurs_publics AS m USING (${g.group}) WHERE NOT m.secret AND m.valeur > 0`) : [{ n: 0 }];
    if ((unsafe[0] as { n: number }).n > 0) throw new Error(`secret statistique : cellule masquée encore déductible (${name})`);
  }
  await connection.run(`
    UPDATE mart_indicateurs_publics AS p SET secret = true
    WHERE p.regle_secret = 'taux_ou_moyenne' AND EXISTS (
      SELECT 1 FROM mart_indicateurs_publics AS c
      WHERE c.secret AND c.regle_secret = 'comptage_personnes' AND c.fiche = p.fiche AND c.periode = p.periode
        AND c.territoire = p.territoire AND c.ventilation = p.ventilation AND c.modalite = p.modalite)`);
  const [counts] = (await query<Omit<SecretSummary, "seuil" | "passes">>(
    connection,
    `SELECT count(*) AS cellules, count(*) FILTER (WHERE regle_secret = 'comptage_personnes') AS soumises,
            count(*) FILTER (WHERE secret_primaire) AS primaires,
            count(*) FILTER (WHERE secret AND NOT secret_primaire AND regle_secret = 'comptage_personnes') AS secondaires,
            count(*) FILTER (WHERE secret AND regle_secret = 'taux_ou_moyenne') AS taux
     FROM mart_indicateurs_publics`,
  )) as [Omit<SecretSummary, "seuil" | "passes">];
  // The published table carries no masked value at all, not even in a column the page would hide.
  await connection.run("UPDATE mart_indicateurs_publics SET valeur = NULL WHERE secret");
  await connection.run("ALTER TABLE mart_indicateurs_publics DROP COLUMN secret_primaire; ALTER TABLE mart_indicateurs_publics DROP COLUMN regle_secret");
  return { seuil, ...counts, passes };
}
