import type { LanguageModel } from "../../core/language-model.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { Candidate } from "./candidate.js";
import { checkOpenAnswer, convertToOpen, type OpenForm } from "./convert-open.js";
import { MAKE_PROMPTS } from "./prompts.js";
import { type OpenTestOutcome, testTakeOpen } from "./test-take-open.js";

/** The step name the judge calls of the open format are counted under. */
export const OPEN_JUDGE_STEP = "judge-open";

export interface OpenAttempt {
  open: OpenForm;
  /** How the converted answer was found to be the keyed option. */
  check: "matched" | "judged";
  /** The test-takers on the open question (when they label the item). */
  testing: OpenTestOutcome | undefined;
}

/**
 * Open format (OTG): the checked MCQ is converted, the converted answer checked against the keyed
 * option, then (with test-takers) the difficulty label measured on the open question itself. Fewer
 * than half of the open answers gradeable rejects the item, as for the MCQ form.
 */
export async function makeOpenForm(input: {
  candidate: Candidate;
  testTakers: number | undefined;
  model: (step: string) => LanguageModel;
}): Promise<Result<OpenAttempt, StepRejection>> {
  const { candidate, model } = input;
  const converted = await convertToOpen({ model: model(MAKE_PROMPTS.convertOpen.step), candidate });
  if (!converted.success) return fail({ reason: converted.error, details: {} });
  const open = converted.value;
  const checked = await checkOpenAnswer({ judge: model(OPEN_JUDGE_STEP), candidate, open });
  if (!checked.success) return fail({ reason: checked.error, details: { open } });
  if (input.testTakers === undefined) return ok({ open, check: checked.value, testing: undefined });
  const testing = await testTakeOpen({
    model: model(MAKE_PROMPTS.testTakerOpen.step),
    judge: model(OPEN_JUDGE_STEP),
    question: open.question,
    reference: open.answer,
    testTakers: input.testTakers,
  });
  if (testing.graded * 2 < input.testTakers) {
    return fail({
      reason: `unanswerable: only ${testing.graded} of ${input.testTakers} answers to the open question could be graded`,
      details: { open, openAnswers: testing.answers.map((answer) => answer.answer ?? null) },
    });
  }
  return ok({ open, check: checked.value, testing });
}
