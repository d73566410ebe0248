import { PLAIN_NUMBER, RELATIVE_TOLERANCE } from "../../evaluate/grade-open-answer.js";

/**
 * Plain-JavaScript text of the grader's helpers, as written into the promptfoo export: ports of
 * evaluate/normalize-answer.ts, evaluate/match-option-text.ts, core/json.ts (extractJson) and
 * evaluate/grade-open-answer.ts. promptfoo loads the file without benchsmith installed, so the
 * grader carries its own copy; export-graders/promptfoo-grader.test.ts checks it against the
 * originals on the reply battery. No backticks inside; the only template slots are the number
 * pattern and tolerance, taken from grade-open-answer.ts so the two cannot drift apart.
 */
export const GRADER_TEXT_SOURCE = String.raw`
function normalizeAnswer(text) {
  let value = text.normalize("NFKC").toLowerCase();
  value = value.replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
  value = value.replace(/(\d)\.0+(?!\d)/g, "$1");
  value = value.replace(/(?<!\d)\.|\.(?!\d)/g, " ");
  value = value.replace(/-(?!\d)/g, " ");
  value = value.replace(/[^\p{L}\p{N}\s.-]/gu, " ");
  value = value.replace(/(^|\s)(?:a|an|the)(?=\s|$)/g, " ");
  return value.replace(/\s+/g, " ").trim();
}

function answerTokens(text) {
  const normalized = normalizeAnswer(text);
  return normalized === "" ? [] : normalized.split(" ");
}

function sameTokens(left, right) {
  return left.length === right.length && left.every((token, index) => token === right[index]);
}

function matchOptionText(reply, options) {
  const replyTokens = answerTokens(reply);
  if (replyTokens.length === 0) return -1;
  const optionTokens = options.map((option) => answerTokens(option));
  const exact = optionTokens.flatMap((tokens, index) => (sameTokens(tokens, replyTokens) ? [index] : []));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return -1;
  let best = -1;
  let bestLength = 0;
  let tie = false;
  for (const [index, tokens] of optionTokens.entries()) {
    if (tokens.length === 0 || tokens.length > replyTokens.length) continue;
    const atStart = sameTokens(tokens, replyTokens.slice(0, tokens.length));
    const atEnd = sameTokens(tokens, replyTokens.slice(replyTokens.length - tokens.length));
    if (!atStart && !atEnd) continue;
    if (tokens.length > bestLength) {
      best = index;
      bestLength = tokens.length;
      tie = false;
    } else if (tokens.length === bestLength) tie = true;
  }
  return tie ? -1 : best;
}

function parseJson(text) {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch {
    return { success: false };
  }
}

function balancedSpan(text, open, close) {
  const start = text.indexOf(open);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === open) depth++;
    else if (char === close) {
      depth--;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}

function extractJson(text) {
  const direct = parseJson(text.trim());
  if (direct.success) return direct;
  const fenced = /\x60\x60\x60(?:json|JSON)?\s*\n?([\s\S]*?)\x60\x60\x60/.exec(text);
  if (fenced && fenced[1] !== undefined) {
    const inner = parseJson(fenced[1].trim());
    if (inner.success) return inner;
  }
  for (const [open, close] of [["{", "}"], ["[", "]"]]) {
    const span = balancedSpan(text, open, close);
    if (span !== undefined) {
      const parsed = parseJson(span);
      if (parsed.success) return parsed;
    }
  }
  return { success: false };
}

function openAnswerSpan(reply) {
  const text = reply.replace(/\*\*/g, "").trim();
  if (text === "") return null;
  const markers = [...text.matchAll(/\b(?:final\s+)?answer\s*(?:is\s*)?[:：]\s*/gi)];
  const last = markers[markers.length - 1];
  if (last === undefined) return text;
  const after = (text.slice((last.index || 0) + last[0].length).split("\n")[0] || "").trim();
  return after === "" ? text : after.replace(/[.]$/, "");
}

const PLAIN_NUMBER = ${PLAIN_NUMBER};
const RELATIVE_TOLERANCE = ${RELATIVE_TOLERANCE};

function readNumber(text) {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed) || !PLAIN_NUMBER.test(trimmed)) return undefined;
  return Number(trimmed.replace(/,/g, ""));
}

function sameNumber(left, right) {
  return (
    left === right || Math.abs(left - right) <= RELATIVE_TOLERANCE * Math.max(Math.abs(left), Math.abs(right))
  );
}

function gradeOpenAnswer(reply, reference) {
  const extracted = openAnswerSpan(reply);
  if (extracted === null) return { extracted: null, correct: false, byNumber: false };
  if (extracted === reference.trim()) return { extracted, correct: true, byNumber: false };
  const normalizedReference = normalizeAnswer(reference);
  if (normalizedReference !== "" && normalizeAnswer(extracted) === normalizedReference)
    return { extracted, correct: true, byNumber: false };
  const answerNumber = readNumber(extracted);
  const referenceNumber = readNumber(reference);
  if (answerNumber !== undefined && referenceNumber !== undefined)
    return { extracted, correct: sameNumber(answerNumber, referenceNumber), byNumber: true };
  return { extracted, correct: false, byNumber: false };
}
`;
