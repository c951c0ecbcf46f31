// What the quarantine keeps of a value: enough to find and fix it. A cell can hold a whole pasted document (100 000
// characters and more); stored whole as the raw value and again inside the reason that quotes it, it would fill the
// database and the « Fichiers reçus » page with the same text twice.

/** Characters of a value kept in the quarantine, before the note of its full length. */
export const SHOWN_CHARACTERS = 200;

/** The first SHOWN_CHARACTERS characters and « … (N caractères) »; a shorter value unchanged. */
export function shortValue(value: string): string {
  if (value.length <= SHOWN_CHARACTERS) return value;
  // Never half of a character written as two UTF-16 units (an emoji).
  const end = /[\ud800-\udbff]/.test(value[SHOWN_CHARACTERS - 1]!) ? SHOWN_CHARACTERS - 1 : SHOWN_CHARACTERS;
  return `${value.slice(0, end)}… (${thousands(value.length)} caractères)`;
}

/** 100 000: a no-break space between thousands, the same on every machine (ICU versions differ on which space). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, "\u00a0");

// Reasons quote the value between « and » (normalised: trimmed, case kept or not), so the quotes are what is cut.
const QUOTED = new RegExp(`« ([^«»]{${SHOWN_CHARACTERS + 1},}?) »`, "g");

/** The reason with every quoted value longer than SHOWN_CHARACTERS cut as shortValue cuts it. */
export function shortReason(reason: string): string {
  return reason.length <= SHOWN_CHARACTERS ? reason : reason.replace(QUOTED, (_, value: string) => `« ${shortValue(value)} »`);
}
