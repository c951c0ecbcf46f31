// The SQL side of a contract: for each column, from its metadata only, a DuckDB expression that recognises the
// plain, canonical spellings of a value (ISO or JJ/MM/AAAA dates, exact codes, unformatted numbers, INSEE codes…)
// and the value it stands for. Every cell SQL accepts is one the zod column accepts with the very same value; the
// other spellings ("1 234,50", "O", labels, commune names, Excel serial dates) and every wrong value are not judged
// here: their rows go through zod, which gives the reason. So both paths accept and reject exactly the same rows.
import { type ColumnMeta, PLAUSIBLE_YEARS } from "../contracts/columns.ts";
import { memberOf } from "../contracts/rules.ts";
import { currentCommuneCodes, epciSirens } from "../normalise/places.ts";

export interface SqlColumn {
  /** Intermediate values the loading statement computes once, one step before `value`, which names them. */
  parts?: Record<string, string>;
  /** The normalised value, typed as the raw table's column. */
  value: string;
  /** True when SQL vouches for the cell: blank where blank is allowed, or a canonical spelling of a valid value. */
  accepted: string;
}

const [FROM, TO] = [PLAUSIBLE_YEARS.from, PLAUSIBLE_YEARS.to];

const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
const inList = (values: readonly string[]) => values.map(literal).join(", ");
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Dates are read through two small ENUM types rather than a regex and strptime (five times dearer per cell): the
 * plausible years, and the days of a leap year spelt « -MM-JJ » (from AAAA-MM-JJ) and « JJ/MM/ » (from JJ/MM/AAAA),
 * in calendar order. A cast to an ENUM is one hash lookup; DuckDB binds it in time growing with the list, which is why
 * the year and the day are apart (one ENUM of every date spelt both ways, 30 000 values, cost 60 ms to plan per date
 * column of every file). A separator belongs to the day's spelling, so an ISO shape never matches a French day.
 */
const CALENDAR = { years: "obs_annee", days: "obs_jour" } as const;
const LEAP_YEAR_DAYS = Array.from({ length: 366 }, (_, k) => new Date(Date.UTC(2000, 0, 1 + k)).toISOString().slice(5, 10));
const FEBRUARY_29 = LEAP_YEAR_DAYS.indexOf("02-29");
// Within these years a year is leap when divisible by 4 (2000 is, 1900 and 2100 would not be).
if (FROM < 1901 || TO > 2099) throw new Error(`PLAUSIBLE_YEARS ${FROM}–${TO} : la règle des années bissextiles de sql-normalise.ts ne vaut qu'entre 1901 et 2099`);

/** Statements creating the calendar's types on a connection (temporary, so nothing of them stays in the database). */
export const CALENDAR_SQL = [
  `CREATE TEMP TYPE IF NOT EXISTS ${CALENDAR.years} AS ENUM (${inList(Array.from({ length: TO - FROM + 1 }, (_, i) => String(FROM + i)))})`,
  `CREATE TEMP TYPE IF NOT EXISTS ${CALENDAR.days} AS ENUM (${inList(LEAP_YEAR_DAYS.flatMap((d) => [`-${d}`, `${d.slice(3)}/${d.slice(0, 2)}/`]))})`,
];

/** The parts of a date cell, NULL unless it has the length of a date: its year, and its day in a leap year (0–365). */
function dateParts(cell: string): { year: string; day: string } {
  const iso = `${cell}[5] = '-'`;
  return {
    year: `CASE WHEN strlen(${cell}) = 10 THEN ${FROM} + enum_code(TRY_CAST(CASE WHEN ${iso} THEN ${cell}[1:4] ELSE ${cell}[7:10] END AS ${CALENDAR.years})) END`,
    day: `CAST(enum_code(TRY_CAST(CASE WHEN ${iso} THEN ${cell}[5:10] ELSE ${cell}[1:6] END AS ${CALENDAR.days})) AS INTEGER) // 2`,
  };
}

/** The date of a year and a day of a leap year: a later day of a common year is one less, its 29 February none. */
const dateOfParts = (year: string, day: string) =>
  `CASE WHEN ${day} <> ${FEBRUARY_29} OR ${year} % 4 = 0 THEN make_date(${year}, 1, 1) + ${day} - CAST(${day} > ${FEBRUARY_29} AND ${year} % 4 <> 0 AS INTEGER) END`;

/** The date a text spells as AAAA-MM-JJ or JJ/MM/AAAA with a plausible year, or NULL (31/02, 1/2/2025, 1999-12-31…). */
export function calendarDate(text: string): string {
  const { year, day } = dateParts(text);
  return `(${dateOfParts(`(${year})`, `(${day})`)})`;
}

// Spellings of Oui/Non that parseBoolean folds to a known word, without leaving any doubt about trimming.
const TRUE_SPELLINGS = ["Oui", "oui", "OUI", "O", "o", "X", "x", "1", "Vrai", "vrai", "VRAI", "true", "TRUE", "True"];
const FALSE_SPELLINGS = ["Non", "non", "NON", "N", "n", "0", "Faux", "faux", "FAUX", "false", "FALSE", "False"];

// JavaScript's trim() removes these; DuckDB's trim() only spaces. A text cell SQL accepts starts and ends with none.
const JS_WHITESPACE = "\\s\\x{0B}\\x{0C}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

/** `value`: how the normalised value is referred to once computed (its column), so that no cell is parsed twice. */
function canonical(column: ColumnMeta, cell: string, value: string): SqlColumn {
  switch (column.kind) {
    case "str":
      // An Excel error (#N/A…) is no text value: zod refuses it (validate.ts). Rather than list them here, SQL leaves
      // every text starting with « # » to zod: one regex per cell, and no IN list that DuckDB would turn into a join.
      return { value: cell, accepted: `NOT regexp_matches(${cell}, '^[#${JS_WHITESPACE}]|[${JS_WHITESPACE}]$')` };
    case "int":
      // Nine digits at most: always an INTEGER; longer numbers (or "1.234", "1 234", "007") go to zod. Being
      // canonical, an accepted cell is its value's text, which the duplicate check quotes (sql-load.ts).
      return { value: `TRY_CAST(${cell} AS INTEGER)`, accepted: `regexp_full_match(${cell}, '0|-?[1-9][0-9]{0,8}')${bounds(column, value)}` };
    case "dec":
      // One or two decimals only: "1.234" is a thousands group for zod, not 1,234.
      return {
        value: `TRY_CAST(replace(${cell}, ',', '.') AS DECIMAL(18,2))`,
        accepted: `regexp_full_match(${cell}, '-?(0|[1-9][0-9]{0,14})([.,][0-9]{1,2})?')${bounds(column, value)}`,
      };
    case "date": {
      // Only the calendar's spellings have a value: a shape with no calendar date behind it (31/02), a year outside
      // the plausible ones, « 1/2/2025 » are NULL here, and zod's to read or explain.
      const [year, day] = [`${cell}_annee`, `${cell}_jour`];
      return { parts: { [year]: dateParts(cell).year, [day]: dateParts(cell).day }, value: dateOfParts(year, day), accepted: `${value} IS NOT NULL` };
    }
    case "month":
      return { value: cell, accepted: `(regexp_full_match(${cell}, '[0-9]{4}-(0[1-9]|1[0-2])') AND ${cell} BETWEEN '${FROM}-01' AND '${TO}-12')` };
    case "week":
      return { value: cell, accepted: `(regexp_full_match(${cell}, '[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])') AND ${cell} BETWEEN '${FROM}-W01' AND '${TO}-W53')` };
    case "bool":
      // An empty cell stays NULL: memberOf alone would read it as false.
      return { value: `CASE WHEN ${cell} IS NOT NULL THEN ${memberOf(cell, TRUE_SPELLINGS)} END`, accepted: memberOf(cell, [...TRUE_SPELLINGS, ...FALSE_SPELLINGS]) };
    case "enum":
      return { value: cell, accepted: memberOf(cell, column.values ?? []) };
    case "list": {
      const code = `(${(column.values ?? []).map(escapeRegex).join("|")})`;
      const parts = `string_split(${cell}, '|')`;
      // A repeated code is dropped by zod, keeping the first: only lists without repeats are taken as they are.
      return { value: parts, accepted: `(regexp_full_match(${cell}, '${code}(\\|${code})*') AND len(list_distinct(${parts})) = len(${parts}))` };
    }
    case "commune":
      // A former commune's code maps to its current commune in zod; SQL takes current codes only.
      return { value: cell, accepted: memberOf(cell, currentCommuneCodes()) };
    case "epci":
      return { value: cell, accepted: memberOf(cell, epciSirens()) };
  }
}

function bounds(column: ColumnMeta, value: string): string {
  return [column.min !== undefined ? ` AND ${value} >= ${column.min}` : "", column.max !== undefined ? ` AND ${value} <= ${column.max}` : ""].join("");
}

/**
 * The SQL of one contract column read from `cell` (a VARCHAR column of the file, or null when the file lacks it).
 * DuckDB reads an empty field as NULL; a cell of spaces is not blank here but goes to zod, which trims it. Every
 * expression above is NULL or false for a NULL cell, so none needs a CASE around it. `value`: the name the reading
 * statement gives the normalised value, which the acceptance reads rather than parse the cell again.
 */
export function columnSql(column: ColumnMeta, cell: string | null, value: string): SqlColumn {
  if (cell === null) return { value: "NULL", accepted: column.req === "R" ? "false" : "true" };
  const c = canonical(column, cell, value);
  return { parts: c.parts, value: c.value, accepted: column.req === "R" ? `coalesce(${c.accepted}, false)` : `(${cell} IS NULL OR coalesce(${c.accepted}, false))` };
}

/** Kinds whose every spelling SQL accepts is the text of its value: a key column must be one (see sql-load.ts). */
export const TEXT_IS_VALUE = new Set<ColumnMeta["kind"]>(["str", "int", "enum", "month", "week", "commune", "epci"]);
