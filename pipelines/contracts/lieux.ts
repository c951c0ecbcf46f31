// Commune and territory given on one row must agree (spec §0.3). Every contract gets the check from its columns
// alone: a commune column (kind commune) beside a territory column — territoire_mds…, territoire_lda…, lot (of the
// contract's fiche) or an EPCI (kind epci), except where the spec makes that agreement a rule of its fiche (below). A table with several commune columns pairs each territory with the commune
// column of the same suffix (code_commune_usager ↔ territoire_mds_usager). The row is quarantined at the territory's
// column, with both values and the commune's own territory; both ingest paths evaluate the same predicate (rules.ts).
import { communeDescription, communeTerritories, type NiveauLieu } from "../normalise/territoires.ts";
import type { ColumnMeta } from "./columns.ts";
import { memberOf, type Predicate, type Rule } from "./rules.ts";

/** How the reason names the level: the level itself, « au … » (belongs to) and « le … » (to correct). */
const NIVEAU_LABELS: Record<NiveauLieu, { nom: string; au: string; le: string }> = {
  territoire_mds: { nom: "territoire MDS", au: "au territoire MDS", le: "le territoire MDS" },
  territoire_lda: { nom: "territoire Logement d'abord", au: "au territoire Logement d'abord", le: "le territoire Logement d'abord" },
  epci: { nom: "EPCI", au: "à l'EPCI", le: "l'EPCI" },
  lot: { nom: "lot", au: "au lot", le: "le lot" },
};

function niveauOf(column: ColumnMeta & { name: string }): NiveauLieu | null {
  if (column.kind === "epci") return "epci";
  if (column.name.startsWith("territoire_mds")) return "territoire_mds";
  if (column.name.startsWith("territoire_lda")) return "territoire_lda";
  if (column.name === "lot") return "lot";
  return null;
}

/**
 * Pairs whose agreement the spec makes a rule of its fiche, checked by the alert models on loaded rows (issue 14 point
 * 1: where the spec states a rule, the row loads and the rule applies): 2.11 r09 (session commune in its lot), 2.12 r14
 * (household commune in its lot), 2.13 r05 (commune and EPCI of a collectivité's request).
 */
const CHECKED_AS_RULES: Record<string, string> = {
  sens_sessions: "lot",
  pe_menages: "lot",
  gdv_sollicitations_collectivites: "epci_siren",
};

const suffix = (name: string) => /(_usager|_logement|_lieu|_personne)$/.exec(name)?.[1] ?? "";

/** True when both are given and the commune is not in that territory (a commune in no territory of the level included). */
export function placeMismatch(commune: string, territoire: string, memberships: Map<string, string | null>): Predicate {
  const pairs = [...memberships].filter(([, t]) => t !== null).map(([c, t]) => `${c}|${t}`);
  const pair = `("${commune}" || '|' || "${territoire}")`;
  return {
    js: (r) => typeof r[commune] === "string" && r[territoire] !== null && r[territoire] !== undefined && memberships.get(r[commune] as string) !== r[territoire],
    sql: `(${pair} IS NOT NULL AND NOT ${memberOf(pair, pairs)})`,
  };
}

export function placeRules(table: string, columns: (ColumnMeta & { name: string })[], fiches: readonly string[]): Rule[] {
  const communeColumns = columns.filter((c) => c.kind === "commune");
  if (!communeColumns.length) return [];
  const rules: Rule[] = [];
  for (const column of columns) {
    const niveau = niveauOf(column);
    if (!niveau || CHECKED_AS_RULES[table] === column.name) continue;
    const commune = communeColumns.length === 1 ? communeColumns[0]! : communeColumns.find((c) => suffix(c.name) === suffix(column.name));
    if (!commune) continue;
    const memberships = communeTerritories(niveau, niveau === "lot" ? fiches[0] : undefined);
    const label = NIVEAU_LABELS[niveau];
    rules.push({
      when: placeMismatch(commune.name, column.name, memberships),
      column: column.name,
      reason: (row: Record<string, unknown>) => {
        const code = String(row[commune.name]);
        const own = memberships.get(code);
        const where = own
          ? `appartient ${label.au} « ${own} »`
          : `n'appartient à aucun ${label.nom}${niveau === "territoire_lda" ? " (la CU d'Arras est hors du Logement d'abord, fiche 2.7 comprise)" : ""}`;
        return (
          `${label.nom} « ${String(row[column.name])} » et commune ${communeDescription(code)} (${commune.name}) en désaccord : la commune ${where} ; ` +
          `corriger la commune ou ${label.le}${column.req === "R" ? "" : ` (ou laisser ${label.le} vide : il se déduit de la commune)`}`
        );
      },
    });
  }
  return rules;
}
