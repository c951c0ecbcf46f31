// Which territory each commune belongs to, at each level a report may name beside a commune (spec §0.3: « when both
// are given they must agree »): MDS territory, Logement d'abord territory, EPCI (ref communes.csv), and the lots of
// fiches 2.11 and 2.12 (lots.csv: MDS territory → lot). The same reference data as sql/int_territoires_appartenances.sql.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const reference = (file: string) => fileURLToPath(new URL(`../../sources/reference/${file}`, import.meta.url));

export type NiveauLieu = "territoire_mds" | "territoire_lda" | "epci" | "lot";

interface CommuneRow {
  code_commune: string;
  nom_commune: string;
  code_epci: string;
  nom_epci: string;
  territoire_mds: string;
  territoire_lda: string;
}

let communes: CommuneRow[] | null = null;
let lots: { fiche: string; lot: string; territoire_mds: string }[] | null = null;
const readCommunes = () => (communes ??= parse(readFileSync(reference("communes.csv"), "utf8"), { columns: true }) as CommuneRow[]);
const readLots = () => (lots ??= parse(readFileSync(reference("lots.csv"), "utf8"), { columns: true }) as { fiche: string; lot: string; territoire_mds: string }[]);

/** Current INSEE code → the code of its territory at `niveau` (null: in none, as the CU d'Arras for Logement d'abord). */
export function communeTerritories(niveau: NiveauLieu, fiche?: string): Map<string, string | null> {
  if (niveau === "lot") {
    const lotOf = new Map(readLots().filter((l) => l.fiche === fiche).map((l) => [l.territoire_mds, l.lot]));
    return new Map(readCommunes().map((c) => [c.code_commune, lotOf.get(c.territoire_mds) ?? null]));
  }
  const column = niveau === "epci" ? "code_epci" : niveau;
  return new Map(readCommunes().map((c) => [c.code_commune, c[column] || null]));
}

/** « 62041 (Arras, CU d'Arras) »: enough for an operator to recognise the commune and its intercommunality. */
export function communeDescription(code: string): string {
  const c = readCommunes().find((r) => r.code_commune === code);
  return c ? `${code} (${c.nom_commune}, ${c.nom_epci})` : code;
}
