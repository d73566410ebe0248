/**
 * Lenient readers for the enum-like fields of generator replies, used as zod preprocessors: the JSON
 * schema still shows (and a grammar or strict mode enforces) the exact form, while a backend that
 * does not enforce it may write "(b)" or "Level 7". What they cannot read is passed on unchanged,
 * so the schema reports it.
 */

// "B", "b", "(B)", "B.", "B)", "[B]", "Option B", "Answer: B", "B. Paris".
const LETTER =
  /^(?:(?:option|answer|choice)\s*[:-]?\s*)?[([]?\s*([A-Za-z])\s*[)\]]?(?:[.):]|\s*$|[.):]?\s+\S.*$)/i;

/** The option letter of a lenient answer value, upper-cased; anything else unchanged. */
export function readLetter(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  const letter = LETTER.exec(trimmed)?.[1];
  return letter === undefined ? trimmed : letter.toUpperCase();
}

/** A 1-10 difficulty rating from 7, "7", "7/10" or "Level 7" (rounded); anything else unchanged. */
export function readRating(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Math.round(value) : value;
  if (typeof value !== "string") return value;
  const number = /(\d+(?:\.\d+)?)/.exec(value)?.[1];
  return number === undefined ? value : Math.round(Number(number));
}

/** A number from 4, "4" or "4.5x"; anything else unchanged. */
export function readNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const number = /-?\d+(?:\.\d+)?/.exec(value)?.[0];
  return number === undefined ? value : Number(number);
}
