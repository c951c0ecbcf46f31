// French display formats (fr-FR): 1 234,5 · 05/10/2026 · « septembre 2026 ».
import { EXPLICATIONS_MARQUES, marqueDe, MARQUE_SECRET, type Marque } from "./marques.js";

const nombres = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
// An amount keeps its cents: rounded to a tenth, 264 634,10 € would read 264 634,1 and 12,35 € would read 12,4.
const montants = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const estMontant = (unite: string | null | undefined) => unite === "euros" || unite === "€";

/** A number in French; amounts in euros (the catalogue's unit « euros ») with their cents unless whole. */
function chiffre(valeur: number, unite?: string | null): string {
  return estMontant(unite) && !Number.isInteger(valeur) ? montants.format(valeur) : nombres.format(valeur);
}
const moisAnnee = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
const moisCourt = new Intl.DateTimeFormat("fr-FR", { month: "short", timeZone: "UTC" });
const jour = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Paris" });

/** A figure for reading; a missing value is shown as a dash, never as 0. `unite`: the catalogue's unit, for amounts. */
export function nombre(valeur: number | null | undefined, unite?: string | null): string {
  return valeur === null || valeur === undefined || Number.isNaN(valeur) ? "–" : chiffre(valeur, unite);
}

/** A cell of the published table as pages hold it: a value and its secret flag, or the mark a table row already carries. */
export type CelluleAffichee = { valeur: number | null | undefined; secret?: boolean | number | null } | number | string | null | undefined;

/**
 * The one way a published value is printed (cards, tables, chart and map tables): its French figure (« 0 » for a
 * published zero; an amount with its cents, given its `unite`), « s » when masked, « nd » when there is no row or no value; `explication` says what a mark means.
 */
export function valeurPubliee(cellule: CelluleAffichee, unite?: string | null): { texte: string; marque: Marque | null; explication: string | null } {
  const c = typeof cellule === "object" && cellule !== null ? cellule : { valeur: typeof cellule === "number" ? cellule : null, secret: cellule === MARQUE_SECRET };
  const marque = marqueDe(c);
  return marque ? { texte: marque, marque, explication: EXPLICATIONS_MARQUES[marque] } : { texte: chiffre(c.valeur as number, unite), marque: null, explication: null };
}

// Units that do not change in the singular.
const INVARIABLES = /^(mois|%|€)/;

/**
 * The unit agreeing with its figure: French puts the singular below 2 (« 1 jour », « 1,5 jour », « 0 ménage »).
 * Only the counted noun agrees: « catégories par mesure » → « catégorie par mesure », « mois-mesures » → « mois-mesure ».
 */
export function unite(valeur: number | null | undefined, texte: string): string {
  if (valeur === null || valeur === undefined || Math.abs(valeur) >= 2) return texte;
  if (INVARIABLES.test(texte)) return texte.replace(/^mois-mesures\b/, "mois-mesure");
  return texte.replace(/^([\p{L}'-]+?)s\b/u, "$1");
}

function debutDuMois(periode: string): Date | null {
  const m = /^(\d{4})-(\d{2})/.exec(periode);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** "2026-09" → "septembre 2026". */
export function mois(periode: string): string {
  const d = debutDuMois(periode);
  return d ? moisAnnee.format(d) : periode;
}

const nomMois = new Intl.DateTimeFormat("fr-FR", { month: "long", timeZone: "UTC" });

/** A cumul's period, "2025-01..2025-10" → "janvier–octobre 2025" (a single month: "janvier 2025"). */
export function moisCumules(periode: string): string {
  const m = /^(\d{4})-(\d{2})\.\.\d{4}-(\d{2})$/.exec(periode);
  if (!m) return periode;
  const [debut, fin] = [debutDuMois(`${m[1]}-${m[2]}`)!, debutDuMois(`${m[1]}-${m[3]}`)!];
  return m[2] === m[3] ? mois(`${m[1]}-${m[2]}`) : `${nomMois.format(debut)}–${nomMois.format(fin)} ${m[1]}`;
}

/** "2026-09" → "sept." (axis ticks, where the year is given elsewhere). */
export function moisAbrege(periode: string): string {
  const d = debutDuMois(periode);
  return d ? moisCourt.format(d) : periode;
}

/** An instant (ISO 8601) → "05/10/2026", in Paris time. */
export function date(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : jour.format(d);
}

/** The data cut-off as the pipeline records it: a month ("2026-09") or a day ("2026-09-30"). */
export function dateArrete(valeur: string | null | undefined): string {
  if (!valeur) return "–";
  if (/^\d{4}-\d{2}$/.test(valeur)) return mois(valeur);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(valeur);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : valeur;
}

/** A file size in decimal units (1 Mo = 1 000 000 octets): « 512 octets », « 140,8 ko », « 26,4 Mo ». */
export function taille(octets: number): string {
  if (octets < 1000) return `${nombres.format(octets)} octets`;
  if (octets < 1_000_000) return `${nombres.format(octets / 1000)} ko`;
  return `${nombres.format(octets / 1_000_000)} Mo`;
}
