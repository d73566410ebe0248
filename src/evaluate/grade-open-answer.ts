import { normalizeAnswer } from "./normalize-answer.js";

export interface OpenGrade {
  /** The answer span taken from the reply (after "Answer:" when present); null for an empty reply. */
  extracted: string | null;
  correct: boolean;
  method: "exact" | "normalized" | "none";
  /**
   * The answer span and the reference both read as numbers and were compared as numbers ("2.50" = "2.5"):
   * the verdict is final either way, a judge would add nothing but cost.
   */
  byNumber: boolean;
}

/** Two numbers agree within this share of the larger magnitude (the exported graders carry it too). */
export const RELATIVE_TOLERANCE = 1e-6;
/**
 * A plain decimal number, optionally signed, with optional thousands separators: "-1,234.5", ".5"
 * (no exponent, no unit). ASCII digits only, so the exported Python graders can reuse its source.
 */
export const PLAIN_NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/** The text as a number when it is one (thousands separators allowed), else undefined. */
function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed) || !PLAIN_NUMBER.test(trimmed)) return undefined;
  return Number(trimmed.replace(/,/g, ""));
}

function sameNumber(left: number, right: number): boolean {
  return (
    left === right || Math.abs(left - right) <= RELATIVE_TOLERANCE * Math.max(Math.abs(left), Math.abs(right))
  );
}

/**
 * Grades a free-text reply against a reference answer without any model: exact match of the
 * answer span, else equality after normalisation (case, punctuation, articles, whitespace,
 * "1,000" = "1000"), else, when both read as numbers, numeric equality within a relative 1e-6
 * ("2.50" = "2.5"; eval and discover grade with this one function). The answer span is the text
 * after the last "Answer:" when the reply has one (chain-of-thought replies), otherwise the whole reply.
 */
export function gradeOpenAnswer(reply: string, reference: string): OpenGrade {
  const extracted = answerSpan(reply);
  if (extracted === null) return { extracted: null, correct: false, method: "none", byNumber: false };
  if (extracted === reference.trim()) return { extracted, correct: true, method: "exact", byNumber: false };
  const normalizedReference = normalizeAnswer(reference);
  if (normalizedReference !== "" && normalizeAnswer(extracted) === normalizedReference)
    return { extracted, correct: true, method: "normalized", byNumber: false };
  const answerNumber = readNumber(extracted);
  const referenceNumber = readNumber(reference);
  if (answerNumber !== undefined && referenceNumber !== undefined) {
    const correct = sameNumber(answerNumber, referenceNumber);
    return { extracted, correct, method: correct ? "normalized" : "none", byNumber: true };
  }
  return { extracted, correct: false, method: "none", byNumber: false };
}

function answerSpan(reply: string): string | null {
  const text = reply.replace(/\*\*/g, "").trim();
  if (text === "") return null;
  const markers = [...text.matchAll(/\b(?:final\s+)?answer\s*(?:is\s*)?[:：]\s*/gi)];
  const last = markers.at(-1);
  if (last === undefined) return text;
  const after =
    text
      .slice((last.index ?? 0) + last[0].length)
      .split("\n")[0]
      ?.trim() ?? "";
  return after === "" ? text : after.replace(/[.]$/, "");
}
