/**
 * Plain-JavaScript text of evaluate/extract-answer.ts (extractChoiceDetailed and its helpers), as
 * written into the promptfoo export's grader. Same rules, same order; it relies on the helpers of
 * grader-source-text.ts. No backticks or template slots inside.
 */
export const GRADER_CHOICE_SOURCE = String.raw`
const OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const CONCLUSION_LEAD =
  /\b(?:answer|option|choice|selection|one)\s*(?:(?:is|was|would\s+be|will\s+be|should\s+be|must\s+be|seems\s+to\s+be|appears\s+to\s+be)\b\s*[:：]?|[:=：])|\banswer\s*\n|\b(?:choose|chose|pick|picked|select|selected|go\s+with|going\s+with)\b\s*[:：]?/gi;
const SENTENCE_LEAD = /\b(?:therefore|thus|hence|so)\b\s*,?\s*/gi;
const LETTER_IS_CORRECT =
  /(?<![\p{L}\p{N}])\(?([A-Z])\)?\s+(?:is|seems\s+to\s+be|appears\s+to\s+be)\s+(?:the\s+)?(?:correct|right|best)\b/gu;
const AFTER_LEAD_FILLER = /(?:[\s"'“”‘’]*(?:the\s+)?(?:option|choice|letter)\b)?[\s"'“”‘’]*/iy;
const LETTER_TOKEN = /(\(|\[)?\s*([A-Za-z])\s*[)\]]?(?![\p{L}\p{N}'’-])/uy;
const SECOND_LETTER = /^\s*[)\]]?\s*(?:or|and|\/|&)\s*(?:option\s+)?\(?[A-Z](?![\p{L}\p{N}])/u;
const CONNECTIVES = new Set(["because", "since", "as", "which", "given", "for", "and", "or", "but", "is", "was"]);

function extractChoiceDetailed(text, options) {
  const count = Math.min(options.length, OPTION_LETTERS.length);
  const cleaned = cleanReply(text);
  if (cleaned === "") return { letter: null, method: "none" };
  const bare = bareLetter(cleaned, count);
  if (bare !== undefined) return { letter: bare, method: "bare" };
  const fromJson = jsonAnswer(cleaned, options);
  if (fromJson !== undefined) return { letter: fromJson, method: "json" };
  const conclusion = lastConclusion(cleaned, options);
  if (conclusion !== undefined) return { letter: conclusion, method: "conclusion" };
  const marked = markedLetter(cleaned, count);
  if (marked !== undefined) return { letter: marked, method: "marked-letter" };
  const optionIndex = optionTextIndex(cleaned, options);
  if (optionIndex >= 0) return { letter: OPTION_LETTERS[optionIndex], method: "option-text" };
  return { letter: null, method: "none" };
}

function cleanReply(text) {
  let cleaned = text.normalize("NFKC");
  const thinkEnd = cleaned.lastIndexOf("</think>");
  if (thinkEnd >= 0 && cleaned.slice(thinkEnd + 8).trim() !== "") cleaned = cleaned.slice(thinkEnd + 8);
  cleaned = cleaned.replace(/\\boxed\s*\{\s*(?:\\text\s*\{)?([^{}]*)\}?\s*\}/g, " answer: $1 ");
  cleaned = cleaned.replace(/\$/g, " ");
  cleaned = cleaned.replace(/\*\*|__|\x60/g, "");
  return cleaned.trim();
}

function letterIndex(letter, count) {
  const index = OPTION_LETTERS.indexOf(letter.toUpperCase());
  return index >= 0 && index < count ? index : -1;
}

function bareLetter(text, count) {
  const match = /^(?:(?:final\s+)?answer\s*[:：]?\s*)?[([]?\s*([A-Za-z])\s*[)\]]?\s*[.:]?$/i.exec(text);
  if (!match || !match[1]) return undefined;
  return letterIndex(match[1], count) >= 0 ? match[1].toUpperCase() : undefined;
}

function jsonAnswer(text, options) {
  if (!text.includes("{")) return undefined;
  const parsed = extractJson(text);
  if (!parsed.success || parsed.value === null || typeof parsed.value !== "object") return undefined;
  const record = parsed.value;
  const key = Object.keys(record).find((name) =>
    /^(?:final_?answer|answer|choice|option|selected_?option|letter)$/i.test(name),
  );
  const value = key === undefined ? undefined : record[key];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  const bare = bareLetter(trimmed, options.length);
  if (bare !== undefined) return bare;
  const labelled = /^[([]?([A-Z])[)\].:]\s+\S/.exec(trimmed);
  if (labelled && labelled[1] && letterIndex(labelled[1], options.length) >= 0) return labelled[1];
  const index = matchOptionText(trimmed, options);
  return index >= 0 ? OPTION_LETTERS[index] : undefined;
}

function lastConclusion(text, options) {
  const count = options.length;
  const candidates = [];
  for (const match of text.matchAll(CONCLUSION_LEAD)) {
    const start = (match.index || 0) + match[0].length;
    const letter = letterAt(text, start, count, false);
    if (letter !== undefined) candidates.push({ position: start, letter });
    else {
      const line = text.slice(start).split(/\n|(?<=[.!?])\s/)[0] || "";
      const index = matchOptionText(line.replace(/[.!]+\s*$/, ""), options);
      if (index >= 0) candidates.push({ position: start, letter: OPTION_LETTERS[index] });
    }
  }
  for (const match of text.matchAll(SENTENCE_LEAD)) {
    const start = (match.index || 0) + match[0].length;
    const letter = letterAt(text, start, count, true);
    if (letter !== undefined) candidates.push({ position: start, letter });
  }
  for (const match of text.matchAll(LETTER_IS_CORRECT)) {
    const letter = match[1] || "";
    if (letterIndex(letter, count) >= 0) candidates.push({ position: match.index || 0, letter });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((left, right) => left.position - right.position);
  return candidates[candidates.length - 1].letter;
}

function letterAt(text, start, count, closesSentence) {
  AFTER_LEAD_FILLER.lastIndex = start;
  const filler = AFTER_LEAD_FILLER.exec(text);
  const position = start + (filler ? filler[0].length : 0);
  LETTER_TOKEN.lastIndex = position;
  const token = LETTER_TOKEN.exec(text);
  if (!token || !token[2]) return undefined;
  const letter = token[2];
  const inBrackets = token[1] !== undefined;
  const rest = text.slice(position + token[0].length);
  if (letterIndex(letter, count) < 0) return undefined;
  if (closesSentence && !/^\s*[)\]]?\s*(?:[.!]|$|\n)/.test(rest)) return undefined;
  const next = /^\s+([a-z]+)/.exec(rest);
  const nextWord = next ? next[1] : undefined;
  const isLower = letter !== letter.toUpperCase();
  if (isLower && !inBrackets && !/^\s*(?:[.,;!)\]]|$|\n)/.test(rest)) return undefined;
  if (!inBrackets && /^[AaIi]$/.test(letter) && nextWord !== undefined && !CONNECTIVES.has(nextWord))
    return undefined;
  if (SECOND_LETTER.test(rest)) return null;
  return letter.toUpperCase();
}

function markedLetter(text, count) {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const lastLine = lines[lines.length - 1] || "";
  const alone = bareLetter(lastLine, count);
  if (alone !== undefined) return alone;
  const found = new Set();
  const patterns = [
    /\(([A-Za-z])\)/g,
    /^\s*([A-Z])\s*[.):]?\s*$/gm,
    /^\s*([A-Z])[.):]\s+/gm,
    /\b(?:option|choice|letter)\s+\(?([A-Z])(?![\p{L}\p{N}])/giu,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const letter = match[1] || "";
      if (letterIndex(letter, count) >= 0) found.add(letter.toUpperCase());
    }
  }
  if (found.size === 1) return [...found][0];
  return found.size > 1 ? null : undefined;
}

function optionTextIndex(text, options) {
  const whole = matchOptionText(text, options);
  if (text.length <= 200 && whole >= 0) return whole;
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const lastLine = (lines[lines.length - 1] || "").trim();
  return lastLine.length <= 200 ? matchOptionText(lastLine.replace(/[.!]+$/, ""), options) : -1;
}
`;
