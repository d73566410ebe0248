import { normalizeAnswer } from "../../evaluate/normalize-answer.js";
import { containsWords } from "./check-support.js";
import type { Draft } from "./draft.js";

/** MCQ items get the answer and this many distractors (AutoBencher's items are open; ours can be 4-way). */
const MCQ_DISTRACTORS = 3;

/**
 * The checks that need no model, in order: a question and an answer are there; an MCQ draft has
 * MCQ_DISTRACTORS distinct distractors that differ from the answer; the question does not contain
 * its answer (leakage); it is not a repeat of a question the description already has. Returns the
 * names of the checks passed, or the first failure's reason.
 */
export function checkDraft(options: {
  draft: Draft;
  format: "open" | "mcq";
  /** Normalised questions the description already holds (this batch's accepted ones included). */
  seen: ReadonlySet<string>;
}): { passed: string[] } | { reason: string } {
  const { draft } = options;
  if (draft.question === "" || draft.answer === "") return { reason: "schema: no question or no answer" };
  const passed = ["schema"];
  if (options.format === "mcq") {
    const answer = normalizeAnswer(draft.answer);
    const distinct = new Set(
      draft.distractors.map(normalizeAnswer).filter((text) => text !== "" && text !== answer),
    );
    if (distinct.size < MCQ_DISTRACTORS)
      return { reason: `format: needs ${MCQ_DISTRACTORS} distinct distractors that differ from the answer` };
    passed.push("format");
  }
  if (containsWords(draft.question, draft.answer))
    return { reason: "leakage: the question contains its answer" };
  passed.push("leakage");
  if (options.seen.has(normalizeAnswer(draft.question)))
    return { reason: "duplicate: the description has this question already" };
  passed.push("duplicate");
  return { passed };
}

/** The distractors an MCQ item uses: the first MCQ_DISTRACTORS distinct ones that differ from the answer. */
export function pickDistractors(draft: Draft): string[] {
  const answer = normalizeAnswer(draft.answer);
  const kept = new Map<string, string>();
  for (const text of draft.distractors) {
    const key = normalizeAnswer(text);
    if (key !== "" && key !== answer && !kept.has(key)) kept.set(key, text);
  }
  return [...kept.values()].slice(0, MCQ_DISTRACTORS);
}
