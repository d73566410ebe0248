import { GRADER_CHOICE_SOURCE } from "./grader-source-choice.js";
import { GRADER_TEXT_SOURCE } from "./grader-source-text.js";

/** File name of the grader written beside the promptfoo config. */
export const PROMPTFOO_GRADER_FILE = "benchsmith-grade.cjs";

/** What each test's `javascript` assertion passes to the grader in its `config`. */
export type PromptfooGraderConfig =
  | { format: "mcq"; options: readonly string[]; answer: string }
  | { format: "open"; answer: string };

// CommonJS (.cjs) loads the same way whether or not the folder's package.json says "type": "module".
const HEADER = `// benchsmith grader for promptfoo, written by \`benchsmith export --format promptfoo\`.
// It reads each reply with the rules \`benchsmith eval\` uses (src/evaluate/extract-answer.ts):
// a reply that is only a letter, a JSON answer field, the last stated conclusion ("Answer: c",
// "the correct option is C", "\\boxed{C}", "C is correct"), letters marked as letters, then the
// option's own text. Open answers: the text after the last "Answer:", compared after normalising
// case, punctuation, articles and number formatting, then as numbers within a relative tolerance
// when both read as plain numbers ("2.50" = "2.5"). Each test passes its item in the
// assertion's config: { format: "mcq", options: [...], answer: "C" } or { format: "open", answer }.
"use strict";
`;

const ENTRY = `
function grade(output, context) {
  const config = (context && context.config) || {};
  const reply = typeof output === "string" ? output : JSON.stringify(output);
  const answer = String(config.answer === undefined ? "" : config.answer);
  if (config.format === "mcq") {
    const options = Array.isArray(config.options) ? config.options.map(String) : [];
    const found = extractChoiceDetailed(reply, options);
    const pass = found.letter !== null && found.letter === answer;
    const read = found.letter === null ? "no single option" : "option " + found.letter + " (" + found.method + ")";
    return { pass, score: pass ? 1 : 0, reason: "read " + read + "; the key is " + answer };
  }
  if (config.format === "open") {
    const graded = gradeOpenAnswer(reply, answer);
    const read = graded.extracted === null ? "an empty reply" : JSON.stringify(graded.extracted);
    return {
      pass: graded.correct,
      score: graded.correct ? 1 : 0,
      reason:
        "read " + read + "; the reference is " + JSON.stringify(answer) + (graded.byNumber ? " (compared as numbers)" : ""),
    };
  }
  return { pass: false, score: 0, reason: "the assertion has no benchsmith config (format, answer)" };
}

module.exports = grade;
`;

/** The grader's source: one self-contained CommonJS file promptfoo loads as `file://benchsmith-grade.cjs`. */
export function promptfooGraderSource(): string {
  return HEADER + GRADER_TEXT_SOURCE + GRADER_CHOICE_SOURCE + ENTRY;
}
