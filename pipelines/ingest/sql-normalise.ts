// The SQL side of a contract: for each column, from its metadata only, a DuckDB expression that recognises the
// plain, canonical spellings of a value (ISO or JJ/MM/AAAA dates, exact codes, unformatted numbers, INSEE codes…)
// and the value it stands for. Every cell SQL accepts is one the zod column accepts with the very same value; the
// other spellings ("1 234,50", "O", labels, commune names, Excel serial dates) and every wrong value are not judged
// here: their rows go through zod, which gives the reason. So both paths accept and reject exactly the same rows.
import { type ColumnMeta, PLAUSIBLE_YEARS } from "../contracts/columns.ts";
import { memberOf } from "../contracts/rules.ts";
import { currentCommuneCodes, epciSirens } from "../normalise/places.ts";

export interface SqlColumn {
  /** The normalised value, typed as the raw table's column. */
  value: string;
  /** True when SQL vouches for the cell: blank where blank is allowed, or a canonical spelling of a valid value. */
  accepted: string;
}

/**
 * Every canonical spelling of a plausible date, AAAA-MM-JJ then JJ/MM/AAAA for each day in order: day k of the
 * calendar is the ENUM's values 2k and 2k+1. Reading a date is then one hash lookup, where a regex and strptime cost
 * five times as much; a shape with no calendar date behind it (31/02) is simply not in the list.
 */
export const CALENDAR_TYPE = "obs_jour";
export const CALENDAR_SQL = `CREATE TEMP TYPE IF NOT EXISTS ${CALENDAR_TYPE} AS ENUM (
  SELECT s FROM (
    SELECT d, 0 AS f, strftime(d, '%Y-%m-%d') AS s FROM range(DATE '${PLAUSIBLE_YEARS.from}-01-01', DATE '${PLAUSIBLE_YEARS.to + 1}-01-01', INTERVAL 1 DAY) AS r(d)
    UNION ALL
    SELECT d, 1 AS f, strftime(d, '%d/%m/%Y') AS s FROM range(DATE '${PLAUSIBLE_YEARS.from}-01-01', DATE '${PLAUSIBLE_YEARS.to + 1}-01-01', INTERVAL 1 DAY) AS r(d)
  ) ORDER BY d, f
)`;

const [FROM, TO] = [PLAUSIBLE_YEARS.from, PLAUSIBLE_YEARS.to];

/** The date a text spells in the calendar, or NULL. */
export const calendarDate = (text: string) => `(DATE '${FROM}-01-01' + CAST(enum_code(TRY_CAST(${text} AS ${CALENDAR_TYPE})) AS INTEGER) // 2)`;
const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
const inList = (values: readonly string[]) => values.map(literal).join(", ");
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
    case "date":
      // Only the calendar's spellings have a value: a shape with no calendar date behind it (31/02), a year outside
      // the plausible ones, « 1/2/2025 » are NULL here, and zod's to read or explain.
      return {
        value: calendarDate(cell),
        accepted: `${value} IS NOT NULL`,
      };
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
  return { value: c.value, accepted: column.req === "R" ? `coalesce(${c.accepted}, false)` : `(${cell} IS NULL OR coalesce(${c.accepted}, false))` };
}

/** Kinds whose every spelling SQL accepts is the text of its value: a key column must be one (see sql-load.ts). */
export const TEXT_IS_VALUE = new Set<ColumnMeta["kind"]>(["str", "int", "enum", "month", "week", "commune", "epci"]);
