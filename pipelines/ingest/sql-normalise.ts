// The SQL side of a contract: for each column, from its metadata only, a DuckDB expression that recognises the
// plain, canonical spellings of a value (ISO or JJ/MM/AAAA dates, exact codes, unformatted numbers, INSEE codes…)
// and the value it stands for. Every cell SQL accepts is one the zod column accepts with the very same value; the
// other spellings ("1 234,50", "O", labels, commune names, Excel serial dates) and every wrong value are not judged
// here: their rows go through zod, which gives the reason. So both paths accept and reject exactly the same rows.
import { type ColumnMeta, PLAUSIBLE_YEARS } from "../contracts/columns.ts";
import { currentCommuneCodes, epciSirens } from "../normalise/places.ts";

export interface SqlColumn {
  /** The normalised value, typed as the raw table's column. */
  value: string;
  /** True when SQL vouches for the cell: blank where blank is allowed, or a canonical spelling of a valid value. */
  accepted: string;
}

const [FROM, TO] = [PLAUSIBLE_YEARS.from, PLAUSIBLE_YEARS.to];
const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
const inList = (values: readonly string[]) => values.map(literal).join(", ");
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Spellings of Oui/Non that parseBoolean folds to a known word, without leaving any doubt about trimming.
const TRUE_SPELLINGS = ["Oui", "oui", "OUI", "O", "o", "X", "x", "1", "Vrai", "vrai", "VRAI", "true", "TRUE", "True"];
const FALSE_SPELLINGS = ["Non", "non", "NON", "N", "n", "0", "Faux", "faux", "FAUX", "false", "FALSE", "False"];

// JavaScript's trim() removes these; DuckDB's trim() only spaces. A text cell SQL accepts starts and ends with none.
const JS_WHITESPACE = "\\s\\x{0B}\\x{0C}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

function canonical(column: ColumnMeta, cell: string): SqlColumn {
  switch (column.kind) {
    case "str":
      // An Excel error (#N/A…) is no text value: zod refuses it (validate.ts). Rather than list them here, SQL leaves
      // every text starting with « # » to zod: one regex per cell, and no IN list that DuckDB would turn into a join.
      return { value: cell, accepted: `NOT regexp_matches(${cell}, '^[#${JS_WHITESPACE}]|[${JS_WHITESPACE}]$')` };
    case "int": {
      const value = `TRY_CAST(${cell} AS INTEGER)`;
      // Nine digits at most: always an INTEGER; longer numbers (or "1.234", "1 234", "007") go to zod. Being
      // canonical, an accepted cell is its value's text, which the duplicate check quotes (sql-load.ts).
      return { value, accepted: `regexp_full_match(${cell}, '0|-?[1-9][0-9]{0,8}')${bounds(column, value)}` };
    }
    case "dec": {
      const value = `TRY_CAST(replace(${cell}, ',', '.') AS DECIMAL(18,2))`;
      // One or two decimals only: "1.234" is a thousands group for zod, not 1,234.
      return { value, accepted: `regexp_full_match(${cell}, '-?(0|[1-9][0-9]{0,14})([.,][0-9]{1,2})?')${bounds(column, value)}` };
    }
    case "date": {
      const value = `CASE WHEN ${cell}[3] = '/' THEN TRY_STRPTIME(${cell}, '%d/%m/%Y')::DATE ELSE TRY_CAST(${cell} AS DATE) END`;
      const shape = `regexp_full_match(${cell}, '(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/(19|20)[0-9]{2}')`;
      // A shape with no calendar date behind it (31/02) is NULL here, and zod's to explain.
      return { value, accepted: `(${shape} AND ${value} BETWEEN DATE '${FROM}-01-01' AND DATE '${TO}-12-31')` };
    }
    case "month":
      return { value: cell, accepted: `(regexp_full_match(${cell}, '[0-9]{4}-(0[1-9]|1[0-2])') AND ${cell} BETWEEN '${FROM}-01' AND '${TO}-12')` };
    case "week":
      return { value: cell, accepted: `(regexp_full_match(${cell}, '[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])') AND ${cell} BETWEEN '${FROM}-W01' AND '${TO}-W53')` };
    case "bool":
      return { value: `${cell} IN (${inList(TRUE_SPELLINGS)})`, accepted: `${cell} IN (${inList([...TRUE_SPELLINGS, ...FALSE_SPELLINGS])})` };
    case "enum":
      return { value: cell, accepted: `${cell} IN (${inList(column.values ?? [])})` };
    case "list": {
      const code = `(${(column.values ?? []).map(escapeRegex).join("|")})`;
      const parts = `string_split(${cell}, '|')`;
      // A repeated code is dropped by zod, keeping the first: only lists without repeats are taken as they are.
      return { value: parts, accepted: `(regexp_full_match(${cell}, '${code}(\\|${code})*') AND len(list_distinct(${parts})) = len(${parts}))` };
    }
    case "commune":
      // A former commune's code maps to its current commune in zod; SQL takes current codes only.
      return { value: cell, accepted: `${cell} IN (${inList(currentCommuneCodes())})` };
    case "epci":
      return { value: cell, accepted: `${cell} IN (${inList(epciSirens())})` };
  }
}

function bounds(column: ColumnMeta, value: string): string {
  return [column.min !== undefined ? ` AND ${value} >= ${column.min}` : "", column.max !== undefined ? ` AND ${value} <= ${column.max}` : ""].join("");
}

/**
 * The SQL of one contract column read from `cell` (a VARCHAR column of the file, or null when the file lacks it).
 * DuckDB reads an empty field as NULL; a cell of spaces is not blank here but goes to zod, which trims it. Every
 * expression above is NULL for a NULL cell, so neither needs a CASE around it.
 */
export function columnSql(column: ColumnMeta, cell: string | null): SqlColumn {
  if (cell === null) return { value: "NULL", accepted: column.req === "R" ? "false" : "true" };
  const c = canonical(column, cell);
  return { value: c.value, accepted: column.req === "R" ? `coalesce(${c.accepted}, false)` : `(${cell} IS NULL OR coalesce(${c.accepted}, false))` };
}

/** Kinds whose every spelling SQL accepts is the text of its value: a key column must be one (see sql-load.ts). */
export const TEXT_IS_VALUE = new Set<ColumnMeta["kind"]>(["str", "int", "enum", "month", "week", "commune", "epci"]);
